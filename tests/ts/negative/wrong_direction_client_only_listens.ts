// The monitoring API is server-to-client only: a client cannot emit anything, not even an
// event the server emits.
import { io, type Socket } from "socket.io-client";
import type { ClientToServerEvents, ServerToClientEvents } from "@generated/monitoring";

const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io("http://localhost:3000");
socket.emit("join:company", { success: true, companyId: "507f1f77bcf86cd799439011", connectionCount: 5 }); // error: TS2345
