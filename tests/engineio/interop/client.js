// Interop peer: the npm engine.io-client against the C++ Engine.IO server of the test.
//
// usage: node client.js <port> <polling|websocket|default> <client-close|server-close> [ca.pem]
// With a CA file, connects over https/wss and verifies the server against it.
// Opens a session with the given transports (default: polling, then the upgrade), checks the
// echo of a text and a binary message, then closes (from the client, or by asking the server's
// echo handler with the message "close"). Prints one line per step and exits 0 on success.
"use strict";
const { Socket } = require("engine.io-client");

const fs = require("fs");

const [port, mode, closer, ca] = process.argv.slice(2);
const transports = mode === "default" ? ["polling", "websocket"] : [mode];
const fail = (why) => {
  console.log("FAIL " + why);
  process.exit(1);
};
setTimeout(() => fail("timeout"), 15000).unref();

const options = { transports, path: "/engine.io/" };
if (ca) options.ca = fs.readFileSync(ca);
const socket = new Socket(`${ca ? "https" : "http"}://127.0.0.1:${port}`, options);
const binary = Buffer.from([0, 1, 2, 253, 254, 255]);
let step = "text";

const exchange = () => {
  console.log("transport " + socket.transport.name);
  socket.send("hello from node");
};

socket.on("open", () => {
  console.log("open");
  if (mode === "default") socket.once("upgrade", exchange);
  else exchange();
});
socket.on("message", (data) => {
  if (step === "text") {
    if (data !== "hello from node") fail("text echo: " + JSON.stringify(data));
    console.log("text echo ok");
    step = "binary";
    socket.send(binary);
  } else if (step === "binary") {
    if (!Buffer.isBuffer(data) && !(data instanceof ArrayBuffer)) fail("binary echo is not binary");
    if (!Buffer.from(data).equals(binary)) fail("binary echo differs");
    console.log("binary echo ok");
    step = "closing";
    if (closer === "server-close") socket.send("close");
    else socket.close();
  }
});
socket.on("error", (err) => fail("error " + err));
socket.on("close", (reason) => {
  if (step !== "closing") fail("closed early: " + reason);
  console.log("close " + reason);
  // Let the transport finish closing (the close packet or frame) before exiting.
  setTimeout(() => process.exit(0), 300);
});
