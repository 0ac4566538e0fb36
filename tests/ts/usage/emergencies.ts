// Uses the generated emergencies module (one namespace, /emergencies) with real socket.io /
// socket.io-client types, through both the per-namespace names and the plain aliases.
import { Server, type Namespace } from "socket.io";
import { io, type Socket } from "socket.io-client";
import {
  HelperStatusValues,
  emergenciesNsp,
  guardsByNamespace,
  isEmergencyRoomRequest,
  type ClientToServerEvents,
  type EmergenciesClientToServerEvents,
  type EmergenciesServerToClientEvents,
  type EmergenciesSocketData,
  type Emergency,
  type ServerToClientEvents,
} from "@generated/emergencies";

type ServerSideEvents = Record<string, never>;
type EmergenciesNamespace = Namespace<EmergenciesClientToServerEvents, EmergenciesServerToClientEvents,
                                      ServerSideEvents, EmergenciesSocketData>;

const emergency: Emergency = {
  id: "507f1f77bcf86cd799439011",
  type: "medical",
  category: "heart_attack",
  description: "Need immediate medical assistance",
  location: { latitude: 40.7128, longitude: -74.006, address: "123 Main St" },
  priority: "critical",
  severity: 9,
  status: "active",
  createdAt: "2024-01-15T10:00:00Z",
  anonymousMode: true,
  user: null,
};
const t = "2024-01-15T10:30:00Z";

export function server(): EmergenciesNamespace {
  const ioServer = new Server<EmergenciesClientToServerEvents, EmergenciesServerToClientEvents, ServerSideEvents,
                              EmergenciesSocketData>(5000);
  const nsp: EmergenciesNamespace = ioServer.of(emergenciesNsp.path);
  nsp.on("connection", (socket) => {
    socket.on("emergency:join", (request) => {
      if (!isEmergencyRoomRequest(request)) {
        socket.emit("error", { message: "emergencyId is required" });
        return;
      }
      const room = `emergency:${request.emergencyId}`;
      void socket.join(room);
      socket.emit("emergency:joined", { emergencyId: request.emergencyId, room, message: "Successfully joined emergency room" });
    });
    socket.on("emergency:leave", ({ emergencyId }) => {
      const room = `emergency:${emergencyId}`;
      void socket.leave(room);
      socket.emit("emergency:left", { emergencyId, room });
    });
    socket.on("location:update", ({ latitude, longitude }) => {
      socket.emit("location:updated", { latitude, longitude, message: "Location updated" });
    });
  });
  return nsp;
}

export function broadcasts(nsp: EmergenciesNamespace, helperSocketId: string): void {
  const id = emergency.id;
  const room = nsp.to(`emergency:${id}`);
  nsp.to("helpers").emit("emergency:created", { emergency, nearbyHelperCount: 15 });
  nsp.to(helperSocketId).emit("emergency:nearby", { emergency, distance: null });
  room.emit("helper:joined", {
    emergencyId: id,
    helper: {
      id: "507f1f77bcf86cd799439012",
      profile: { firstName: "John", lastName: "Doe" },
      trustScore: 85,
      helperRating: { average: 4.8, count: 50 },
      joinedAt: "2024-01-15T10:05:00Z",
    },
  });
  room.emit("helper:status_update", {
    emergencyId: id, helperId: "507f1f77bcf86cd799439012", status: HelperStatusValues[1],
    notes: "On my way, ETA 5 minutes", updatedAt: t,
  });
  room.emit("emergency:status_changed", {
    emergencyId: id, status: "responding", emergency: { id, status: "responding", updatedAt: t }, timestamp: t,
  });
  room.emit("emergency:resolved", {
    emergencyId: id, resolvedAt: t, resolvedBy: "507f1f77bcf86cd799439010", resolutionType: "user_resolved", timestamp: t,
  });
  room.emit("emergency:cancelled", { emergencyId: id, timestamp: t });
  nsp.to("helpers").emit("emergency:ended", { emergencyId: id, status: "resolved", timestamp: t });
}

export function client(token: string): Socket<ServerToClientEvents, ClientToServerEvents> {
  const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io(`http://localhost:5000${emergenciesNsp.path}`, {
    auth: { token },
  });
  const byQuery: Socket<EmergenciesServerToClientEvents, EmergenciesClientToServerEvents> =
    io("http://localhost:5000/emergencies", { query: { token } });
  byQuery.emit("location:update", { latitude: 40.7128, longitude: -74.006 });
  socket.emit("emergency:join", { emergencyId: "507f1f77bcf86cd799439011" });
  socket.emit("emergency:leave", { emergencyId: "507f1f77bcf86cd799439011" });

  const guards = guardsByNamespace["/emergencies"].serverToClient;
  socket.on("emergency:created", (data) => console.log(data.emergency.user?.profile.firstName, guards["emergency:created"].args([data])));
  socket.on("emergency:nearby", (data) => console.log(data.emergency.id, data.distance ?? "unknown"));
  socket.on("emergency:joined", (data) => console.log(data.room));
  socket.on("emergency:left", (data) => console.log(data.room));
  socket.on("helper:joined", (data) => console.log(data.helper.helperRating.average));
  socket.on("helper:status_update", (data) => console.log(data.status, data.notes));
  socket.on("emergency:status_changed", (data) => console.log(data.emergency.status));
  socket.on("emergency:resolved", (data) => console.log(data.resolutionType));
  socket.on("emergency:cancelled", (data) => console.log(data.timestamp));
  socket.on("emergency:ended", (data) => console.log(data.status));
  socket.on("location:updated", (data) => console.log(data.latitude, data.longitude));
  socket.on("error", (error) => console.error(error.message));
  return socket;
}
