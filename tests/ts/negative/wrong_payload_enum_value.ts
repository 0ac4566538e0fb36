// An enum field with a value outside the enum: helper statuses are responding, on_way, ...
import { Server } from "socket.io";
import type { ClientToServerEvents, ServerToClientEvents } from "@generated/emergencies";

const nsp = new Server<ClientToServerEvents, ServerToClientEvents>().of("/emergencies");
nsp.to("emergency:1").emit("helper:status_update", { emergencyId: "507f1f77bcf86cd799439011", helperId: "507f1f77bcf86cd799439012", status: "on_the_way", updatedAt: "2024-01-15T10:10:00Z" }); // error: TS2322
