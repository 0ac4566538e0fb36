// Uses the generated areas module with real socket.io / socket.io-client types. Every event is
// server-to-client and targeted at one client's socket (room `client:<clientId>`).
import { Server } from "socket.io";
import { io, type Socket } from "socket.io-client";
import {
  type AreaNotice,
  type ClientToServerEvents,
  type ServerToClientEvents,
  type SocketData,
} from "@generated/areas";

type ServerSideEvents = Record<string, never>;
type AreasServer = Server<ClientToServerEvents, ServerToClientEvents, ServerSideEvents, SocketData>;

export function server(): AreasServer {
  const ioServer: AreasServer = new Server(8443);
  ioServer.on("connection", (socket) => {
    const clientId = socket.data.clientId;
    if (clientId === undefined) return;
    void socket.join(`client:${clientId}`);
    socket.emit("connected", {
      clientId,
      message: "Connected to area service",
      features: ["area_updates", "token_revocation"],
      timestamp: new Date().toISOString(),
    });
  });
  return ioServer;
}

export function notifyAreas(ioServer: AreasServer, clientId: string, notice: AreaNotice): void {
  const target = ioServer.to(`client:${clientId}`);
  target.emit("area_added", notice);
  target.emit("area_updated", { ...notice, name: "Kitchen (renamed)" });
  target.emit("area_enabled", { ...notice, isEnabled: true });
  target.emit("area_disabled", { ...notice, isEnabled: false });
  target.emit("area_removed", { areaId: notice.areaId, message: "Area removed", timestamp: notice.timestamp });
}

export function revoke(ioServer: AreasServer, clientId: string): void {
  ioServer.to(`client:${clientId}`).emit("token_revoked", { message: "Your access token has been revoked" });
  ioServer.in(`client:${clientId}`).disconnectSockets(true);
}

export function pair(ioServer: AreasServer, pairingSocketId: string): void {
  ioServer.to(pairingSocketId).emit("pairing_completed", {
    token: "eyJhbGciOiJIUzI1NiJ9.e30.sig",
    clientId: "client-42",
    assignedAreas: ["kitchen", "garage"],
  });
}

export function client(token: string): Socket<ServerToClientEvents, ClientToServerEvents> {
  const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io("https://localhost:8443", { auth: { token } });
  socket.on("connected", (data) => console.log(data.clientId, data.features.join(",")));
  const show = (area: AreaNotice) => console.log(area.areaId, area.name, area.isEnabled, area.entityIds.length);
  socket.on("area_added", show);
  socket.on("area_updated", show);
  socket.on("area_enabled", show);
  socket.on("area_disabled", show);
  socket.on("area_removed", (area) => console.log(`removed ${area.areaId} ${area.name ?? ""}`));
  socket.on("token_revoked", (data) => console.warn(data.message, data.timestamp));
  socket.on("pairing_completed", (pairing) => console.log(pairing.clientId, pairing.assignedAreas));
  return socket;
}
