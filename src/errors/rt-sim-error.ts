/**
 * The one error class of rt-sim. Messages start with `[rt-sim]`, say what was expected and
 * what came, and carry a stable `code` (like ws's `WS_ERR_*`) that tests and users can match.
 */
export class RtSimError extends Error {
  override readonly name: string = 'RtSimError';
  /** Stable, documented code, e.g. `RTSIM_PROTOCOL_BAD_FIELD`. */
  readonly code: string;
  /** Extra facts for reporters (file, line, event index, seed...). Never secrets. */
  readonly details: Readonly<Record<string, unknown>>;

  constructor(code: string, message: string, details: Record<string, unknown> = {}, options?: { cause?: unknown }) {
    super(`[rt-sim] ${message}`, options);
    this.code = code;
    this.details = details;
  }
}

/** True when `e` is an {@link RtSimError}, optionally with the given code. */
export function isRtSimError(e: unknown, code?: string): e is RtSimError {
  return e instanceof RtSimError && (code === undefined || e.code === code);
}
