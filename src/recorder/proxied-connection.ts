import type { Clock } from '../clock/index.js';
import {
  protocolErrorCode,
  ReadyState,
  type ServerConnection,
  type SocketFactory,
  type SocketLike,
} from '../link/index.js';
import {
  frameRecord,
  type CloseBy,
  type FrameDirection,
  type Redactor,
  type TranscriptRecord,
} from '../transcript/index.js';
import {
  fitReason,
  isSendableCloseCode,
  QUEUE_FULL_CLOSE_CODE,
  RECORDER_CLOSE_CODE,
  RECORDER_CLOSE_REASON,
  refusalCloseCode,
} from './close-codes.js';
import { forwardedHeaders, pathAndQuery, refusalStatus } from './upstream-request.js';

/** What one proxied connection needs from its recorder. */
export interface ProxyContext {
  conn: number;
  clock: Clock;
  redactor: Redactor;
  socketFactory: SocketFactory;
  /** The URL to open upstream for this client. */
  upstreamUrl: string;
  /** Appends a record to the transcript. */
  record(record: TranscriptRecord): void;
  /** Client bytes queued while the upstream opens, at most; then 1013. */
  maxPendingBytes: number;
}

type Payload = string | Uint8Array;

/**
 * One client connection and its upstream twin. Frames are recorded (redacted) as they reach
 * the recorder and forwarded unchanged, in order; client frames wait in a queue until the
 * upstream is open. The first side to close is recorded and its code passed on to the other.
 * After the close record nothing more is recorded for this connection.
 */
export class ProxiedConnection {
  readonly #ctx: ProxyContext;
  readonly #client: ServerConnection;
  readonly #protocol: string | undefined;
  readonly #pending: Payload[] = [];
  #pendingBytes = 0;
  #upstream: SocketLike | undefined;
  #openedAt = 0;
  #upstreamOpen = false;
  #upstreamError: string | undefined;
  /** Close code our socket sent when it refused an upstream frame (1007 invalid UTF-8…). */
  #upstreamRefusedFrame: number | undefined;
  #closed = false;
  #upstreamDone = false;
  readonly #upstreamGone: Promise<void>;
  #markUpstreamGone!: () => void;
  #markClientGone!: () => void;
  /** Settles once both sockets are closed. */
  readonly finished: Promise<void>;

  constructor(ctx: ProxyContext, client: ServerConnection, protocol: string | undefined) {
    this.#ctx = ctx;
    this.#client = client;
    this.#protocol = protocol;
    this.#upstreamGone = new Promise<void>((resolve) => (this.#markUpstreamGone = resolve));
    const clientGone = new Promise<void>((resolve) => (this.#markClientGone = resolve));
    this.finished = Promise.all([clientGone, this.#upstreamGone]).then(() => undefined);
  }

  /** Records the open, starts listening to the client and opens the upstream. */
  start(): void {
    const { redactor } = this.#ctx;
    const request = this.#client.request;
    const headers = forwardedHeaders(request.headers);
    this.#openedAt = this.#ctx.clock.now();
    // Learn the credentials first, so they are caught even where no rule would see them.
    redactor.learnHandshake(request);
    this.#ctx.record({
      t: 0,
      conn: this.#ctx.conn,
      kind: 'open',
      url: redactor.redactUrl(pathAndQuery(request.url)),
      headers: redactor.redactHeaders(headers),
      protocols: redactor.redactProtocols(request.protocols),
      ...(this.#protocol === undefined ? {} : { protocol: redactor.redactProtocol(this.#protocol) }),
    });

    this.#client.onMessage((text) => this.#fromClient(text));
    this.#client.onBinary?.((bytes) => this.#fromClient(bytes));
    this.#client.onProtocolError?.((code, message) => this.#clientBrokeProtocol(code, message));
    this.#client.onClose((code, reason) => {
      this.#markClientGone();
      this.#clientClosed(code, reason);
    });

    let upstream: SocketLike;
    try {
      upstream = this.#ctx.socketFactory({
        url: this.#ctx.upstreamUrl,
        headers,
        ...(request.protocols.length > 0 ? { protocols: [...request.protocols] } : {}),
      });
    } catch (error) {
      this.#upstreamError = (error as Error).message;
      this.#upstreamDone = true;
      this.#markUpstreamGone();
      this.#upstreamFailed();
      return;
    }
    this.#upstream = upstream;
    upstream.addEventListener('open', () => {
      this.#upstreamOpen = true;
      for (const payload of this.#pending.splice(0)) upstream.send(payload);
      this.#pendingBytes = 0;
    });
    upstream.addEventListener('message', (event) => this.#fromUpstream(payload(event.data)));
    upstream.addEventListener('error', (event) => {
      this.#upstreamError ??= event.message ?? String(event.error);
      if (this.#upstreamOpen) this.#upstreamRefusedFrame ??= protocolErrorCode(event.error);
    });
    upstream.addEventListener('close', (event) => {
      this.#upstreamDone = true;
      this.#markUpstreamGone();
      if (!this.#upstreamOpen) this.#upstreamFailed();
      else if (this.#upstreamRefusedFrame !== undefined) this.#upstreamBrokeProtocol(this.#upstreamRefusedFrame);
      else this.#upstreamClosed(event.code, event.reason);
    });
  }

  /**
   * Ends the connection because the recorder is closing: records it, closes both sides with
   * 1001, and waits (at most `timeoutMs`) for the upstream socket to finish closing.
   */
  async shutdown(timeoutMs: number): Promise<void> {
    if (!this.#closed) {
      this.#recordClose(RECORDER_CLOSE_CODE, RECORDER_CLOSE_REASON, 'recorder');
      this.#client.close(RECORDER_CLOSE_CODE, RECORDER_CLOSE_REASON);
      this.#closeUpstream(RECORDER_CLOSE_CODE, RECORDER_CLOSE_REASON);
    }
    if (this.#upstream === undefined || this.#upstreamDone) return;
    const abort = new AbortController();
    await Promise.race([this.#upstreamGone, this.#ctx.clock.sleep(timeoutMs, abort.signal).catch(() => undefined)]);
    abort.abort();
  }

  #fromClient(data: Payload): void {
    if (this.#closed) return;
    this.#recordFrame('c2s', data);
    if (this.#upstreamOpen && this.#upstream !== undefined) {
      this.#upstream.send(data);
      return;
    }
    // A client that streams faster than the upstream opens must not grow the queue without bound.
    this.#pendingBytes += typeof data === 'string' ? Buffer.byteLength(data) : data.byteLength;
    if (this.#pendingBytes > this.#ctx.maxPendingBytes) return this.#queueFull();
    this.#pending.push(data);
  }

  /** Client frames waiting for the upstream passed `maxPendingBytes`: close both sides with 1013 (try again later). */
  #queueFull(): void {
    const reason = fitReason(
      `rt-sim recorder: more than ${this.#ctx.maxPendingBytes} bytes queued before the upstream opened`,
    );
    this.#recordClose(QUEUE_FULL_CLOSE_CODE, reason, 'recorder');
    this.#client.close(QUEUE_FULL_CLOSE_CODE, reason);
    this.#closeUpstream(QUEUE_FULL_CLOSE_CODE, reason);
  }

  #fromUpstream(data: Payload): void {
    if (this.#closed) return;
    this.#recordFrame('s2c', data);
    if (typeof data === 'string') this.#client.send(data);
    else this.#client.sendBinary?.(data);
  }

  #clientClosed(code: number, reason: string): void {
    if (this.#closed) return;
    this.#recordClose(code, reason, 'client');
    this.#closeUpstream(code, reason);
  }

  /**
   * The recorder's own socket refused a client frame (invalid UTF-8: 1007) and failed the
   * connection, as any WebSocket endpoint must (RFC 6455 §8.1): recorded as closed by the
   * recorder with the code it sent and why, and the same code passed upstream.
   */
  #clientBrokeProtocol(code: number, message: string): void {
    if (this.#closed) return;
    const reason = fitReason(`client frame refused: ${message}`);
    this.#recordClose(code, reason, 'recorder');
    this.#closeUpstream(code, reason);
  }

  /** The same for a frame from the upstream: recorded as closed by the recorder, the code passed to the client. */
  #upstreamBrokeProtocol(code: number): void {
    if (this.#closed) return;
    const reason = fitReason(
      `upstream frame refused: ${this.#ctx.redactor.redactText(this.#upstreamError ?? 'protocol error')}`,
    );
    this.#recordClose(code, reason, 'recorder');
    if (isSendableCloseCode(code)) this.#client.close(code, reason);
    else this.#client.terminate();
  }

  #upstreamClosed(code: number, reason: string): void {
    if (this.#closed) return;
    this.#recordClose(code, reason, 'server');
    if (isSendableCloseCode(code)) this.#client.close(code, reason);
    else if (code === 1005) this.#client.close();
    // 1006 and other codes no endpoint may send: drop the client the way the upstream dropped us.
    else this.#client.terminate();
  }

  /** The upstream closed or failed before opening: a refused handshake or no upstream at all. */
  #upstreamFailed(): void {
    if (this.#closed) return;
    const status = refusalStatus(this.#upstreamError);
    const code = refusalCloseCode(status);
    const reason = fitReason(
      status !== undefined
        ? `upstream refused the handshake: HTTP ${status}`
        : `upstream unreachable: ${this.#ctx.redactor.redactText(this.#upstreamError ?? 'closed before opening')}`,
    );
    this.#recordClose(code, reason, 'upstream-refused', status);
    this.#client.close(code, reason);
  }

  #closeUpstream(code: number, reason: string): void {
    const upstream = this.#upstream;
    if (
      upstream === undefined ||
      upstream.readyState === ReadyState.CLOSING ||
      upstream.readyState === ReadyState.CLOSED
    )
      return;
    if (isSendableCloseCode(code)) upstream.close(code, reason);
    else upstream.close();
  }

  #recordFrame(dir: FrameDirection, data: Payload): void {
    const { redactor } = this.#ctx;
    const record = frameRecord(this.#elapsed(), this.#ctx.conn, dir, data);
    if ('frame' in record) record.frame = redactor.redactFrame(record.frame);
    else if ('text' in record) record.text = redactor.redactText(record.text);
    else if ('binary' in record && typeof data !== 'string')
      record.binary = Buffer.from(redactor.redactBinary(data)).toString('base64');
    this.#ctx.record(record);
  }

  #recordClose(code: number, reason: string, by: CloseBy, status?: number): void {
    this.#closed = true;
    this.#pending.length = 0;
    this.#pendingBytes = 0;
    this.#ctx.record({
      t: this.#elapsed(),
      conn: this.#ctx.conn,
      kind: 'close',
      code,
      reason: this.#ctx.redactor.redactText(reason),
      by,
      ...(status === undefined ? {} : { status }),
    });
  }

  /** Whole milliseconds since the client connected; rounding keeps transcripts readable. */
  #elapsed(): number {
    return Math.max(0, Math.round(this.#ctx.clock.now() - this.#openedAt));
  }
}

function payload(data: unknown): Payload {
  if (typeof data === 'string') return data;
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  return String(data);
}
