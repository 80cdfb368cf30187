import type { SocketEventMap, SocketLike } from '../link/index.js';

/** The listeners {@link SocketInbox.handOver} attaches for the socket's run. */
export interface InboxListeners {
  message(event: SocketEventMap['message']): void;
  error(event: SocketEventMap['error']): void;
  close(event: SocketEventMap['close']): void;
}

type Held =
  | { type: 'message'; event: SocketEventMap['message'] }
  | { type: 'error'; event: SocketEventMap['error'] }
  | { type: 'close'; event: SocketEventMap['close'] };

/**
 * Holds every message, error and close a socket delivers from its creation until its run
 * takes over. A server may send its first frames in the same TCP segment as the handshake
 * answer, and `ws` then emits them in the same tick as `open`, before any awaiting caller
 * can attach a listener: without the inbox they were lost (issue 11).
 */
export class SocketInbox {
  readonly ws: SocketLike;
  #held: Held[] | undefined = [];
  readonly #onMessage = (event: SocketEventMap['message']): void => void this.#held?.push({ type: 'message', event });
  readonly #onError = (event: SocketEventMap['error']): void => void this.#held?.push({ type: 'error', event });
  readonly #onClose = (event: SocketEventMap['close']): void => void this.#held?.push({ type: 'close', event });

  /** Starts holding at once: call it right after the socket is created, before any await. */
  constructor(ws: SocketLike) {
    this.ws = ws;
    ws.addEventListener('message', this.#onMessage);
    ws.addEventListener('error', this.#onError);
    ws.addEventListener('close', this.#onClose);
  }

  /** How many events wait for {@link handOver}. */
  get held(): number {
    return this.#held?.length ?? 0;
  }

  /**
   * Attaches `listeners`, stops holding, and replays what was held, in order, to them.
   * Later events go straight to the listeners. Only the first call has an effect.
   */
  handOver(listeners: InboxListeners): void {
    const held = this.#held;
    if (held === undefined) return;
    this.#held = undefined;
    this.ws.addEventListener('message', listeners.message);
    this.ws.addEventListener('error', listeners.error);
    this.ws.addEventListener('close', listeners.close);
    this.release();
    for (const item of held) {
      if (item.type === 'message') listeners.message(item.event);
      else if (item.type === 'error') listeners.error(item.event);
      else listeners.close(item.event);
    }
  }

  /** Stops holding and drops what was held (a socket given up before its run). */
  release(): void {
    this.#held = undefined;
    this.ws.removeEventListener('message', this.#onMessage);
    this.ws.removeEventListener('error', this.#onError);
    this.ws.removeEventListener('close', this.#onClose);
  }
}
