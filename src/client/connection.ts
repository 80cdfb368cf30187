import type { Clock } from '../clock/index.js';
import type { ConnectRequest, SocketFactory, SocketLike } from '../link/index.js';
import { APIConnectionError, APIError, ClientErrorCode } from './errors.js';
import type { ConnOptions } from './options.js';
import { SocketInbox } from './socket-inbox.js';
import { withoutPrefix } from '../errors/index.js';

/** Keeps a discarded socket's late `error` from becoming an uncaught `ws` error event. */
export const ignoreSocketError = (): void => {};

/**
 * Opens a socket and resolves once it is open, with an inbox that has held every frame since
 * the socket was created (nothing the server sends with its handshake is lost). Fails with a retryable
 * {@link APIConnectionError} when the factory throws, the handshake is refused (error or
 * close before `open`), or `timeoutMs` passes on `clock` first (R2.5); a timed-out socket is
 * closed and left with a no-op error listener.
 */
export function connectSocket(
  factory: SocketFactory,
  request: ConnectRequest,
  clock: Clock,
  timeoutMs: number,
): Promise<SocketInbox> {
  let ws: SocketLike;
  let inbox: SocketInbox;
  try {
    ws = factory(request);
    inbox = new SocketInbox(ws);
  } catch (cause) {
    return Promise.reject(
      new APIConnectionError(`could not open a socket to ${request.url}: ${describe(cause)}`, {
        cause,
        details: { url: request.url },
      }),
    );
  }
  return new Promise<SocketInbox>((resolve, reject) => {
    let errorText = '';
    const cleanup = (): void => {
      clock.clearTimeout(timer);
      ws.removeEventListener('open', onOpen);
      ws.removeEventListener('error', onError);
      ws.removeEventListener('close', onClose);
    };
    const onOpen = (): void => {
      cleanup();
      resolve(inbox);
    };
    const onError = (event: { message?: string; error?: unknown }): void => {
      errorText = event.message ?? describe(event.error);
    };
    const onClose = (event: { code: number; reason: string }): void => {
      cleanup();
      inbox.release();
      ws.addEventListener('error', ignoreSocketError);
      const why =
        errorText !== '' ? errorText : `closed with code ${event.code}${event.reason ? ` (${event.reason})` : ''}`;
      reject(
        new APIConnectionError(
          `could not connect to ${request.url}: expected the WebSocket handshake to succeed, got ${why}`,
          {
            details: { url: request.url, code: event.code, status: statusOf(errorText) },
          },
        ),
      );
    };
    const timer = clock.setTimeout(
      () => {
        cleanup();
        inbox.release();
        ws.addEventListener('error', ignoreSocketError);
        try {
          ws.close();
        } catch {
          // The socket is abandoned either way.
        }
        reject(
          new APIConnectionError(
            `could not connect to ${request.url}: expected the handshake within ${timeoutMs} ms, got no answer`,
            {
              code: ClientErrorCode.connectTimeout,
              details: { url: request.url, timeoutMs },
            },
          ),
        );
      },
      timeoutMs,
      'connect timeout',
    );
    ws.addEventListener('open', onOpen);
    ws.addEventListener('error', onError);
    ws.addEventListener('close', onClose);
  });
}

/** What the connection loop drives; the session provides it. `S` is an open socket. */
export interface ConnectionLoopHooks<S = SocketLike> {
  /** True once `close()` was called: the loop stops at the next turn. */
  isClosing(): boolean;
  /** Opens the next socket (throws an {@link APIError} on failure). */
  connect(): Promise<S>;
  /** Sends the reconnect burst (§5.3) on a socket opened after the first attempt. */
  reconnect(ws: S): void;
  /** Runs one socket until it ends (§5.5): resolves on a clean end, rejects on a drop. */
  run(ws: S): Promise<void>;
  /**
   * Asked when a run ends: did that socket prove healthy (up long enough, its
   * `session.update` answered)? Only then does the retry counter reset.
   */
  healthy(): boolean;
  /** Reports an error through the session's `error` event. */
  onError(error: Error, recoverable: boolean): void;
  /** Waits before a retry; resolves early when the session closes. */
  sleep(ms: number): Promise<void>;
}

/**
 * The main loop of R2.3. Retry arithmetic: the first retry waits 100 ms, later ones
 * `retryIntervalMs`; after `maxRetry` retries the next failure is fatal (R2.4); with
 * `maxRetry` 0 or a non-retryable error the first failure is (R2.5); any other exception is
 * fatal. Every socket after the first attempt gets the reconnect burst (R2.6).
 *
 * Beyond the reference, which resets the retry counter on every completed reconnect burst:
 * the counter resets only when a socket's run ends and {@link ConnectionLoopHooks.healthy}
 * says it proved healthy. A server that accepts, greets and drops at once is not, so
 * `maxRetry` bounds a flapping server too instead of reconnecting forever (issue 11).
 * Resolves when the session closes; rejects with the fatal error once the session is dead (R2.8).
 */
export async function runConnectionLoop<S>(conn: ConnOptions, hooks: ConnectionLoopHooks<S>): Promise<void> {
  let numRetries = 0;
  let reconnecting = false;
  while (!hooks.isClosing()) {
    try {
      const ws = await hooks.connect();
      if (reconnecting) hooks.reconnect(ws);
      try {
        await hooks.run(ws);
      } finally {
        if (hooks.healthy()) numRetries = 0;
      }
    } catch (caught) {
      const error = caught instanceof Error ? caught : new Error(String(caught));
      // A failure while closing ends the loop quietly: nobody wants a retry any more.
      if (hooks.isClosing()) break;
      if (!(error instanceof APIError) || conn.maxRetry === 0 || !error.retryable) {
        hooks.onError(error, false);
        throw error;
      }
      if (numRetries === conn.maxRetry) {
        hooks.onError(error, false);
        throw new APIConnectionError(
          `realtime API connection failed after ${numRetries + 1} attempts (maxRetry ${conn.maxRetry}); last ` +
            `error: ${withoutPrefix(error.message)}`,
          {
            retryable: false,
            code: ClientErrorCode.retriesExhausted,
            cause: error,
            details: { attempts: numRetries + 1 },
          },
        );
      }
      hooks.onError(error, true);
      await hooks.sleep(numRetries === 0 ? 100 : conn.retryIntervalMs);
      numRetries++;
    }
    reconnecting = true;
  }
}

function describe(value: unknown): string {
  if (value instanceof Error) return value.message;
  if (value === undefined) return 'an error';
  return String(value);
}

function statusOf(text: string): number | undefined {
  const m = /\b([1-5]\d\d)\b/.exec(text);
  return m ? Number(m[1]) : undefined;
}
