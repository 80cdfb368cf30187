import type { Clock, TimerHandle } from '../clock/index.js';
import { ReadyState, type SocketLike } from '../link/index.js';
import type { ClientEvent } from '../protocol/index.js';
import { ignoreSocketError } from './connection.js';
import { eventText } from './audio/index.js';
import { Deferred } from './deferred.js';
import { APIConnectionError, ClientErrorCode } from './errors.js';
import type { Logger } from './logger.js';
import type { SendQueue } from './send-queue.js';
import type { SocketInbox } from './socket-inbox.js';

/** How long a clean close waits for the peer's close frame before giving up on it. */
export const CLOSE_GRACE_MS = 2000;
/** Close code the client uses for a socket it gives up on as half-open. */
export const IDLE_CLOSE_CODE = 4000;

/** How one socket ended. `error` is set for a drop (or a fatal frame); absent for a clean end. */
export interface SocketOutcome {
  code: number;
  reason: string;
  error?: Error;
}

/** What {@link runSocket} needs from the session. */
export interface SocketRunContext {
  clock: Clock;
  logger: Logger;
  queue: SendQueue<ClientEvent>;
  /** Half-open detection (rt-sim extra); null = off. */
  idleTimeoutMs: number | null;
  /** Recycling (§5.4); null = off. */
  maxSessionDurationMs: number | null;
  /** Called with each event just before it goes on the wire (`openai_client_event_queued`). */
  onSend(event: ClientEvent): void;
  /** Called with each text frame; a throw is fatal (a frame that is not JSON, R2.5). */
  onText(text: string): void;
  /** The in-flight response's end, if one is in flight; recycling waits for it (§5.4). */
  inFlight(): Promise<void> | undefined;
}

/**
 * Runs one open socket (§5.5 `run_ws`), starting with what its inbox held: the send loop drains the queue onto it, text
 * frames go to `onText`, and the first of these ends it:
 * - the queue closed and drained (session close) or a send failed: clean close with 1000;
 * - the recycle timer fired and the in-flight response ended (§5.4): clean close with 1000;
 * - the peer closed or the socket dropped: a retryable {@link APIConnectionError};
 * - no frame for `idleTimeoutMs`: a retryable {@link APIConnectionError} (half-open);
 * - `onText` threw: that error, which the connection loop treats as fatal.
 * Resolves (never rejects) with the outcome once every timer and listener is removed.
 */
export async function runSocket(inbox: SocketInbox, ctx: SocketRunContext): Promise<SocketOutcome> {
  const ws = inbox.ws;
  const { clock, logger, queue } = ctx;
  const stop = new AbortController();
  const ended = new Deferred<SocketOutcome>();
  let closing = false;
  let lastError = '';
  let idleTimer: TimerHandle | undefined;
  let recycleTimer: TimerHandle | undefined;
  let graceTimer: TimerHandle | undefined;

  const abandon = (code: number, reason: string, error: Error): void => {
    if (ended.done) return;
    closeQuietly(ws, code, reason);
    ended.resolve({ code, reason, error });
  };
  const beginClose = (reason: string): void => {
    if (closing || ended.done) return;
    closing = true;
    // Waiting for the close echo is not silence worth a reconnect.
    clock.clearTimeout(idleTimer);
    closeQuietly(ws, 1000, reason);
    graceTimer = clock.setTimeout(() => ended.resolve({ code: 1000, reason }), CLOSE_GRACE_MS, 'close grace');
  };
  const armIdle = (): void => {
    const ms = ctx.idleTimeoutMs;
    if (ms === null || closing) return;
    clock.clearTimeout(idleTimer);
    idleTimer = clock.setTimeout(
      () => {
        const reason = 'rt-sim idle timeout';
        abandon(
          IDLE_CLOSE_CODE,
          reason,
          new APIConnectionError(
            `expected a frame from the server at least every ${ms} ms, got none: treating the socket as half-open`,
            {
              code: ClientErrorCode.idleTimeout,
              details: { idleTimeoutMs: ms },
            },
          ),
        );
      },
      ms,
      'idle timeout',
    );
  };

  const onMessage = (event: { data: unknown }): void => {
    if (ended.done) return;
    armIdle();
    if (typeof event.data !== 'string') {
      logger.debug('skipped a binary frame');
      return;
    }
    try {
      ctx.onText(event.data);
    } catch (error) {
      abandon(1000, '', error instanceof Error ? error : new Error(String(error)));
    }
  };
  const onError = (event: { message?: string; error?: unknown }): void => {
    lastError = event.message ?? (event.error instanceof Error ? event.error.message : '');
  };
  const onClose = (event: { code: number; reason: string }): void => {
    if (ended.done) return;
    if (closing) {
      ended.resolve({ code: event.code, reason: event.reason });
      return;
    }
    const why = `code ${event.code}${event.reason ? ` "${event.reason}"` : ''}${lastError ? `, ${lastError}` : ''}`;
    ended.resolve({
      code: event.code,
      reason: event.reason,
      error: new APIConnectionError(`OpenAI S2S connection closed unexpectedly (${why})`, {
        code: ClientErrorCode.connectionClosed,
        details: { code: event.code, reason: event.reason },
      }),
    });
  };

  const sendLoop = async (): Promise<void> => {
    for (;;) {
      const more = await queue.wait(stop.signal);
      if (stop.signal.aborted || ended.done) return;
      if (!more) break; // closed and drained: the session is closing
      // Not open: the close event decides what happened; the event stays queued.
      if (ws.readyState !== ReadyState.OPEN) return;
      const event = queue.shift() as ClientEvent;
      ctx.onSend(event);
      try {
        ws.send(eventText(event));
      } catch (error) {
        // Reference semantics: a failed send ends the socket quietly and the loop reconnects.
        logger.warn('failed to send an event; reconnecting', { type: event.type, error });
        break;
      }
    }
    beginClose('');
  };

  armIdle();
  // Frames (and a close) that came with the handshake are replayed first, in order.
  inbox.handOver({ message: onMessage, error: onError, close: onClose });
  if (ctx.maxSessionDurationMs !== null) {
    recycleTimer = clock.setTimeout(
      () => {
        const inFlight = ctx.inFlight();
        if (!inFlight) return beginClose('');
        void inFlight.then(() => beginClose(''));
      },
      ctx.maxSessionDurationMs,
      'session recycle',
    );
  }
  sendLoop().catch((error: unknown) => abandon(1000, '', error instanceof Error ? error : new Error(String(error))));

  const outcome = await ended.promise;
  stop.abort();
  clock.clearTimeout(idleTimer);
  clock.clearTimeout(recycleTimer);
  clock.clearTimeout(graceTimer);
  ws.removeEventListener('message', onMessage);
  ws.removeEventListener('error', onError);
  ws.removeEventListener('close', onClose);
  ws.addEventListener('error', ignoreSocketError);
  if (ws.readyState === ReadyState.OPEN) closeQuietly(ws, 1000, '');
  return outcome;
}

function closeQuietly(ws: SocketLike, code: number, reason: string): void {
  try {
    ws.close(code, reason);
  } catch {
    // Already closing or closed.
  }
}
