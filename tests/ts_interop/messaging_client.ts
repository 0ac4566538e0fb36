// TypeScript peer of messaging_test.cpp: socket.io-client typed with the event maps generated
// from schema/messaging.yaml (generated/ts/messaging.ts), against the typed C++ server. Every
// emit, ack and listener below is checked by tsc against the schema; every value that arrives
// is checked by the generated guards and deep-compared with what this client expects.
//
// usage: node messaging_client.js <port> <transports> <alice token> <bob token>
//   transports  default (the schema's: polling, then upgrade), websocket or polling
// Three sockets: alice on two devices (a1, a2) and bob (b). Prints one line per step, `DONE`
// and exits 0; on the first failure prints `FAIL <why>` and exits 1. Bounded by its own timer.
import { isDeepStrictEqual } from "node:util";
import { io, type Socket } from "socket.io-client";
import {
  api,
  guards,
  nsp,
  type ClientToServerEvents,
  type ConversationId,
  type Message,
  type MessageDeletedPayload,
  type MessagesReadPayload,
  type NotificationId,
  type NotificationPayload,
  type ServerToClientEvents,
  type TypingNotice,
  type UserId,
  type UserStatus,
} from "../../generated/ts/messaging";

type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
type Incoming = keyof ServerToClientEvents;
type Outgoing = keyof ClientToServerEvents;
type ArgsOf<E extends Incoming> = Parameters<ServerToClientEvents[E]>;

const [port = "", transportArg = "default", aliceToken = "", bobToken = ""] = process.argv.slice(2);

function fail(why: string): never {
  console.log("FAIL " + why);
  process.exit(1);
}
setTimeout(() => fail("timeout"), 15000).unref();

const show = (v: unknown): string => JSON.stringify(v);

/** Server-to-client events of one socket, queued per event name in arrival order. */
class Inbox {
  private readonly queues = new Map<Incoming, unknown[][]>();
  private readonly waiters = new Map<Incoming, Array<(args: unknown[]) => void>>();

  constructor(readonly label: string, socket: ClientSocket) {
    // One typed listener per server-to-client event of the schema: tsc checks each signature.
    socket.on("typing:start", (notice: TypingNotice) => this.push("typing:start", [notice]));
    socket.on("typing:stop", (notice: TypingNotice) => this.push("typing:stop", [notice]));
    socket.on("message:new", (message: Message) => this.push("message:new", [message]));
    socket.on("messages:read", (data: MessagesReadPayload) => this.push("messages:read", [data]));
    socket.on("message:deleted", (data: MessageDeletedPayload) =>
      this.push("message:deleted", [data]));
    socket.on("notification:new", (n: NotificationPayload) => this.push("notification:new", [n]));
    socket.on("notification:read", (id: NotificationId) => this.push("notification:read", [id]));
    socket.on("notifications:read-all", (...rest: unknown[]) =>
      this.push("notifications:read-all", rest));
    socket.on("user:status-changed", (data: UserStatus) =>
      this.push("user:status-changed", [data]));
    socket.onAny((event: string, ...args: unknown[]) => {
      if (!(nsp.serverToClient as readonly string[]).includes(event))
        fail(`${label}: event outside the schema: ${event} ${show(args)}`);
    });
  }

  /** The next `event` (already arrived or the next to arrive). */
  next<E extends Incoming>(event: E): Promise<ArgsOf<E>> {
    const queued = this.queues.get(event)?.shift();
    if (queued !== undefined) return Promise.resolve(queued as ArgsOf<E>);
    return new Promise((resolve) => {
      const list = this.waiters.get(event) ?? [];
      list.push((args) => resolve(args as ArgsOf<E>));
      this.waiters.set(event, list);
    });
  }

  /** Events that arrived and were never expected. */
  unexpected(): string[] {
    const left: string[] = [];
    for (const [event, queue] of this.queues)
      for (const args of queue) left.push(`${event} ${show(args)}`);
    return left;
  }

  private push(event: Incoming, args: unknown[]): void {
    // The generated run-time guard of the leg: what the C++ encoder sent matches the schema.
    if (!guards.serverToClient[event].args(args))
      fail(`${this.label}: ${event} fails the generated guard: ${show(args)}`);
    const waiter = this.waiters.get(event)?.shift();
    if (waiter) return waiter(args);
    const queue = this.queues.get(event) ?? [];
    queue.push(args);
    this.queues.set(event, queue);
  }
}

interface Peer {
  readonly label: string;
  readonly socket: ClientSocket;
  readonly inbox: Inbox;
}

const transports: Array<"polling" | "websocket"> =
  transportArg === "websocket" ? ["websocket"]
  : transportArg === "polling" ? ["polling"]
  : transportArg === "default" ? [...api.transports]
  : fail("unknown transports " + transportArg);

async function connect(label: string, token: string): Promise<Peer> {
  // forceNew: one Engine.IO session per device (io() would otherwise share one per URL).
  const socket: ClientSocket = io(`http://127.0.0.1:${port}`, {
    path: api.path,
    transports,
    auth: { token },
    forceNew: true,
    reconnection: false,
  });
  const inbox = new Inbox(label, socket);
  await new Promise<void>((resolve) => {
    socket.once("connect", () => resolve());
    socket.once("connect_error", (e) => fail(`${label}: connect_error ${e.message}`));
  });
  console.log(`${label} connected`);
  return { label, socket, inbox };
}

/** Waits for `event` on `peer` and deep-compares its arguments with `want`. */
async function expectEvent<E extends Incoming>(
  peer: Peer, event: E, want: ArgsOf<E>,
): Promise<void> {
  const got = await peer.inbox.next(event);
  if (!isDeepStrictEqual(got, want))
    fail(`${peer.label} ${event}: got ${show(got)}, want ${show(want)}`);
  console.log(`${peer.label} ${event} ok`);
}

/** Checks an acknowledgement with the leg's generated guard and deep-compares it with `want`. */
function expectAck<T>(peer: Peer, event: Outgoing, got: T, want: T): void {
  const guard = guards.clientToServer[event].ack;
  if (guard === undefined) fail(`${event} has no ack in the generated guards`);
  if (!guard([got])) fail(`${peer.label} ${event} ack fails the generated guard: ${show(got)}`);
  if (!isDeepStrictEqual(got, want))
    fail(`${peer.label} ${event} ack: got ${show(got)}, want ${show(want)}`);
  console.log(`${peer.label} ${event} ack ok`);
}

/** Disconnects and waits until the DISCONNECT packet was sent. */
function disconnect(peer: Peer): Promise<void> {
  return new Promise((resolve) => {
    // The Engine.IO socket closes once its write buffer drained (the Manager's own "close"
    // comes at once): then the DISCONNECT packet has left, even over polling.
    peer.socket.io.engine.once("close", () => resolve());
    peer.socket.disconnect();
  });
}

function expectNothingElse(...peers: Peer[]): void {
  for (const peer of peers) {
    const left = peer.inbox.unexpected();
    if (left.length) fail(`${peer.label} received unexpected events: ${left.join("; ")}`);
  }
  console.log(`no unexpected events ok`);
}

// Values with quotes, escapes and non-ASCII text: the C++ codecs must round-trip them.
const conversation: ConversationId = 'conv "1" \\ ✓ é';
const alice: UserId = "alice";
const bob: UserId = "bob";
const carol: UserId = "carol";
const online = (userId: UserId): UserStatus => ({ userId, status: "online" });
const offline = (userId: UserId): UserStatus => ({ userId, status: "offline" });

// What the backend of messaging_test.cpp (`messaging_service::publish`) sends once bob asked
// for the conversation's online users: the seed's emitNotificationToUser, emitNewMessage,
// emitMessageRead and emitMessageDeleted. Absent optional fields must stay absent.
const notification: NotificationPayload = {
  id: "notification-1",
  type: "message",
  title: "New message",
  message: 'bob: "hi" ✓\nline 2',
  link: "/messages/1",
  data: { conversationId: conversation, unread: 2, flags: [true, null, 1.5], nested: { a: "b" } },
  isRead: false,
  createdAt: "2026-01-15T10:30:00.000Z",
};
const message: Message = {
  id: "message-1",
  conversationId: conversation,
  senderId: bob,
  content: "héllo \"alice\" \u{1F600}",
  sender: { id: bob, name: "Bob" },
  createdAt: "2026-01-15T10:30:00.000Z",
};
const read: MessagesReadPayload = {
  conversationId: conversation,
  messageIds: ["message-0", "message-1"],
};
const deleted: MessageDeletedPayload = { conversationId: conversation, messageId: "message-0" };

async function main(): Promise<void> {
  // Presence: a user's first device makes them online, for every socket of the namespace.
  const a1 = await connect("a1", aliceToken);
  await expectEvent(a1, "user:status-changed", [online(alice)]);
  const b = await connect("b", bobToken);
  await expectEvent(a1, "user:status-changed", [online(bob)]);
  await expectEvent(b, "user:status-changed", [online(bob)]);
  const a2 = await connect("a2", aliceToken); // alice's second device: no broadcast

  // Rooms: join, then ask who is online there (the ack also orders the join before it).
  for (const [peer, want] of [[a1, [alice]], [a2, [alice]], [b, [alice, bob]]] as const) {
    peer.socket.emit("join:conversation", conversation);
    const users: UserId[] =
      await peer.socket.emitWithAck("conversation:get-online-users", conversation);
    expectAck(peer, "conversation:get-online-users", users, [...want]);
  }

  // The backend publishes (triggered by bob's request above).
  for (const peer of [a1, a2]) await expectEvent(peer, "notification:new", [notification]);
  for (const peer of [a1, a2, b]) {
    await expectEvent(peer, "message:new", [message]);
    await expectEvent(peer, "messages:read", [read]);
    await expectEvent(peer, "message:deleted", [deleted]);
  }

  // Typing indicators go to the rest of the conversation, never back to the typist.
  a1.socket.emit("typing:start", { conversationId: conversation });
  await expectEvent(a2, "typing:start", [{ conversationId: conversation, userId: alice }]);
  await expectEvent(b, "typing:start", [{ conversationId: conversation, userId: alice }]);
  b.socket.emit("typing:stop", { conversationId: conversation });
  await expectEvent(a1, "typing:stop", [{ conversationId: conversation, userId: bob }]);
  await expectEvent(a2, "typing:stop", [{ conversationId: conversation, userId: bob }]);

  // Read state syncs to the user's other devices only.
  a1.socket.emit("notification:read", notification.id);
  await expectEvent(a2, "notification:read", [notification.id]);
  a2.socket.emit("notifications:read-all");
  await expectEvent(a1, "notifications:read-all", []);

  // Presence queries.
  const bobStatus: UserStatus = await a1.socket.emitWithAck("user:get-status", bob);
  expectAck(a1, "user:get-status", bobStatus, online(bob));
  const carolStatus: UserStatus = await a1.socket.emitWithAck("user:get-status", carol);
  expectAck(a1, "user:get-status", carolStatus, offline(carol));
  const statuses: UserStatus[] =
    await b.socket.emitWithAck("users:get-status", [alice, carol, bob]);
  expectAck(b, "users:get-status", statuses, [online(alice), offline(carol), online(bob)]);

  // Leaving: bob is no longer among the conversation's online users, nor gets its typing.
  b.socket.emit("leave:conversation", conversation);
  expectAck(b, "conversation:get-online-users",
            await b.socket.emitWithAck("conversation:get-online-users", conversation), [alice]);
  a1.socket.emit("typing:stop", { conversationId: conversation });
  await expectEvent(a2, "typing:stop", [{ conversationId: conversation, userId: alice }]);
  expectNothingElse(a1, a2, b);

  for (const peer of [a1, a2, b])
    console.log(`${peer.label} transport ${peer.socket.io.engine.transport.name}`);

  // bob's last device leaves: everyone still connected hears it.
  await disconnect(b);
  await expectEvent(a1, "user:status-changed", [offline(bob)]);
  await expectEvent(a2, "user:status-changed", [offline(bob)]);
  await disconnect(a2);
  const bobLeft: UserStatus = await a1.socket.emitWithAck("user:get-status", bob);
  expectAck(a1, "user:get-status", bobLeft, offline(bob));
  expectNothingElse(a1, a2);
  await disconnect(a1);
}

main().then(
  () => {
    console.log("DONE");
    process.exit(0);
  },
  (e: unknown) => fail(String(e instanceof Error ? e.stack : e)),
);
