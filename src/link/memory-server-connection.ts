import type { Clock } from '../clock/index.js';
import { callAll } from './call-all.js';
import { ABNORMAL_CLOSE_CODE, NO_STATUS_CODE, closeProblem } from './close-code.js';
import { copyBytes, type DownFrame, type UpFrame } from './memory-frame.js';
import type { HandshakeRequest, ServerConnection } from './server.js';
import { badServerCloseError } from './socket-errors.js';

/**
 * The server end of one in-memory connection. Like a `ws` server socket it keeps delivering
 * client frames while its own close is in flight, and reports the close once: the peer's
 * code for a clean close, 1006 for a reset or a `terminate()`.
 */
export class MemoryServerConnection implements ServerConnection {
  readonly request: HandshakeRequest;
  readonly #toClient: (frame: DownFrame) => void;
  readonly #clock: Clock;
  readonly #onClosed: () => void;
  readonly #messageListeners: ((text: string) => void)[] = [];
  readonly #binaryListeners: ((data: Uint8Array) => void)[] = [];
  readonly #closeListeners: ((code: number, reason: string) => void)[] = [];
  #state: 'open' | 'closing' | 'closed' = 'open';
  #failSends = 0;

  constructor(request: HandshakeRequest, toClient: (frame: DownFrame) => void, clock: Clock, onClosed: () => void) {
    this.request = request;
    this.#toClient = toClient;
    this.#clock = clock;
    this.#onClosed = onClosed;
  }

  send(text: string): void {
    if (this.#state === 'open') this.#toClient({ kind: 'text', data: text });
  }

  failClientSends(count: number): void {
    this.#failSends = count;
  }

  /** The link's side: whether the client's send now fails (one of the `failClientSends` count). */
  takeClientSendFailure(): boolean {
    if (this.#failSends === 0) return false;
    this.#failSends--;
    return true;
  }

  sendBinary(data: Uint8Array): void {
    if (this.#state === 'open') this.#toClient({ kind: 'binary', data: copyBytes(data) });
  }

  sendInvalidUtf8(): void {
    if (this.#state === 'open') this.#toClient({ kind: 'invalid-utf8' });
  }

  close(code?: number, reason?: string): void {
    const problem = closeProblem(code, reason);
    if (problem) throw badServerCloseError(problem);
    if (this.#state !== 'open') return;
    this.#state = 'closing';
    this.#toClient({ kind: 'close', code: code ?? NO_STATUS_CODE, reason: code === undefined ? '' : (reason ?? '') });
  }

  terminate(): void {
    if (this.#state === 'closed') return;
    this.#markClosed();
    this.#toClient({ kind: 'reset' });
    // Reported from a timer, never from inside the caller's own terminate() call.
    this.#clock.setTimeout(() => callAll(this.#closeListeners, ABNORMAL_CLOSE_CODE, ''), 0);
  }

  onMessage(listener: (text: string) => void): void {
    this.#messageListeners.push(listener);
  }

  onBinary(listener: (data: Uint8Array) => void): void {
    this.#binaryListeners.push(listener);
  }

  onClose(listener: (code: number, reason: string) => void): void {
    this.#closeListeners.push(listener);
  }

  /** A frame from the client arrives. Called by the link only. */
  receive(frame: Exclude<UpFrame, { kind: 'handshake' }>): void {
    if (this.#state === 'closed') return;
    switch (frame.kind) {
      case 'text':
        return callAll(this.#messageListeners, frame.data);
      case 'binary':
        return callAll(this.#binaryListeners, frame.data);
      case 'close':
        // Client-initiated: echo it. Server-initiated: this is the echo.
        if (this.#state === 'open') this.#toClient({ kind: 'close', code: frame.code, reason: frame.reason });
        this.#markClosed();
        return callAll(this.#closeListeners, frame.code, frame.reason);
      case 'reset':
        this.#markClosed();
        return callAll(this.#closeListeners, ABNORMAL_CLOSE_CODE, '');
    }
  }

  #markClosed(): void {
    this.#state = 'closed';
    this.#onClosed();
  }
}
