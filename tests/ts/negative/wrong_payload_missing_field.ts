// A payload without a required field: send_message needs conversation_id.
import { io, type Socket } from "socket.io-client";
import type { ClientToServerEvents, ServerToClientEvents } from "@generated/chat";

const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io("http://localhost:8080");
socket.emit("send_message", { text: "Hello, everyone!" }); // error: TS2345
