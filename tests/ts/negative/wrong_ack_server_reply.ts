// A server acknowledging with the wrong payload: users:get-status acks UserStatus[].
import { Server } from "socket.io";
import type { ClientToServerEvents, ServerToClientEvents } from "@generated/messaging";

const io = new Server<ClientToServerEvents, ServerToClientEvents>();
io.on("connection", (socket) => {
  socket.on("users:get-status", (userIds, ack) => {
    ack(userIds.map((userId) => ({ userId, status: "away" }))); // error: TS2345
  });
});
