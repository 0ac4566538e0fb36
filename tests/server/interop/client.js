// Interop peer: the npm socket.io-client (default options) against the C++ Socket.IO server of
// tests/server/interop_test.cpp.
//
// usage: node client.js <port> <scenario> [args...]
//   basic <default|websocket|polling>  events, acks both ways (with timeouts), binary, server
//                                      disconnect
//   namespaces                         two namespaces over one connection, middleware refusal,
//                                      unknown namespace, client namespace disconnect
//   rooms                              room isolation and broadcast except sender
//   jwt <auth|header|none> <token> <ok|MESSAGE>
//   reconnect                          default options; the server restarts on the same port:
//                                      "transport close", the manager's "reconnect", an event
//   oversize <websocket|polling>       an emit over maxHttpBufferSize drops that connection only
//   dynamic                            dynamic namespaces: children of a parent, parent broadcast
// Prints one line per step and exits 0 on success; bounded by its own timer.
"use strict";
const { io } = require("socket.io-client");

const [port, scenario, ...args] = process.argv.slice(2);
const url = `http://127.0.0.1:${port}`;
const fail = (why) => {
  console.log("FAIL " + why);
  process.exit(1);
};
setTimeout(() => fail("timeout"), 15000).unref();
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const once = (s, ev) => new Promise((r) => s.once(ev, (...a) => r(a)));
const expectEq = (what, got, want) => {
  if (JSON.stringify(got) !== JSON.stringify(want))
    fail(`${what}: got ${JSON.stringify(got)}, want ${JSON.stringify(want)}`);
  console.log(what + " ok");
};

async function basic(mode) {
  const transports = mode === "default" ? undefined : [mode];
  const socket = io(url, transports ? { transports } : {});
  socket.on("connect_error", (e) => fail("connect_error " + e.message));
  await once(socket, "connect");
  if (!socket.id || socket.id === socket.io.engine.id) fail("socket id " + socket.id);
  console.log("connected");
  if (mode === "default" && socket.io.engine.transport.name !== "websocket")
    await once(socket.io.engine, "upgrade");
  console.log("transport " + socket.io.engine.transport.name);

  // client -> server event, server -> client event
  const echoed = once(socket, "echo");
  socket.emit("echo", 1, { a: "b" }, [true, null]);
  expectEq("server emit", await echoed, [1, { a: "b" }, [true, null]]);
  // client -> server with ack
  const acked = new Promise((r) => socket.emit("echo", "x", 2, (...a) => r(a)));
  expectEq("server ack", await acked, ["x", 2]);
  // server -> client with ack
  socket.on("question", (q, cb) => cb(q + "!", 42));
  socket.emit("ask");
  expectEq("client ack", await once(socket, "answer"), ["q!", 42]);
  // server -> client ack timeout
  socket.on("silent", () => {});
  socket.emit("ask_silent");
  expectEq("server ack timeout", await once(socket, "ack_error"), ["acknowledgement timed out"]);
  // client ack timeout: the server never acks "ignore"
  try {
    await socket.timeout(100).emitWithAck("ignore", 1);
    fail("ack did not time out");
  } catch (e) {
    console.log("client ack timeout ok");
  }
  // binary round trip (BINARY_EVENT both ways)
  const bin = Buffer.from([0, 1, 2, 253, 254, 255]);
  const binEcho = once(socket, "binary");
  socket.emit("binary", { name: "blob", data: bin }, bin);
  const [meta, raw] = await binEcho;
  if (meta.name !== "blob" || !Buffer.from(meta.data).equals(bin) || !Buffer.from(raw).equals(bin))
    fail("binary echo differs " + JSON.stringify(meta));
  console.log("binary ok");
  // server-side disconnect: "io server disconnect", and no reconnection
  const closed = once(socket, "disconnect");
  socket.emit("disconnect_me");
  expectEq("disconnect reason", await closed, ["io server disconnect", undefined]);
  let reconnected = false;
  socket.on("connect", () => (reconnected = true));
  await sleep(700);
  if (reconnected || socket.connected) fail("reconnected");
  console.log("no reconnect ok");
}

async function namespaces() {
  const main = io(url);
  const admin = io(url + "/admin", { auth: { role: "admin" } });
  await Promise.all([once(main, "connect"), once(admin, "connect")]);
  if (main.io !== admin.io || main.io.engine.id !== admin.io.engine.id) fail("not multiplexed");
  if (main.id === admin.id) fail("same socket id");
  console.log("two namespaces ok");
  expectEq("admin event", await admin.emitWithAck("whoami"), "/admin");
  expectEq("main event", await main.emitWithAck("echo", "main"), "main");

  const refused = io(url + "/admin", { forceNew: true, auth: { role: "guest" } });
  const [err] = await once(refused, "connect_error");
  expectEq("middleware refusal", [err.message, err.data], ["not authorized", { code: "FORBIDDEN" }]);
  refused.close();

  const unknown = io(url + "/nope", { forceNew: true });
  const [err2] = await once(unknown, "connect_error");
  expectEq("unknown namespace", err2.message, "Invalid namespace");
  unknown.close();

  admin.disconnect();  // client namespace disconnect; "/" stays up on the same engine
  await sleep(100);
  expectEq("main still up", await main.emitWithAck("echo", "still"), "still");
  main.disconnect();
}

async function rooms() {
  const mk = () => io(url, { forceNew: true });
  const [a, b, c] = [mk(), mk(), mk()];
  await Promise.all([a, b, c].map((s) => once(s, "connect")));
  await a.emitWithAck("join", "red");
  await b.emitWithAck("join", "red");
  await c.emitWithAck("join", "blue");
  const got = { a: [], b: [], c: [] };
  for (const [k, s] of Object.entries({ a, b, c })) {
    s.on("room_msg", (m) => got[k].push("room:" + m));
    s.on("broadcast", (m) => got[k].push("all:" + m));
  }
  a.emit("to_room", "red", "hi red");
  c.emit("to_room", "blue", "hi blue");
  c.emit("broadcast", "from c");
  // Wait for what is expected (bounded), then a little longer so a stray delivery shows up.
  for (let t = 0; t < 100 && (got.a.length < 1 || got.b.length < 2); ++t) await sleep(30);
  await sleep(200);
  expectEq("room a", got.a, ["all:from c"]);
  // a's and c's emits travel on different connections: their relative order is not defined.
  expectEq("room b", [...got.b].sort(), ["all:from c", "room:hi red"]);
  expectEq("room c", got.c, []);
  [a, b, c].forEach((s) => s.disconnect());
}

async function jwt(where, token, expect) {
  const opts = { forceNew: true, reconnection: false };
  if (where === "auth") opts.auth = { token };
  if (where === "header") {
    opts.transports = ["polling"];
    opts.extraHeaders = { Authorization: "Bearer " + token };
  }
  const s = io(url + "/jwt", opts);
  const result = await Promise.race([
    once(s, "claims").then(([c]) => ({ ok: c })),
    once(s, "connect_error").then(([e]) => ({ err: e.message })),
  ]);
  if (expect === "ok") {
    if (!result.ok) fail("refused: " + result.err);
    expectEq("claims", result.ok.sub, "alice");
  } else {
    expectEq("jwt refused", result.err, expect);
  }
  s.close();
}

async function reconnect() {
  const socket = io(url);
  // While the server restarts the manager's attempts may be refused: not a failure.
  socket.on("connect_error", (e) => console.log("connect_error " + e.message));
  await once(socket, "connect");
  const firstId = socket.id;
  console.log("connected");
  if (socket.io.engine.transport.name !== "websocket") await once(socket.io.engine, "upgrade");
  const disconnected = once(socket, "disconnect");
  const reconnected = once(socket.io, "reconnect");
  socket.emit("ready");  // the test restarts the server now
  const [reason] = await disconnected;
  // io.close() sends no DISCONNECT: the transport closes, so the client reconnects.
  expectEq("disconnect reason", reason, "transport close");
  await reconnected;
  console.log("reconnect ok");
  if (!socket.connected) await once(socket, "connect");
  if (socket.id === firstId) fail("same socket id after the restart");
  expectEq("event on new server", await socket.emitWithAck("echo", "again"), "again");
  socket.disconnect();
}

async function oversize(transport) {
  const victim = io(url, { forceNew: true, transports: [transport], reconnection: false });
  const other = io(url, { forceNew: true, transports: [transport] });
  await Promise.all([once(victim, "connect"), once(other, "connect")]);
  console.log("connected");
  const closed = once(victim, "disconnect");
  victim.emit("echo", "x".repeat(20000));
  const [reason] = await closed;
  console.log("client reason " + reason);
  expectEq("other still up", await other.emitWithAck("echo", "fine"), "fine");
  other.disconnect();
}

async function dynamic() {
  const a = io(url + "/dyn-123");
  const b = io(url + "/dyn-456");
  if (a.io !== b.io) fail("not multiplexed");
  const [[wa], [wb]] = await Promise.all([once(a, "welcome"), once(b, "welcome")]);
  expectEq("welcome", [wa, wb], ["/dyn-123", "/dyn-456"]);
  expectEq("child event", await a.emitWithAck("whoami"), "/dyn-123");

  const denied = io(url + "/dyn-789", { forceNew: true, auth: { deny: true } });
  const [e0] = await once(denied, "connect_error");
  expectEq("parent middleware", e0.message, "denied by parent");
  denied.close();
  const nomatch = io(url + "/dyn-x", { forceNew: true });
  const [e1] = await once(nomatch, "connect_error");
  expectEq("no parent", e1.message, "Invalid namespace");
  nomatch.close();

  const newsA = once(a, "news");
  const newsB = once(b, "news");
  expectEq("parent emit count", await a.emitWithAck("parent_emit", "hi", 1), 2);
  expectEq("parent emit", [await newsA, await newsB], [["hi", 1], ["hi", 1]]);

  await b.emitWithAck("join", "vip");
  const got = [];
  a.on("room_news", (m) => got.push("a:" + m));
  b.on("room_news", (m) => got.push("b:" + m));
  expectEq("parent room emit count", await a.emitWithAck("parent_room_emit", "vip", "psst"), 1);
  // Wait for what is expected (bounded), then a little longer so a stray delivery shows up.
  for (let t = 0; t < 100 && got.length < 1; ++t) await sleep(20);
  await sleep(200);
  expectEq("parent room emit", got, ["b:psst"]);
  a.disconnect();
  b.disconnect();
}

(async () => {
  if (scenario === "basic") await basic(args[0]);
  else if (scenario === "reconnect") await reconnect();
  else if (scenario === "oversize") await oversize(args[0]);
  else if (scenario === "dynamic") await dynamic();
  else if (scenario === "namespaces") await namespaces();
  else if (scenario === "rooms") await rooms();
  else if (scenario === "jwt") await jwt(args[0], args[1], args[2]);
  else fail("unknown scenario " + scenario);
  console.log("DONE");
  setTimeout(() => process.exit(0), 200);
})().catch((e) => fail("exception " + (e && e.stack)));
