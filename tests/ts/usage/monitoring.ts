// Uses the generated monitoring module with real socket.io / socket.io-client types. The API is
// server-to-client only: the server emits every event to the company room (or the new
// socket), the client handles each one.
import { Server } from "socket.io";
import { io, type Socket } from "socket.io-client";
import {
  isEventCreatedPayload,
  type ClientToServerEvents,
  type EventCreatedPayload,
  type GeoPoint,
  type PersonRef,
  type ServerToClientEvents,
  type SocketData,
} from "@generated/monitoring";

type ServerSideEvents = Record<string, never>;
const companyRoom = (companyId: string) => `company:${companyId}`;

const location: GeoPoint = { type: "Point", coordinates: [-73.935242, 40.73061] };
const operator: PersonRef = { _id: "507f1f77bcf86cd799439013", firstName: "John", lastName: "Operator" };

export function server(): Server<ClientToServerEvents, ServerToClientEvents, ServerSideEvents, SocketData> {
  const ioServer = new Server<ClientToServerEvents, ServerToClientEvents, ServerSideEvents, SocketData>(3000, {
    transports: ["websocket", "polling"],
  });
  ioServer.on("connection", (socket) => {
    const room = companyRoom(socket.data.companyId);
    void socket.join(room);
    socket.emit("join:company", {
      success: true,
      companyId: socket.data.companyId,
      connectionCount: ioServer.sockets.adapter.rooms.get(room)?.size ?? 1,
    });
  });
  return ioServer;
}

export function broadcastEventCreated(ioServer: Server<ClientToServerEvents, ServerToClientEvents>, companyId: string,
                                      event: EventCreatedPayload): void {
  ioServer.to(companyRoom(companyId)).emit("event:created", event);
}

export function broadcastOthers(ioServer: Server<ClientToServerEvents, ServerToClientEvents>, companyId: string): void {
  ioServer.to(companyRoom(companyId)).emit("event:updated", {
    _id: "507f1f77bcf86cd799439011",
    status: "assigned",
    assignedTo: operator,
    changes: { status: { from: "active", to: "assigned" }, assignedTo: { from: null, to: operator } },
    correlationId: "a1b2c3d4-e5f6-7890-abcd-ef1234567890",
  });
  ioServer.to(companyRoom(companyId)).emit("report:created", {
    _id: "507f1f77bcf86cd799439020",
    title: "Broken streetlight",
    description: "Streetlight out at the corner",
    type: "citizen",
    status: "pending",
    source: "citizen",
    location,
    locationDescription: "Main St and 5th Ave",
    reportedBy: operator,
    reporterName: "John Operator",
    createdAt: "2026-01-12T10:30:00.000Z",
    correlationId: "a1b2c3d4-e5f6-7890-abcd-ef1234567890",
  });
}

export function client(token: string): Socket<ServerToClientEvents, ClientToServerEvents> {
  const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io("http://localhost:3000", {
    auth: { token },
    transports: ["websocket", "polling"],
    reconnectionDelay: 1000,
    reconnectionDelayMax: 5000,
    reconnectionAttempts: 10,
  });
  socket.on("join:company", (data) => console.log(`joined ${data.companyId} (${data.connectionCount})`));
  socket.on("event:created", (event) => {
    const [lng, lat]: [number, number] = event.location.coordinates;
    console.log(event.title, event.eventTypeId.color, lng, lat, isEventCreatedPayload(event));
  });
  socket.on("event:updated", (event) => {
    for (const [field, change] of Object.entries(event.changes)) console.log(field, change.from, change.to);
  });
  socket.on("report:created", (report) => console.log(report.reporterName, report.reportedBy._id));
  return socket;
}
