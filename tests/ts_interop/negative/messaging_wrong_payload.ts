// "Must not compile": the messaging client's calls with payloads of the wrong type. Each marked
// line must fail with exactly the marked TypeScript error, and no other line may fail
// (expect_tsc_errors.js), so this file proves the generated maps are what tsc checks against.
import { io, type Socket } from "socket.io-client";
import type { ClientToServerEvents, ServerToClientEvents, UserStatus } from "../../../generated/ts/messaging";

const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io("http://127.0.0.1:3000");
socket.emit("join:conversation", "conversation-1");
socket.emit("join:conversation", 42); // error: TS2345
socket.emit("typing:start", { conversationId: 7 }); // error: TS2322
socket.emit("users:get-status", ["alice"], (statuses: UserStatus) => console.log(statuses)); // error: TS2345
socket.on("notification:read", (id: number) => console.log(id)); // error: TS2345
