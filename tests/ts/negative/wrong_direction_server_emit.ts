// A server emitting a client-to-server event: location:update only travels client -> server.
import { Server } from "socket.io";
import type { ClientToServerEvents, ServerToClientEvents } from "@generated/emergencies";

const nsp = new Server<ClientToServerEvents, ServerToClientEvents>().of("/emergencies");
nsp.emit("location:update", { latitude: 40.7128, longitude: -74.006 }); // error: TS2345
