import type { Clock } from '../clock/index.js';
import { ABNORMAL_CLOSE_CODE, NO_STATUS_CODE, closeProblem } from './close-code.js';
import { copyBytes, type DownFrame, type UpFrame } from './memory-frame.js';
import { ReadyState, type SocketLike } from './socket.js';
import { SocketEventTarget, type SocketEvent } from './socket-event-target.js';
import { badCloseError, notOpenError } from './socket-errors.js';
import { subprotocolProblem } from './subprotocol.js';

/** The close code `ws` sends for a text frame that is not UTF-8 (RFC 6455 §7.4.1: inconsistent data). */
const INVALID_UTF8_CLOSE_CODE = 1007;
/** The message of the `error` `ws` emits for it. */
const INVALID_UTF8_MESSAGE = 'Invalid WebSocket frame: invalid UTF-8 sequence';

/**
 * The client end of the in-memory link, shaped like a WHATWG `WebSocket`:
 * `readyState` goes CONNECTING → OPEN → CLOSING → CLOSED, events arrive through
 * `addEventListener` and the `onX` properties, `send` throws `InvalidStateError` while
 * CONNECTING and drops frames once CLOSING. Like the `ws` package (not browsers), messages
 * that arrive while CLOSING are still delivered, so both links behave the same.
 *
 * Everything that reaches it comes through {@link receive}, called by the link on the clock.
 */
export class MemorySocket extends SocketEventTarget implements SocketLike {
  readonly CONNECTING = ReadyState.CONNECTING;
  readonly OPEN = ReadyState.OPEN;
  readonly CLOSING = ReadyState.CLOSING;
  readonly CLOSED = ReadyState.CLOSED;

  readonly url: string;
  readonly #requested: readonly string[];
  readonly #toServer: (frame: UpFrame) => void;
  readonly #clock: Clock;
  #readyState: number = ReadyState.CONNECTING;
  #protocol = '';
  /** Closed before the handshake completed: nothing but the local failure reaches it. */
  #aborted = false;

  constructor(url: string, protocols: readonly string[], toServer: (frame: UpFrame) => void, clock: Clock) {
    super();
    this.url = url;
    this.#requested = protocols;
    this.#toServer = toServer;
    this.#clock = clock;
  }

  get readyState(): number {
    return this.#readyState;
  }

  get protocol(): string {
    return this.#protocol;
  }

  send(data: string | ArrayBuffer | ArrayBufferView): void {
    if (this.#readyState === ReadyState.CONNECTING) throw notOpenError(this.#readyState);
    if (this.#readyState !== ReadyState.OPEN) return;
    this.#toServer(typeof data === 'string' ? { kind: 'text', data } : { kind: 'binary', data: copyBytes(data) });
  }

  close(code?: number, reason?: string): void {
    const problem = closeProblem(code, reason);
    if (problem) throw badCloseError(problem);
    if (this.#readyState === ReadyState.CONNECTING) {
      this.#abort('WebSocket was closed before the connection was established');
      return;
    }
    if (this.#readyState !== ReadyState.OPEN) return;
    this.#readyState = ReadyState.CLOSING;
    this.#toServer({ kind: 'close', code: code ?? NO_STATUS_CODE, reason: code === undefined ? '' : (reason ?? '') });
  }

  /** A frame from the server arrives. Called by the link only. */
  receive(frame: DownFrame): void {
    if (this.#aborted || this.#readyState === ReadyState.CLOSED) return;
    switch (frame.kind) {
      case 'accept': {
        const problem = subprotocolProblem(this.#requested, frame.protocol);
        if (problem !== undefined) return this.#abort(problem);
        this.#readyState = ReadyState.OPEN;
        this.#protocol = frame.protocol;
        return this.#emit({ type: 'open' });
      }
      case 'refuse':
        // The message `ws` gives for a non-101 answer; clients match on the status in it.
        return this.#fail(`Unexpected server response: ${frame.status}`);
      case 'text':
      case 'binary':
        return this.#emit({ type: 'message', data: frame.data });
      case 'invalid-utf8':
        return this.#failConnection(INVALID_UTF8_CLOSE_CODE, INVALID_UTF8_MESSAGE);
      case 'close':
        if (this.#readyState === ReadyState.OPEN) {
          // Server-initiated: echo the close frame, as RFC 6455 §5.5.1 requires.
          this.#readyState = ReadyState.CLOSING;
          this.#toServer({ kind: 'close', code: frame.code, reason: frame.reason });
        }
        this.#readyState = ReadyState.CLOSED;
        return this.#emit({ type: 'close', code: frame.code, reason: frame.reason, wasClean: true });
      case 'reset':
        this.#readyState = ReadyState.CLOSED;
        return this.#emit({ type: 'close', code: ABNORMAL_CLOSE_CODE, reason: '', wasClean: false });
    }
  }

  /** Gives up on the handshake: the server sees a reset, the client an error and a 1006. */
  #abort(message: string): void {
    this.#aborted = true;
    this.#readyState = ReadyState.CLOSING;
    this.#toServer({ kind: 'reset' });
    // Events never fire from inside the call that caused them (WHATWG queues a task).
    this.#clock.setTimeout(() => this.#fail(message), 0);
  }

  /**
   * A frame `ws` refuses: it sends a close frame with `code` and, reading nothing more, emits
   * `error` and a 1006 `close`.
   */
  #failConnection(code: number, message: string): void {
    if (this.#readyState !== ReadyState.OPEN) return;
    this.#readyState = ReadyState.CLOSING;
    this.#toServer({ kind: 'close', code, reason: '' });
    this.#fail(message);
  }

  #fail(message: string): void {
    if (this.#readyState === ReadyState.CLOSED) return;
    this.#readyState = ReadyState.CLOSED;
    const errorFailure = this.dispatch({ type: 'error', message, error: new Error(message) });
    const closeFailure = this.dispatch({ type: 'close', code: ABNORMAL_CLOSE_CODE, reason: '', wasClean: false });
    const failure = errorFailure ?? closeFailure;
    if (failure) throw failure.error;
  }

  #emit(event: SocketEvent): void {
    const failure = this.dispatch(event);
    // Rethrown from the clock timer: on the virtual clock it rejects `run`, as an uncaught
    // listener error would surface on the real one.
    if (failure) throw failure.error;
  }
}
