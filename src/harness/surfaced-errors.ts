import type { RealtimeSession } from '../client/index.js';
import type { Clock } from '../clock/index.js';
import type { Failure } from './report.js';

/** §5.18 E1: a server error whose message starts so is dropped silently, by design. */
const SILENT_PREFIX = 'Cancellation failed';

/** A server error the client received and has not yet answered with an `error` event. */
interface Received {
  /** 1-based position among the server events the client received. */
  index: number;
  t: number;
  error: Record<string, unknown>;
}

/**
 * Checks §5.18 E1 from the client's side: every server `error` event the client receives
 * (except "Cancellation failed…") is surfaced as the session's own `error` event while the
 * client handles it, that is before it reads the next server event. The client emits each
 * received event raw (`openai_server_event_received`) just before handling it, which gives
 * the window.
 */
export class SurfacedErrors {
  readonly #clock: Clock;
  #received = 0;
  #pending: Received[] = [];
  readonly #missed: Received[] = [];

  constructor(clock: Clock) {
    this.#clock = clock;
  }

  attach(session: RealtimeSession): void {
    session.onAny((name, payload) => this.#onEvent(String(name), payload));
  }

  /** One failure per server error the client did not surface. */
  failures(): Failure[] {
    this.#closeWindow();
    return this.#missed.map((r) => ({
      kind: 'unsurfaced-error',
      message:
        `the client received a server error and emitted no "error" event for it (§5.18 E1): server event ` +
        `#${r.index} the client received, ` +
        `at virtual time ${r.t} ms, code ${JSON.stringify(r.error['code'] ?? null)}, message ` +
        `${JSON.stringify(r.error['message'] ?? null)}`,
    }));
  }

  #onEvent(name: string, payload: unknown): void {
    if (name === 'error') {
      this.#pending.shift();
      return;
    }
    if (name !== 'openai_server_event_received') return;
    this.#closeWindow();
    this.#received++;
    const event = payload as { type?: unknown; error?: unknown } | null;
    if (event?.type !== 'error') return;
    const error =
      typeof event.error === 'object' && event.error !== null ? (event.error as Record<string, unknown>) : {};
    const message = error['message'];
    if (typeof message === 'string' && message.startsWith(SILENT_PREFIX)) return;
    this.#pending.push({ index: this.#received, t: this.#clock.now(), error });
  }

  #closeWindow(): void {
    this.#missed.push(...this.#pending);
    this.#pending = [];
  }
}
