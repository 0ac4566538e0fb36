// Interop peer of tests/typed/server_test.cpp: the npm socket.io-client (default options)
// against typed handlers for chat and messaging events.
//
// usage: node client.js <port> <scenario>
//   valid     send_message reaches the typed handler, new_message arrives; a typed ack
//   invalid   payloads that fail validation: the ack carries the validation error
//   throws    a throwing handler is reported and the socket stays up
//   other     a socket of namespace /other, where typed::on<chat::...> refuses to register
// Prints one line per step and exits 0 on success; bounded by its own timer.
"use strict";
const { io } = require("socket.io-client");

const [port, scenario] = process.argv.slice(2);
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
const conv = "0123456789abcdef01234567";

async function valid(socket) {
  socket.emit("join_conversation", { conversation_id: conv });
  const arrived = once(socket, "new_message");
  socket.emit("send_message", { conversation_id: conv, text: "hi" });
  expectEq("new_message", await arrived, [
    {
      id: "aaaaaaaaaaaaaaaaaaaaaaaa",
      conversationId: conv,
      senderId: "bbbbbbbbbbbbbbbbbbbbbbbb",
      senderName: "alice",
      text: "hi",
      createdAt: "2026-01-01T00:00:00Z",
    },
  ]);
  expectEq("online users ack", await socket.emitWithAck("conversation:get-online-users", conv),
           ["u1", "u2"]);
}

async function invalid(socket) {
  const missing = await socket.emitWithAck("conversation:get-online-users");
  console.log("validation error " + JSON.stringify(missing));
  expectEq("missing argument", [missing.error, missing.path], ["validation", "conversationId"]);
  if (typeof missing.message !== "string" || !missing.message) fail("no message");
  const wrong = await socket.emitWithAck("conversation:get-online-users", { conversation_id: 1 });
  expectEq("wrong type", [wrong.error, wrong.path], ["validation", "conversationId"]);
  // No ack: reported to typed::on_invalid_payload on the server.
  socket.emit("send_message", { text: "no conversation" });
  // Still connected and served.
  expectEq("still up", await socket.emitWithAck("conversation:get-online-users", conv),
           ["u1", "u2"]);
}

async function throws(socket) {
  socket.emit("leave_conversation", { conversation_id: conv });
  expectEq("still up", await socket.emitWithAck("conversation:get-online-users", conv),
           ["u1", "u2"]);
}

(async () => {
  const socket = io(`http://127.0.0.1:${port}` + (scenario === "other" ? "/other" : ""));
  socket.on("connect_error", (e) => fail("connect_error " + e.message));
  await once(socket, "connect");
  console.log("connected");
  const scenarios = { valid, invalid, throws, other: async () => {} };
  if (!scenarios[scenario]) fail("unknown scenario " + scenario);
  await scenarios[scenario](socket);
  socket.disconnect();
  console.log("DONE");
  process.exit(0);
})().catch((e) => fail(String(e)));
