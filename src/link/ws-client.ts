import WebSocket from 'ws';
import { RtSimError } from '../protocol/index.js';
import { closeProblem } from './close-code.js';
import { rawBytes, rawUint8Array } from './raw-data.js';
import { ReadyState, type ConnectRequest, type SocketFactory, type SocketLike } from './socket.js';
import { SocketEventTarget, type SocketEvent } from './socket-event-target.js';
import { badCloseError, notOpenError } from './socket-errors.js';

/**
 * A `ws` client socket behind the same WHATWG-shaped front as the memory link: text frames
 * arrive as strings, binary frames as `Uint8Array`, `send` while CONNECTING throws
 * `InvalidStateError`, and a throwing listener is reported as an uncaught error without
 * disturbing `ws` itself.
 */
export class WsSocket extends SocketEventTarget implements SocketLike {
  readonly CONNECTING = ReadyState.CONNECTING;
  readonly OPEN = ReadyState.OPEN;
  readonly CLOSING = ReadyState.CLOSING;
  readonly CLOSED = ReadyState.CLOSED;

  readonly #ws: WebSocket;

  /**
   * @param options.unmasked send frames with an all-zero mask key, which `ws` neither applies
   *   nor undoes: for loopback links only, where no proxy sits between the peers and the XOR
   *   of every payload byte on both sides was 2% of a ws-link run. Frames stay masked frames.
   */
  constructor(request: ConnectRequest, options: { unmasked?: boolean } = {}) {
    super();
    const ws = new WebSocket(request.url, request.protocols ?? [], {
      headers: request.headers,
      ...(options.unmasked ? { generateMask: (mask: Buffer) => mask.fill(0) } : {}),
    });
    this.#ws = ws;
    ws.addEventListener('open', () => this.#emit({ type: 'open' }));
    ws.on('message', (data, isBinary) =>
      this.#emit({ type: 'message', data: isBinary ? rawUint8Array(data) : rawBytes(data).toString('utf8') }),
    );
    // `ws` emits `error` (e.g. "Unexpected server response: 401") then `close` 1006.
    ws.addEventListener('error', (event) => this.#emit({ type: 'error', message: event.message, error: event.error }));
    ws.addEventListener('close', (event) =>
      this.#emit({ type: 'close', code: event.code, reason: event.reason, wasClean: event.wasClean }),
    );
  }

  get url(): string {
    return this.#ws.url;
  }

  get readyState(): number {
    return this.#ws.readyState;
  }

  get protocol(): string {
    return this.#ws.protocol;
  }

  send(data: string | ArrayBuffer | ArrayBufferView): void {
    const state = this.#ws.readyState;
    if (state === ReadyState.CONNECTING) throw notOpenError(state);
    if (state === ReadyState.OPEN) this.#ws.send(data, { binary: typeof data !== 'string' });
  }

  close(code?: number, reason?: string): void {
    const problem = closeProblem(code, reason);
    if (problem) throw badCloseError(problem);
    this.#ws.close(code, reason);
  }

  #emit(event: SocketEvent): void {
    const failure = this.dispatch(event);
    if (failure) {
      queueMicrotask(() => {
        throw failure.error;
      });
    }
  }
}

/** Opens sockets with the `ws` package, passing the request's headers through. Node's default. */
export const wsSocketFactory: SocketFactory = (request) => new WsSocket(request);

/** {@link wsSocketFactory} with all-zero mask keys, for a loopback link (see {@link WsSocket}). */
export const loopbackWsSocketFactory: SocketFactory = (request) => new WsSocket(request, { unmasked: true });

/** What rt-sim needs of a global (undici / browser) `WebSocket` constructor. */
interface GlobalWebSocketConstructor {
  new (
    url: string,
    init?: { protocols?: string[]; headers?: Record<string, string> },
  ): SocketLike & { binaryType: string };
}

/**
 * A factory over `globalThis.WebSocket` (Node 22+, or Node 20 with
 * `--experimental-websocket`). Node's undici `WebSocket` takes `{ protocols, headers }` as
 * its second argument, which is how the `Authorization` header gets through. Binary frames
 * arrive as `ArrayBuffer`. Throws `RTSIM_LINK_NO_GLOBAL_WEBSOCKET` when there is none.
 */
export function globalWebSocketFactory(): SocketFactory {
  const candidate = (globalThis as { WebSocket?: unknown }).WebSocket;
  if (typeof candidate !== 'function') {
    throw new RtSimError(
      'RTSIM_LINK_NO_GLOBAL_WEBSOCKET',
      `expected a global WebSocket constructor, got ${typeof candidate}; ` +
        'use Node 22+ or start Node 20 with --experimental-websocket, or use wsSocketFactory (the ws package)',
    );
  }
  const GlobalWebSocket = candidate as GlobalWebSocketConstructor;
  return (request) => {
    const socket = new GlobalWebSocket(request.url, { protocols: request.protocols ?? [], headers: request.headers });
    socket.binaryType = 'arraybuffer';
    return socket;
  };
}
