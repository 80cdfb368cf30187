/**
 * The sockets of a session, one after another (§5.2–§5.4): each connect, the reconnect burst
 * that restores the conversation on a new socket, the run that moves frames both ways, and
 * what its end does to the calls still pending. The connect/retry loop (connection.ts) drives
 * these steps; the session keeps only its own phase (open, closing, dead).
 */
import { ReadyState, type SocketFactory } from '../link/index.js';
import type { ClientEvent } from '../protocol/index.js';
import { eventText } from './audio/index.js';
import { toToolDefinition } from './chat/index.js';
import { connectSocket } from './connection.js';
import { APIConnectionError, ClientErrorCode, RealtimeError } from './errors.js';
import type { HandlerDeps, ModelInfo } from './handler-deps.js';
import type { ConnOptions, SessionOptions } from './options.js';
import { receiveFrame } from './receive-frame.js';
import { redactCredentials } from './redact.js';
import type { SendQueue } from './send-queue.js';
import { burstCreates, rebaseOntoBurst } from './session-chat-ctx.js';
import type { SessionCore } from './session-core.js';
import { fullSessionUpdate, toolsSessionUpdate } from './session-update.js';
import type { SocketInbox } from './socket-inbox.js';
import { runSocket } from './socket-runner.js';

/** What the sockets of a session are opened with (a part of what the model gives the session). */
export interface SocketSettings {
  readonly info: ModelInfo;
  /** Shared with the model and every session (§5.14); read at each full update. */
  readonly options: SessionOptions;
  readonly conn: ConnOptions;
  readonly idleTimeoutMs: number | null;
  /** A socket up this long, its `session.update` answered, resets the retry counter. */
  readonly healthyConnectionMs: number;
  readonly maxSessionDurationMs: number | null;
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  /** Looked up at every connect, so the transport can change between connections. */
  socketFactory(): SocketFactory;
}

/** What the socket steps need from their session. */
export type SocketsHost = Pick<SessionCore, 'state' | 'clock' | 'ids' | 'logger' | 'emitter'> & {
  /** The send queue that outlives sockets. */
  readonly queue: SendQueue<ClientEvent>;
  /** What the server-event handlers of received frames act on. */
  readonly deps: HandlerDeps;
};

/** The socket steps of one session, and what they remember between sockets. */
export class SessionSockets {
  readonly #host: SocketsHost;
  readonly #settings: SocketSettings;
  #attempts = 0;
  /** When the current socket opened, and whether a `session.updated` came on it. */
  #socketOpenedAt = 0;
  #socketAnswered = false;

  constructor(host: SocketsHost, settings: SocketSettings) {
    this.#host = host;
    this.#settings = settings;
  }

  /** Whether the current socket counts as healthy: up long enough, its `session.update` answered. */
  healthy(): boolean {
    return this.#socketAnswered && this.#host.clock.now() - this.#socketOpenedAt >= this.#settings.healthyConnectionMs;
  }

  /** The full `session.update`: the first frame of a session and of every reconnect burst (R2.1). */
  fullUpdate(): ClientEvent {
    return fullSessionUpdate(this.#host.ids, {
      model: this.#settings.info.model,
      modalities: this.#settings.info.modalities,
      options: this.#settings.options,
      instructions: this.#host.state.instructions,
    });
  }

  /** Opens a socket (one attempt of the retry loop) and emits `connection_opened`. */
  async connect(): Promise<SocketInbox> {
    this.#attempts++;
    const attempt = this.#attempts;
    const { url, headers } = this.#settings;
    const clock = this.#host.clock;
    const inbox = await connectSocket(
      this.#settings.socketFactory(),
      { url, headers: { ...headers } },
      clock,
      this.#settings.conn.timeoutMs,
    );
    this.#socketOpenedAt = clock.now();
    this.#socketAnswered = false;
    this.#host.emitter.emit('connection_opened', { url: redactCredentials(url), attempt });
    return inbox;
  }

  /** §5.3: full update, tools, then the filtered conversation re-created, straight on the new socket. */
  reconnect({ ws }: SocketInbox): void {
    const host = this.#host;
    const state = host.state;
    const events: ClientEvent[] = [this.fullUpdate()];
    if (state.tools.length > 0)
      events.push(toolsSessionUpdate(host.ids, this.#settings.info.model, state.tools.map(toToolDefinition)));
    const burst = burstCreates(host);
    events.push(...burst.events);
    const oldBurst = burst.oldBurst;
    // A new socket: nothing sent before (a failed burst included) will be answered on it.
    state.createdAfter.clear();
    try {
      for (const event of events) {
        if (ws.readyState !== ReadyState.OPEN) throw new Error(`socket readyState is ${ws.readyState}, not OPEN`);
        this.#onSend(event);
        ws.send(eventText(event));
      }
    } catch (cause) {
      state.burstItems = oldBurst;
      try {
        ws.close(1000, 'reconnect failed');
      } catch {
        // Already closing.
      }
      host.emitter.emit('connection_closed', { code: 1000, reason: 'reconnect failed' });
      throw new APIConnectionError('Failed to send message to OpenAI Realtime API during session re-connection', {
        code: ClientErrorCode.reconnectFailed,
        cause,
      });
    }
    host.emitter.emit('session_reconnected', {});
  }

  /**
   * Runs one socket to its end, then ends what did not survive it: the response in flight, and
   * the futures whose requests are no longer queued (§8.8 fix). Throws the socket's fatal error.
   */
  async run(inbox: SocketInbox): Promise<void> {
    const host = this.#host;
    const outcome = await runSocket(inbox, {
      clock: host.clock,
      logger: host.logger,
      queue: host.queue,
      idleTimeoutMs: this.#settings.idleTimeoutMs,
      maxSessionDurationMs: this.#settings.maxSessionDurationMs,
      onSend: (event) => this.#onSend(event),
      onText: (text) => this.#onText(text),
      inFlight: () => host.state.generation?.done.promise,
    });
    host.emitter.emit('connection_closed', { code: outcome.code, reason: outcome.reason });
    // §8.8 fix: nothing survives its socket: the response ends, the futures fail.
    host.state.endGeneration(this.#settings.info.modalities);
    host.state.failedResponse = undefined;
    const queued = rebaseOntoBurst(host, host.queue);
    // Beyond the reference: a call whose request is still queued was not lost with this socket;
    // it goes out after the burst, so its answer can settle it there.
    host.state.failPending(
      new RealtimeError(
        ClientErrorCode.connectionLost,
        `the connection ended (code ${outcome.code}) before the ` +
          `server answered; expected an answer on the same connection`,
        { code: outcome.code, reason: outcome.reason },
      ),
      queued,
    );
    if (outcome.error) throw outcome.error;
  }

  /**
   * An event is going on the wire (`openai_client_event_queued`). A create's place is noted
   * now, in wire order: xAI echoes previous_item_id null for every item (§8.3), so its
   * `conversation.item.added` is placed where the client asked.
   */
  #onSend(event: ClientEvent): void {
    if (event.type === 'conversation.item.create' && typeof event.item.id === 'string') {
      this.#host.state.recordCreate(event.item.id, event.previous_item_id);
    }
    this.#host.emitter.emit('openai_client_event_queued', event);
  }

  #onText(text: string): void {
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch (cause) {
      // R2.5: as in the reference, a text frame that is not JSON kills the session.
      const preview = text.length > 60 ? `${text.slice(0, 57)}...` : text;
      throw new RealtimeError(
        ClientErrorCode.badFrame,
        `expected every text frame from the server to be JSON, got ${JSON.stringify(preview)}`,
        {},
        { cause },
      );
    }
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
      this.#host.logger.error('failed to handle event: expected a JSON object', { frame: text.slice(0, 200) });
      return;
    }
    const event = raw as Record<string, unknown>;
    if (event['type'] === 'session.updated') this.#socketAnswered = true;
    this.#host.emitter.emit('openai_server_event_received', event);
    receiveFrame(event, this.#host.deps);
  }
}
