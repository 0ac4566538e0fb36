// A client ack callback expecting the wrong type: user:get-status acks a UserStatus object.
import { io, type Socket } from "socket.io-client";
import type { ClientToServerEvents, ServerToClientEvents } from "@generated/messaging";

const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io("http://localhost:3000");
socket.emit("user:get-status", "user-2", (status: string) => console.log(status)); // error: TS2345
