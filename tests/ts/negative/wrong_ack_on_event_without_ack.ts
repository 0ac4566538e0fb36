// An ack callback passed to an event that takes none.
import { io, type Socket } from "socket.io-client";
import type { ClientToServerEvents, ServerToClientEvents } from "@generated/chat";

const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io("http://localhost:8080");
socket.emit("leave_conversation", { conversation_id: "507f1f77bcf86cd799439011" }, () => undefined); // error: TS2554
