// A client emitting a server-to-client event: new_message only travels server -> client.
import { io, type Socket } from "socket.io-client";
import type { ClientToServerEvents, ServerToClientEvents } from "@generated/chat";

const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io("http://localhost:8080");
socket.emit("new_message", { id: "507f191e810c19729de860ea", conversationId: "507f1f77bcf86cd799439011", senderId: "507f1f77bcf86cd799439022", senderName: "eric", createdAt: "2025-12-22T10:30:00.000Z" }); // error: TS2345
