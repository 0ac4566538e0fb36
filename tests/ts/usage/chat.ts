// Uses the generated chat module with real socket.io / socket.io-client types: every event is
// emitted by its sender and handled by its receiver with schema-shaped payloads.
import { Server } from "socket.io";
import { io, type Socket } from "socket.io-client";
import {
  guards,
  isSendMessagePayload,
  type ClientToServerEvents,
  type NewMessagePayload,
  type ServerToClientEvents,
  type SocketData,
} from "@generated/chat";

type ServerSideEvents = Record<string, never>;

export function server(httpPort: number): Server<ClientToServerEvents, ServerToClientEvents, ServerSideEvents, SocketData> {
  const ioServer = new Server<ClientToServerEvents, ServerToClientEvents, ServerSideEvents, SocketData>(httpPort, {
    path: "/socket.io/",
    transports: ["websocket"],
  });
  ioServer.on("connection", (socket) => {
    const userId: string = socket.data.userId;
    socket.on("join_conversation", (request) => {
      void socket.join(`conversation:${request.conversation_id}`);
    });
    socket.on("leave_conversation", (request) => {
      void socket.leave(`conversation:${request.conversation_id}`);
    });
    socket.on("send_message", (message) => {
      if (!isSendMessagePayload(message)) {
        socket.emit("error", { code: "SEND_MESSAGE_FAILED", message: "Invalid payload" });
        return;
      }
      const delivered: NewMessagePayload = {
        id: "507f191e810c19729de860ea",
        conversationId: message.conversation_id,
        senderId: userId,
        senderName: socket.data.username,
        createdAt: new Date().toISOString(),
        ...(message.text !== undefined ? { text: message.text } : {}),
      };
      ioServer.to(`conversation:${message.conversation_id}`).emit("new_message", delivered);
    });
    socket.emit("error", { code: "JOIN_FAILED", message: "Failed to join conversation", details: "Conversation not found" });
  });
  return ioServer;
}

export function client(url: string, token: string): Socket<ServerToClientEvents, ClientToServerEvents> {
  const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io(url, {
    auth: { token },
    transports: ["websocket"],
  });
  socket.on("new_message", (message) => {
    const text: string | undefined = message.text;
    console.log(message.senderName, text ?? message.url);
  });
  socket.on("error", (error) => {
    const code: string = error.code;
    console.error(code, error.message, error.details);
  });
  socket.emit("join_conversation", { conversation_id: "507f1f77bcf86cd799439011" });
  socket.emit("send_message", { conversation_id: "507f1f77bcf86cd799439011", text: "Hello, everyone!" });
  socket.emit("send_message", {
    conversation_id: "507f1f77bcf86cd799439011",
    url: "https://cdn.example.com/files/document.pdf",
    fileName: "document.pdf",
  });
  socket.emit("leave_conversation", { conversation_id: "507f1f77bcf86cd799439011" });
  // Incoming payloads can also be checked at run time with the generated guards.
  socket.onAny((event: string, ...args: unknown[]) => {
    const leg = (guards.serverToClient as Record<string, { args: (a: readonly unknown[]) => boolean }>)[event];
    if (leg && !leg.args(args)) console.warn(`malformed ${event}`);
  });
  return socket;
}
