// Interop peer of tests/typed/nsp_test.cpp: the npm socket.io-client (default options) against
// the typed namespace API on the contract tests/typed/schema/typed_test.yaml.
//
// usage: node nsp_client.js <port> <scenario>
//   move     move with all / only the required arguments, moved to self and others, chat both ways
//   invalid  payloads failing validation (ack carries the error; hooks per namespace), a
//            throwing handler, the /admin namespace
//   ask      the server's question with an ack: a valid answer, an invalid one, none (timeout)
//   room     a broadcast question with acks to two sockets
// Prints one line per step and exits 0 on success; bounded by its own timer.
"use strict";
const { io } = require("socket.io-client");

const [port, scenario] = process.argv.slice(2);
const url = `http://127.0.0.1:${port}`;
const fail = (why) => {
  console.log("FAIL " + why);
  process.exit(1);
};
setTimeout(() => fail("timeout"), 15000).unref();
const once = (s, ev) => new Promise((r) => s.once(ev, (...a) => r(a)));
const expectEq = (what, got, want) => {
  if (JSON.stringify(got) !== JSON.stringify(want))
    fail(`${what}: got ${JSON.stringify(got)}, want ${JSON.stringify(want)}`);
  console.log(what + " ok");
};
const connect = async (path = "") => {
  const s = io(url + path, { forceNew: true });
  s.on("connect_error", (e) => fail("connect_error " + e.message));
  await once(s, "connect");
  return s;
};

async function move() {
  const a = await connect();
  const b = await connect();
  const othersMoved = once(b, "moved");
  const selfMoved = once(a, "moved");
  expectEq("full move ack", await a.emitWithAck("move", { x: 1, y: 2 }, "fast", 7),
           { x: 101, y: 102 });
  // The sender's `moved` leaves the optional label out: one argument on the wire.
  expectEq("moved without label", await selfMoved, [{ x: 101, y: 102 }]);
  expectEq("others moved", await othersMoved, [{ x: 101, y: 102 }, "someone"]);
  expectEq("short move ack", await a.emitWithAck("move", { x: 3, y: 4 }), { x: 103, y: 104 });
  const echo = once(a, "chat");
  a.emit("chat", "hi");
  expectEq("chat echo", await echo, ["echo: hi"]);
  a.disconnect();
  b.disconnect();
}

async function invalid() {
  const a = await connect();
  const bad = await a.emitWithAck("move", { x: 1 });
  console.log("move validation " + JSON.stringify(bad));
  const badSpeed = await a.emitWithAck("move", { x: 1, y: 2 }, "label", "fast");
  console.log("move validation " + JSON.stringify(badSpeed));
  a.emit("chat", 42);  // no ack: the root namespace's hook
  a.emit("move", { x: -1, y: 0 }, () => {});  // the handler throws: the root's error hook
  const admin = io(url + "/admin", { forceNew: true });
  const notice = once(admin, "notice");
  await once(admin, "connect");
  expectEq("admin notice", await notice, ["welcome"]);
  admin.emit("kick");  // no ack: the admin namespace's hook
  expectEq("kick ack", await admin.emitWithAck("kick", "bob"), true);
  expectEq("still up", await a.emitWithAck("move", { x: 0, y: 0 }), { x: 100, y: 100 });
  a.disconnect();
  admin.disconnect();
}

async function ask() {
  const a = await connect();
  let n = 0;
  a.on("question", (text, cb) => {
    ++n;
    if (n === 1) cb({ ok: true, reason: "because" });
    else if (n === 2) cb({ ok: "yes" });
    // the third question gets no answer: the server's ack times out
  });
  const thanks = once(a, "chat");
  a.emit("ask_me", "one");
  expectEq("thanks", await thanks, ["thanks"]);
  a.emit("ask_me", "two");
  a.emit("ask_me", "three");
  await new Promise((r) => setTimeout(r, 800));  // past the server's 500 ms ack timeout
  expectEq("questions", n, 3);
  a.disconnect();
}

async function room() {
  const a = await connect();
  const b = await connect();
  a.on("question", (text, cb) => cb({ ok: true }));
  b.on("question", (text, cb) => cb({ ok: false, reason: "no" }));
  const got = Promise.all([once(a, "question"), once(b, "question")]);
  a.emit("ask_me", "room");
  const [qa, qb] = await got;
  expectEq("room question", [qa[0], qb[0]], ["all?", "all?"]);
  await new Promise((r) => setTimeout(r, 100));
  a.disconnect();
  b.disconnect();
}

(async () => {
  const scenarios = { move, invalid, ask, room };
  if (!scenarios[scenario]) fail("unknown scenario " + scenario);
  await scenarios[scenario]();
  console.log("DONE");
  process.exit(0);
})().catch((e) => fail(String(e)));
