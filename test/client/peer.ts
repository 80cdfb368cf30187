/**
 * A scripted server for client tests: a ConnectionHandler on the in-memory link that
 * records what the client sends (with virtual times) and lets a test answer, refuse
 * handshakes, close or drop connections, or go silent.
 */
import { VirtualClock } from '../../src/clock/index.js';
import {
  createMemoryLink,
  type ConnectionHandler,
  type HandshakeDecision,
  type HandshakeRequest,
  type MemoryLink,
  type ServerConnection,
} from '../../src/link/index.js';
import {
  RealtimeModel,
  type Logger,
  type RealtimeModelOptions,
  type RealtimeSession,
  type RealtimeSessionEvents,
} from '../../src/client/index.js';

/** A client event as the peer received it. */
export interface ReceivedFrame {
  t: number;
  /** 1-based connection number. */
  conn: number;
  type: string;
  event: Record<string, unknown>;
}

/** One accepted connection, seen from the peer. */
export class PeerConnection {
  closed: { code: number; reason: string } | undefined;
  /** When true, nothing the peer sends reaches the client (a black hole). */
  silent = false;

  constructor(
    readonly index: number,
    readonly conn: ServerConnection,
    private readonly peer: ScriptedPeer,
  ) {}

  /** Sends a server event; `event_id` is filled in when missing. */
  send(event: Record<string, unknown>): void {
    if (this.silent) return;
    const withId = 'event_id' in event ? event : { event_id: `event_${this.peer.nextEventId()}`, ...event };
    this.conn.send(JSON.stringify(withId));
  }

  /** Sends a raw text frame. */
  sendText(text: string): void {
    this.conn.send(text);
  }

  close(code = 1000, reason = ''): void {
    this.conn.close(code, reason);
  }

  terminate(): void {
    this.conn.terminate();
  }
}

/** Options of {@link ScriptedPeer}. */
export interface PeerOptions {
  /** Answer for each handshake; default accept. */
  handshake?: (request: HandshakeRequest, attempt: number) => HandshakeDecision;
  /** Called for each client event, after it is recorded. */
  onEvent?: (frame: ReceivedFrame, conn: PeerConnection) => void;
}

export class ScriptedPeer implements ConnectionHandler {
  readonly frames: ReceivedFrame[] = [];
  readonly handshakes: { t: number; request: HandshakeRequest }[] = [];
  readonly connections: PeerConnection[] = [];
  #eventIds = 0;
  #waiters: { match: (f: ReceivedFrame) => boolean; resolve: (f: ReceivedFrame) => void }[] = [];

  constructor(
    readonly clock: VirtualClock,
    readonly options: PeerOptions = {},
  ) {}

  nextEventId(): number {
    return ++this.#eventIds;
  }

  handshake(request: HandshakeRequest): HandshakeDecision {
    this.handshakes.push({ t: this.clock.now(), request });
    return this.options.handshake?.(request, this.handshakes.length) ?? { accept: true };
  }

  connection(conn: ServerConnection): void {
    const pc = new PeerConnection(this.connections.length + 1, conn, this);
    this.connections.push(pc);
    conn.onMessage((text) => {
      const event = JSON.parse(text) as Record<string, unknown>;
      const frame: ReceivedFrame = { t: this.clock.now(), conn: pc.index, type: String(event['type']), event };
      this.frames.push(frame);
      this.options.onEvent?.(frame, pc);
      for (const waiter of [...this.#waiters]) {
        if (waiter.match(frame)) {
          this.#waiters.splice(this.#waiters.indexOf(waiter), 1);
          waiter.resolve(frame);
        }
      }
    });
    conn.onClose((code, reason) => {
      pc.closed = { code, reason };
    });
  }

  /** The newest connection. */
  get current(): PeerConnection {
    const pc = this.connections.at(-1);
    if (!pc) throw new Error('no connection yet');
    return pc;
  }

  /** Sends on the newest connection. */
  send(event: Record<string, unknown>): void {
    this.current.send(event);
  }

  /** Client events of one type, in order. */
  ofType(type: string): ReceivedFrame[] {
    return this.frames.filter((f) => f.type === type);
  }

  /** Types of every client event, in order (appends left out unless asked). */
  types(opts: { appends?: boolean } = {}): string[] {
    return this.frames.filter((f) => opts.appends || f.type !== 'input_audio_buffer.append').map((f) => f.type);
  }

  /** Resolves with the `n`th (1-based, counted from the start) client event of `type`. */
  waitFor(type: string, n = 1): Promise<ReceivedFrame> {
    const seen = this.ofType(type);
    if (seen.length >= n) return Promise.resolve(seen[n - 1]!);
    let count = seen.length;
    return new Promise((resolve) =>
      this.#waiters.push({
        match: (f) => f.type === type && ++count === n,
        resolve,
      }),
    );
  }
}

/** A logger that keeps every line. */
export interface RecordingLogger extends Logger {
  lines: { level: string; message: string; fields?: Record<string, unknown> }[];
}

export function recordingLogger(): RecordingLogger {
  const lines: RecordingLogger['lines'] = [];
  const log =
    (level: string) =>
    (message: string, fields?: Record<string, unknown>): void => {
      lines.push(fields === undefined ? { level, message } : { level, message, fields });
    };
  return { lines, debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') };
}

/** An event the session emitted, with its virtual time. */
export interface EmittedEvent {
  t: number;
  name: keyof RealtimeSessionEvents;
  payload: unknown;
}

/** Records every event of `session`. */
export function recordEvents(session: RealtimeSession, clock: VirtualClock): EmittedEvent[] {
  const out: EmittedEvent[] = [];
  session.onAny((name, payload) => out.push({ t: clock.now(), name, payload }));
  return out;
}

/** Names of the recorded events, raw frame events left out unless asked. */
export function names(events: EmittedEvent[], opts: { raw?: boolean } = {}): string[] {
  return events
    .filter((e) => opts.raw || (e.name !== 'openai_client_event_queued' && e.name !== 'openai_server_event_received'))
    .map((e) => e.name);
}

/** Everything a client test needs: a virtual clock, a peer on a memory link and a model. */
export interface Setup {
  clock: VirtualClock;
  peer: ScriptedPeer;
  link: MemoryLink;
  model: RealtimeModel;
  logger: RecordingLogger;
}

export function setup(
  opts: Partial<RealtimeModelOptions> & {
    latencyMs?: number | ((direction: 'upstream' | 'downstream') => number);
    peer?: PeerOptions;
  } = {},
): Setup {
  const { latencyMs, peer: peerOptions, ...modelOptions } = opts;
  const clock = new VirtualClock();
  const peer = new ScriptedPeer(clock, peerOptions);
  const link = createMemoryLink(peer, { clock, latencyMs: latencyMs ?? 0 });
  const logger = recordingLogger();
  const model = new RealtimeModel({
    apiKey: 'test-key',
    clock,
    socketFactory: link.socketFactory,
    logger,
    ...modelOptions,
  });
  return { clock, peer, link, model, logger };
}

/** Runs `body` under the virtual clock, with a generous limit so a hang fails fast. */
export function run<T>(s: Setup, body: () => Promise<T>, maxMs = 600_000): Promise<T> {
  return s.clock.run(body(), { maxMs });
}

/**
 * Opens a session, waits for its first `session.update`, runs `body`, closes it, all under the
 * virtual clock; then no timer of the session may be left.
 */
export async function withSession(s: Setup, body: (session: RealtimeSession) => Promise<void>): Promise<void> {
  await run(s, async () => {
    const session = s.model.session();
    await s.peer.waitFor('session.update');
    await body(session);
    await session.close();
  });
  if (s.clock.pendingTimers() !== 0)
    throw new Error(`expected no timer left after close(), got ${s.clock.pendingTimers()}`);
}
