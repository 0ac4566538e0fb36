// "Must not compile": the chat client's calls with payloads of the wrong type or direction. Each
// marked line must fail with exactly the marked TypeScript error, and no other line may fail
// (expect_tsc_errors.js).
import { io, type Socket } from "socket.io-client";
import type { ClientToServerEvents, NewMessagePayload, ServerToClientEvents } from "../../../generated/ts/chat";

const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io("http://127.0.0.1:8080");
socket.emit("send_message", { conversation_id: "507f1f77bcf86cd799439011", text: "hi" });
socket.emit("send_message", { conversation_id: "507f1f77bcf86cd799439011", text: 1 }); // error: TS2322
socket.emit("join_conversation", { conversationId: "507f1f77bcf86cd799439011" }); // error: TS2561
socket.emit("new_message", {} as NewMessagePayload); // error: TS2345
socket.on("new_message", (m: string) => console.log(m)); // error: TS2345
