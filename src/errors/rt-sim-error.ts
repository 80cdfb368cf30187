import type { ErrorCode } from './codes.js';

/** What every rt-sim error message starts with; {@link withoutPrefix} is the only reader. */
const PREFIX = '[rt-sim] ';

/**
 * The one error class of rt-sim. Messages start with `[rt-sim]`, say what was expected and
 * what came, and carry a stable `code` (like ws's `WS_ERR_*`) that tests and users can match;
 * docs/errors.md lists every code with what it means and what to do.
 */
export class RtSimError extends Error {
  override readonly name: string = 'RtSimError';
  /** Stable, documented code, e.g. `RTSIM_PROTOCOL_BAD_FIELD`. */
  readonly code: ErrorCode;
  /** Extra facts for reporters (file, line, event index, seed...). Never secrets. */
  readonly details: Readonly<Record<string, unknown>>;

  constructor(code: ErrorCode, message: string, details: Record<string, unknown> = {}, options?: { cause?: unknown }) {
    super(`${PREFIX}${message}`, options);
    this.code = code;
    this.details = details;
  }
}

/** True when `e` is an {@link RtSimError}, optionally with the given code. */
export function isRtSimError(e: unknown, code?: ErrorCode): e is RtSimError {
  return e instanceof RtSimError && (code === undefined || e.code === code);
}

/** `message` without the `[rt-sim] ` prefix RtSimError puts on every message; unchanged without it. */
export function withoutPrefix(message: string): string {
  return message.startsWith(PREFIX) ? message.slice(PREFIX.length) : message;
}
