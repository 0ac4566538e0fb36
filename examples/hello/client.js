// A socket.io-client for the hello server: joins a conversation, sends a message, prints what
// comes back. usage: node client.js <port>
"use strict";
const { io } = require("socket.io-client");

const socket = io(`http://127.0.0.1:${process.argv[2] || 3000}`);
const conversation = "65f0000000000000000000c1";
setTimeout(() => { console.log("FAIL timeout"); process.exit(1); }, 10000).unref();
socket.on("connect", () => {
  socket.emit("join_conversation", { conversation_id: conversation });
  socket.emit("send_message", { conversation_id: conversation, text: "hello" });
});
socket.on("new_message", (m) => {
  console.log("new_message " + JSON.stringify(m));
  const ok = m.conversationId === conversation && m.text === "hello" &&
             m.senderName === "user " + socket.id;
  console.log(ok ? "OK" : "FAIL unexpected message");
  process.exit(ok ? 0 : 1);
});
