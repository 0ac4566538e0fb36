// Interop peer: the npm socket.io server for the C++ client of tests/client/interop_test.cpp.
//
// usage: node server.js [port] [restart_down_ms] [cert.pem key.pem]
//   Listens on 127.0.0.1:<port> (0: any) and prints "PORT <n>" once listening; HTTPS with the
//   certificate and key when given.
//   Namespaces "/" and "/admin". "/admin" needs auth {token: "good"}; otherwise the CONNECT is
//   refused with err.message "bad token" and err.data {"reason":"denied","token":<token>}.
//   On both namespaces:
//     echo ...args [ack]   acks the arguments when asked, else emits "echo" with them (Buffers
//                          included: binary both ways)
//     whoami [ack]         acks [socket.id, nsp name, auth]
//     ask                  server emits "question" "q" with an ack (2 s timeout); then "answer"
//                          with the ack's arguments, or "ack_error" with the error message
//     ask_silent           the same with event "silent" and a 300 ms timeout
//     kick                 socket.disconnect(): "io server disconnect" on the client
//     restart              closes the server (every client sees "transport close") and listens
//                          again on the same port after <restart_down_ms> (default 1500)
//   Bounded by its own timer (50 s).
"use strict";
const fs = require("fs");
const http = require("http");
const https = require("https");
const { Server } = require("socket.io");

const port = Number(process.argv[2] || 0);
const downMs = Number(process.argv[3] || 1500);
const tls = process.argv[5]
  ? { cert: fs.readFileSync(process.argv[4]), key: fs.readFileSync(process.argv[5]) }
  : null;
setTimeout(() => process.exit(0), 50000).unref();

function attach(io) {
  io.of("/admin").use((socket, next) => {
    const token = socket.handshake.auth && socket.handshake.auth.token;
    if (token === "good") return next();
    const err = new Error("bad token");
    err.data = { reason: "denied", token: token === undefined ? null : token };
    next(err);
  });
  for (const name of ["/", "/admin"]) {
    io.of(name).on("connection", (socket) => {
      socket.on("echo", (...args) => {
        const ack = typeof args[args.length - 1] === "function" ? args.pop() : null;
        if (ack) ack(...args);
        else socket.emit("echo", ...args);
      });
      socket.on("whoami", (ack) => ack(socket.id, name, socket.handshake.auth));
      const ask = (event, ms) => () => {
        socket.timeout(ms).emit(event, "q", (err, ...answer) => {
          if (err) socket.emit("ack_error", err.message);
          else socket.emit("answer", ...answer);
        });
      };
      socket.on("ask", ask("question", 2000));
      socket.on("ask_silent", ask("silent", 300));
      socket.on("kick", () => socket.disconnect());
      socket.on("restart", () => restart());
    });
  }
}

let httpServer;
let io;
function listen(p, cb) {
  httpServer = tls ? https.createServer(tls) : http.createServer();
  io = new Server(httpServer, { pingInterval: 2000, pingTimeout: 2000 });
  attach(io);
  httpServer.listen(p, "127.0.0.1", () => cb(httpServer.address().port));
}

let restarting = false;
function restart() {
  if (restarting) return;
  restarting = true;
  const p = httpServer.address().port;
  // io.close() disconnects every client and closes the HTTP server.
  io.close(() => {
    setTimeout(() => {
      listen(p, () => {
        restarting = false;
        console.log("RESTARTED");
      });
    }, downMs);
  });
}

listen(port, (p) => console.log("PORT " + p));
