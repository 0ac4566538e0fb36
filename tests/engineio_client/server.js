// Interop peer: the npm engine.io server (pinned in package-lock.json) for the C++ Engine.IO
// client tests.
//
// usage: node server.js
// Listens on an ephemeral port of 127.0.0.1 with the path /engine.io/ and prints
// "listening <port>". Echoes every message (text as text, binary as binary); the message
// "close" makes the server close the session instead. Exits when its stdin ends.
"use strict";
const http = require("http");
const { Server } = require("engine.io");

const httpServer = http.createServer();
const engine = new Server({ path: "/engine.io/", pingInterval: 300, pingTimeout: 200 });
engine.attach(httpServer);
engine.on("connection", (socket) => {
  socket.on("message", (data) => {
    if (data === "close") socket.close();
    else socket.send(data);
  });
});
httpServer.listen(0, "127.0.0.1", () => {
  console.log("listening " + httpServer.address().port);
});
process.stdin.on("end", () => process.exit(0));
process.stdin.resume();
