// TypeScript peer of chat_test.cpp: socket.io-client typed with the event maps generated from
// schema/chat.yaml (generated/ts/chat.ts), against the typed C++ server. Every emit and
// listener is checked by tsc against the schema; every value that arrives is checked by the
// generated guards and deep-compared with what this client expects.
//
// usage: node chat_client.js <port> <transports> <eric token> <ana token> <zoe token>
//   transports  default (the schema's: websocket), websocket or polling
// eric and ana take part in the conversation, zoe does not. Prints one line per step, `DONE`
// and exits 0; on the first failure prints `FAIL <why>` and exits 1. Bounded by its own timer.
import { isDeepStrictEqual } from "node:util";
import { io, type Socket } from "socket.io-client";
import {
  api,
  guards,
  isObjectId,
  nsp,
  type ClientToServerEvents,
  type ErrorPayload,
  type NewMessagePayload,
  type ObjectId,
  type SendMessagePayload,
  type ServerToClientEvents,
} from "../../generated/ts/chat";

type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
type Incoming = keyof ServerToClientEvents;
type ArgsOf<E extends Incoming> = Parameters<ServerToClientEvents[E]>;

const [port = "", transportArg = "default", ericToken = "", anaToken = "", zoeToken = ""] =
  process.argv.slice(2);

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
    socket.on("new_message", (message: NewMessagePayload) => this.push("new_message", [message]));
    socket.on("error", (error: ErrorPayload) => this.push("error", [error]));
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
  // forceNew: one Engine.IO session per user (io() would otherwise share one per URL).
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

async function expectEvent<E extends Incoming>(
  peer: Peer, event: E, want: ArgsOf<E>,
): Promise<void> {
  const got = await peer.inbox.next(event);
  if (!isDeepStrictEqual(got, want))
    fail(`${peer.label} ${event}: got ${show(got)}, want ${show(want)}`);
  console.log(`${peer.label} ${event} ok`);
}

function expectNothingElse(...peers: Peer[]): void {
  for (const peer of peers) {
    const left = peer.inbox.unexpected();
    if (left.length) fail(`${peer.label} received unexpected events: ${left.join("; ")}`);
  }
  console.log(`no unexpected events ok`);
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

// The users of chat_test.cpp's tokens and its one conversation (eric and ana take part).
const eric: ObjectId = "507f1f77bcf86cd799439022";
const ana: ObjectId = "507f1f77bcf86cd799439033";
const conversation: ObjectId = "507f1f77bcf86cd799439011";
const unknownConversation: ObjectId = "ffffffffffffffffffffffff";

// The server's store numbers messages (ObjectIds 1, 2, ...) and stamps them from a clock that
// starts at 2025-12-22T10:30:00Z and ticks one second per message.
let sent = 0;
function delivered(sender: ObjectId, senderName: string, m: SendMessagePayload): NewMessagePayload {
  sent += 1;
  const out: NewMessagePayload = {
    id: sent.toString(16).padStart(24, "0"),
    conversationId: m.conversation_id,
    senderId: sender,
    senderName,
    createdAt: new Date(Date.UTC(2025, 11, 22, 10, 30, sent - 1)).toISOString(),
  };
  if (m.text !== undefined) out.text = m.text;
  if (m.url !== undefined) out.url = m.url;
  if (m.fileName !== undefined) out.fileName = m.fileName;
  if (!isObjectId(out.id)) fail(`bad expected id ${out.id}`);
  return out;
}

async function main(): Promise<void> {
  const e = await connect("eric", ericToken);
  const a = await connect("ana", anaToken);
  const z = await connect("zoe", zoeToken);

  // ana joins and posts: the sender gets its own message as confirmation (and so knows it
  // joined); eric has not joined yet and gets nothing.
  a.socket.emit("join_conversation", { conversation_id: conversation });
  const hello: SendMessagePayload = {
    conversation_id: conversation,
    text: 'Hello, "everyone" ✓ \u{1F600}',
  };
  a.socket.emit("send_message", hello);
  await expectEvent(a, "new_message", [delivered(ana, "ana", hello)]);

  // eric joins and posts a file: both members get it.
  e.socket.emit("join_conversation", { conversation_id: conversation });
  const file: SendMessagePayload = {
    conversation_id: conversation,
    url: "https://cdn.example.com/files/document.pdf",
    fileName: "document.pdf",
  };
  e.socket.emit("send_message", file);
  const fileMessage = delivered(eric, "eric", file);
  await expectEvent(e, "new_message", [fileMessage]);
  await expectEvent(a, "new_message", [fileMessage]);

  // Failures come back as the schema's `error` event, to the requesting socket only.
  const denied: ErrorPayload = { code: "PERMISSION_DENIED", message: "You do not have permission" };
  z.socket.emit("join_conversation", { conversation_id: conversation });
  await expectEvent(z, "error", [denied]);
  z.socket.emit("send_message", { conversation_id: conversation, text: "let me in" });
  await expectEvent(z, "error", [denied]);
  e.socket.emit("join_conversation", { conversation_id: unknownConversation });
  await expectEvent(e, "error", [
    {
      code: "JOIN_FAILED",
      message: "Failed to join conversation",
      details: "Conversation not found",
    },
  ]);
  // tsc accepts this one (the event map cannot express the schema's atLeastOneOf), the C++
  // decoder rejects it before any handler runs; the server reports it as the schema's error.
  e.socket.emit("send_message", { conversation_id: conversation });
  await expectEvent(e, "error", [
    { code: "SEND_MESSAGE_FAILED", message: "Failed to send message", details: "invalid payload" },
  ]);

  // eric leaves the room but stays a participant: his next message reaches ana, not him.
  // Leaving again fails; that error comes after his message, so his inbox would hold it.
  e.socket.emit("leave_conversation", { conversation_id: conversation });
  const after: SendMessagePayload = { conversation_id: conversation, text: "eric left the room" };
  e.socket.emit("send_message", after);
  await expectEvent(a, "new_message", [delivered(eric, "eric", after)]);
  e.socket.emit("leave_conversation", { conversation_id: conversation });
  await expectEvent(e, "error", [
    {
      code: "LEAVE_FAILED",
      message: "Failed to leave conversation",
      details: "Not in the conversation",
    },
  ]);
  expectNothingElse(e, a, z);

  for (const peer of [e, a, z])
    console.log(`${peer.label} transport ${peer.socket.io.engine.transport.name}`);
  for (const peer of [e, a, z]) await disconnect(peer);
}

main().then(
  () => {
    console.log("DONE");
    process.exit(0);
  },
  (err: unknown) => fail(String(err instanceof Error ? err.stack : err)),
);
