import type { WebSocket } from 'ws';
import { closeProblem } from './close-code.js';
import { protocolErrorCode } from './protocol-error.js';
import { rawBytes, rawUint8Array } from './raw-data.js';
import type { HandshakeRequest, ServerConnection } from './server.js';
import { badServerCloseError } from './socket-errors.js';

/** A `ws` server socket seen as a {@link ServerConnection}. */
export class WsServerConnection implements ServerConnection {
  readonly request: HandshakeRequest;
  readonly #ws: WebSocket;
  readonly #batch: boolean;
  #corked = false;

  /** With `batch`, the frames sent in one task leave in one socket write (`WsServerOptions.batchWrites`). */
  constructor(request: HandshakeRequest, ws: WebSocket, batch = false) {
    this.request = request;
    this.#ws = ws;
    this.#batch = batch;
    // A protocol error from the peer is followed by `close`, which is what callers see;
    // without a listener `ws` would throw it as an uncaught error instead.
    ws.on('error', () => {});
  }

  send(text: string): void {
    if (this.#ws.readyState !== this.#ws.OPEN) return;
    if (this.#batch) this.#cork();
    this.#ws.send(text);
  }

  /** Holds the socket's writes until this task's microtasks have run; `ws` corks each frame inside. */
  #cork(): void {
    const socket = (this.#ws as unknown as { _socket?: { cork(): void; uncork(): void } })._socket;
    if (this.#corked || !socket) return;
    this.#corked = true;
    socket.cork();
    queueMicrotask(() => this.#flush());
  }

  /** Writes what the cork holds now. */
  #flush(): void {
    if (!this.#corked) return;
    this.#corked = false;
    (this.#ws as unknown as { _socket?: { uncork(): void } })._socket?.uncork();
  }

  sendBinary(data: Uint8Array): void {
    if (this.#ws.readyState === this.#ws.OPEN) this.#ws.send(data, { binary: true });
  }

  sendInvalidUtf8(): void {
    if (this.#ws.readyState !== this.#ws.OPEN) return;
    // `ws` checks what it sends, so the frame is written under it: FIN + text, 2 bytes, unmasked (a server's).
    const raw = this.#ws as unknown as { _socket?: { write(data: Uint8Array): unknown } };
    raw._socket?.write(Uint8Array.of(0x81, 0x02, 0xff, 0xfe));
  }

  close(code?: number, reason?: string): void {
    const problem = closeProblem(code, reason);
    if (problem) throw badServerCloseError(problem);
    if (this.#ws.readyState === this.#ws.OPEN) this.#ws.close(code, reason);
  }

  terminate(): void {
    // The frames sent before, in this task, leave first, as they do unbatched.
    this.#flush();
    this.#ws.terminate();
  }

  onMessage(listener: (text: string) => void): void {
    this.#ws.on('message', (data, isBinary) => {
      if (!isBinary) listener(rawBytes(data).toString('utf8'));
    });
  }

  onBinary(listener: (data: Uint8Array) => void): void {
    this.#ws.on('message', (data, isBinary) => {
      if (isBinary) listener(rawUint8Array(data));
    });
  }

  onClose(listener: (code: number, reason: string) => void): void {
    this.#ws.on('close', (code, reason) => listener(code, reason.toString('utf8')));
  }

  onProtocolError(listener: (code: number, message: string) => void): void {
    this.#ws.on('error', (error: Error) => listener(protocolErrorCode(error) ?? 1002, error.message));
  }
}
