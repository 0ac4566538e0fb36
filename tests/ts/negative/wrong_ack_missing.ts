// An event that takes an ack, emitted without the callback.
import { io, type Socket } from "socket.io-client";
import type { ClientToServerEvents, ServerToClientEvents } from "@generated/messaging";

const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io("http://localhost:3000");
socket.emit("conversation:get-online-users", "conversation-id-here"); // error: TS2554
