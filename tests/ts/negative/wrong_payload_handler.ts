// A server handler that expects the wrong argument type for a client-to-server event.
import { Server } from "socket.io";
import type { ClientToServerEvents, ServerToClientEvents } from "@generated/messaging";

const io = new Server<ClientToServerEvents, ServerToClientEvents>();
io.on("connection", (socket) => {
  socket.on("join:conversation", (conversation: { id: string }) => console.log(conversation.id)); // error: TS2345
});
