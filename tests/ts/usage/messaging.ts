// Uses the generated messaging module with real socket.io / socket.io-client types: every
// event in its direction(s), including the three acks and the events that exist both ways with
// different payloads (typing:*) or the same payload (notification:read, notifications:read-all).
import { Server } from "socket.io";
import { io, type Socket } from "socket.io-client";
import {
  PresenceStatusValues,
  isUserStatus,
  type ClientToServerEvents,
  type Message,
  type PresenceStatus,
  type ServerToClientEvents,
  type SocketData,
  type UserStatus,
} from "@generated/messaging";

type ServerSideEvents = Record<string, never>;
type MessagingServer = Server<ClientToServerEvents, ServerToClientEvents, ServerSideEvents, SocketData>;
const online = new Set<string>();
const statusOf = (userId: string): UserStatus => ({ userId, status: online.has(userId) ? "online" : "offline" });

export function server(): MessagingServer {
  const ioServer: MessagingServer = new Server(3000, { path: "/socket.io/" });
  ioServer.on("connection", (socket) => {
    const userRoom = `user:${socket.data.userId}`;
    void socket.join(userRoom);
    online.add(socket.data.userId);
    ioServer.emit("user:status-changed", { userId: socket.data.userId, status: "online" });
    socket.on("join:conversation", (conversationId) => void socket.join(`conversation:${conversationId}`));
    socket.on("leave:conversation", (conversationId) => void socket.leave(`conversation:${conversationId}`));
    socket.on("typing:start", ({ conversationId }) => {
      socket.to(`conversation:${conversationId}`).emit("typing:start", { conversationId, userId: socket.data.userId });
    });
    socket.on("typing:stop", ({ conversationId }) => {
      socket.to(`conversation:${conversationId}`).emit("typing:stop", { conversationId, userId: socket.data.userId });
    });
    socket.on("conversation:get-online-users", (conversationId, ack) => {
      const ids = [...(ioServer.sockets.adapter.rooms.get(`conversation:${conversationId}`) ?? [])];
      ack(ids.filter((id) => online.has(id)));
    });
    socket.on("notification:read", (notificationId) => socket.to(userRoom).emit("notification:read", notificationId));
    socket.on("notifications:read-all", () => socket.to(userRoom).emit("notifications:read-all"));
    socket.on("user:get-status", (targetUserId, ack) => ack(statusOf(targetUserId)));
    socket.on("users:get-status", (userIds, ack) => ack(userIds.map(statusOf)));
    socket.on("disconnect", () => {
      online.delete(socket.data.userId);
      ioServer.emit("user:status-changed", { userId: socket.data.userId, status: "offline" });
    });
  });
  return ioServer;
}

export function emitNewMessage(ioServer: MessagingServer, message: Message): void {
  ioServer.to(`conversation:${message.conversationId}`).emit("message:new", message);
  ioServer.to(`conversation:${message.conversationId}`).emit("messages:read", {
    conversationId: message.conversationId,
    messageIds: [message.id],
  });
  ioServer.to(`conversation:${message.conversationId}`).emit("message:deleted", {
    conversationId: message.conversationId,
    messageId: message.id,
  });
}

export function emitNotificationToUser(ioServer: MessagingServer, userId: string): void {
  ioServer.to(`user:${userId}`).emit("notification:new", {
    id: "n-1",
    type: "order",
    title: "Order shipped",
    message: "Your order #42 is on its way",
    link: "/orders/42",
    data: { orderId: 42 },
  });
}

export function client(token: string): Socket<ServerToClientEvents, ClientToServerEvents> {
  const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io("http://localhost:3000", {
    auth: { token },
    path: "/socket.io/",
  });
  const conversationId = "conversation-id-here";
  socket.emit("join:conversation", conversationId);
  socket.emit("conversation:get-online-users", conversationId, (onlineUserIds) => console.log(onlineUserIds.length));
  socket.emit("typing:start", { conversationId });
  socket.emit("typing:stop", { conversationId });
  socket.emit("notification:read", "n-1");
  socket.emit("notifications:read-all");
  socket.emit("user:get-status", "user-2", (status) => {
    const s: PresenceStatus = status.status;
    console.log(PresenceStatusValues.indexOf(s), isUserStatus(status));
  });
  socket.emit("users:get-status", ["user-1", "user-2"], (statuses) => console.log(statuses.map((s) => s.status)));
  socket.emit("leave:conversation", conversationId);

  socket.on("message:new", (message) => console.log(message.sender.name, message.content));
  socket.on("messages:read", ({ messageIds }) => console.log(messageIds));
  socket.on("message:deleted", ({ messageId }) => console.log(messageId));
  socket.on("typing:start", ({ userId }) => console.log(`${userId} is typing`));
  socket.on("typing:stop", ({ userId }) => console.log(`${userId} stopped typing`));
  socket.on("notification:new", (notification) => console.log(notification.title, notification.isRead));
  socket.on("notification:read", (notificationId) => console.log(`read ${notificationId}`));
  socket.on("notifications:read-all", () => console.log("all read"));
  socket.on("user:status-changed", (data) => console.log(data.userId, data.status));
  return socket;
}

export async function withAck(socket: Socket<ServerToClientEvents, ClientToServerEvents>): Promise<string[]> {
  return socket.timeout(5000).emitWithAck("conversation:get-online-users", "conversation-id-here");
}
