/** Longest close reason a WebSocket close frame can carry, in UTF-8 bytes (RFC 6455 §5.5). */
export const MAX_REASON_BYTES = 123;

/** Close code sent to the client when the upstream cannot be reached at all (IANA: Bad Gateway). */
export const BAD_GATEWAY_CLOSE_CODE = 1014;

/** Close code sent to both sides when the client queued too much before the upstream opened (IANA: Try Again Later). */
export const QUEUE_FULL_CLOSE_CODE = 1013;

/** Close code the recorder sends both sides when it is shut down with connections open (going away). */
export const RECORDER_CLOSE_CODE = 1001;
/** Close reason that goes with {@link RECORDER_CLOSE_CODE}. */
export const RECORDER_CLOSE_REASON = 'rt-sim recorder closed';

/**
 * True for a code an endpoint may send in a close frame (same rule as `ws`, RFC 6455 §7.4):
 * 1000–1014 except 1004, 1005 and 1006, or 3000–4999.
 */
export function isSendableCloseCode(code: number): boolean {
  return (
    Number.isInteger(code) &&
    ((code >= 1000 && code <= 1014 && code !== 1004 && code !== 1005 && code !== 1006) ||
      (code >= 3000 && code <= 4999))
  );
}

/**
 * Close code telling the client the upstream refused its handshake with HTTP `status`:
 * `4000 + status` (4401, 4403, 4429, 4503…), so the status survives in the code itself.
 */
export function refusalCloseCode(status: number | undefined): number {
  return status !== undefined && status >= 100 && status <= 999 ? 4000 + status : BAD_GATEWAY_CLOSE_CODE;
}

/** `reason` cut to fit a close frame. */
export function fitReason(reason: string): string {
  if (Buffer.byteLength(reason) <= MAX_REASON_BYTES) return reason;
  let out = reason;
  while (Buffer.byteLength(`${out}…`) > MAX_REASON_BYTES) out = out.slice(0, -1);
  return `${out}…`;
}
