import { RtSimError } from '../protocol/index.js';
import type { ErrorCode } from '../errors/index.js';
import { redactCause, redactCredentials, redactData, redactFields } from './redact.js';

/**
 * Base class of the client's errors (LiveKit's `RealtimeError`): timeouts of
 * `generateReply` / `updateChatCtx`, futures failed by a drop or a close, bad calls.
 */
export class RealtimeError extends RtSimError {
  override readonly name: string = 'RealtimeError';

  /** Credentials in `message`, `details` and the cause's message are redacted. */
  constructor(code: ErrorCode, message: string, details: Record<string, unknown> = {}, options?: { cause?: unknown }) {
    super(
      code,
      redactCredentials(message),
      redactFields(details),
      options && 'cause' in options ? { cause: redactCause(options.cause) } : options,
    );
  }
}

/**
 * An error reported by, or about, the realtime API (LiveKit's `APIError`). `retryable`
 * decides what the connection loop does with it (R2.3, R2.5).
 */
export class APIError extends RtSimError {
  override readonly name: string = 'APIError';
  /** The server's error object, or the failed response's `status_details.error`, if any, with credentials redacted. */
  readonly body: unknown;
  /** True when the connection loop may retry after this error. */
  readonly retryable: boolean;

  constructor(
    message: string,
    opts: {
      body?: unknown;
      retryable?: boolean;
      code?: ErrorCode;
      details?: Record<string, unknown>;
      cause?: unknown;
    } = {},
  ) {
    // Credentials in the message, details and the cause's message are redacted (issue 11).
    super(
      opts.code ?? 'RTSIM_CLIENT_API_ERROR',
      redactCredentials(message),
      redactFields(opts.details ?? {}),
      opts.cause === undefined ? undefined : { cause: redactCause(opts.cause) },
    );
    // The server's error object may echo what it was sent, credentials included (issue 11).
    this.body = redactData(opts.body ?? null);
    this.retryable = opts.retryable ?? true;
  }
}

/**
 * The socket could not be opened, dropped, went silent, or a send failed (LiveKit's
 * `APIConnectionError`). Retryable unless said otherwise (R2.5).
 */
export class APIConnectionError extends APIError {
  override readonly name: string = 'APIConnectionError';

  constructor(
    message: string,
    opts: { retryable?: boolean; code?: ErrorCode; details?: Record<string, unknown>; cause?: unknown } = {},
  ) {
    super(message, { ...opts, code: opts.code ?? 'RTSIM_CLIENT_CONNECTION', retryable: opts.retryable ?? true });
  }
}

/** Payload of the session's `error` event (§5.18 E4). */
export interface RealtimeModelError {
  readonly type: 'realtime_model_error';
  /** Seconds on the session's clock (`clock.now() / 1000`). */
  readonly timestamp: number;
  /** The model label (R1.5). */
  readonly label: string;
  readonly error: Error;
  /** False once the session is dead (R2.3, R2.8). */
  readonly recoverable: boolean;
}

/** Stable codes of the client's errors, for users who match on them; each is a row of docs/errors.md. */
export const ClientErrorCode = {
  badOption: 'RTSIM_CLIENT_BAD_OPTION',
  noApiKey: 'RTSIM_CLIENT_NO_API_KEY',
  apiError: 'RTSIM_CLIENT_API_ERROR',
  responseFailed: 'RTSIM_CLIENT_RESPONSE_FAILED',
  connection: 'RTSIM_CLIENT_CONNECTION',
  connectTimeout: 'RTSIM_CLIENT_CONNECT_TIMEOUT',
  connectionClosed: 'RTSIM_CLIENT_CONNECTION_CLOSED',
  idleTimeout: 'RTSIM_CLIENT_IDLE_TIMEOUT',
  reconnectFailed: 'RTSIM_CLIENT_RECONNECT_FAILED',
  retriesExhausted: 'RTSIM_CLIENT_RETRIES_EXHAUSTED',
  badFrame: 'RTSIM_CLIENT_BAD_FRAME',
  /** A server frame lacks a field the client needs, or has it in a shape the client cannot use. */
  eventUnreadable: 'RTSIM_CLIENT_EVENT_UNREADABLE',
  /** A readable server frame could not be applied (no response in flight, an unknown item…). */
  eventFailed: 'RTSIM_CLIENT_EVENT_FAILED',
  /** A server `error` whose code no retry can help (`invalid_api_key`…): the session dies. */
  fatalServerError: 'RTSIM_CLIENT_FATAL_SERVER_ERROR',
  timeout: 'RTSIM_CLIENT_TIMEOUT',
  closed: 'RTSIM_CLIENT_CLOSED',
  connectionLost: 'RTSIM_CLIENT_CONNECTION_LOST',
} as const satisfies Record<string, ErrorCode>;
