// A payload field of the wrong type: conversation_id is an ObjectId string, not a number.
import { io, type Socket } from "socket.io-client";
import type { ClientToServerEvents, ServerToClientEvents } from "@generated/chat";

const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io("http://localhost:8080");
socket.emit("join_conversation", { conversation_id: 507 }); // error: TS2322
