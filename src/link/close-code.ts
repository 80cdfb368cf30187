/** Why a close call was refused; `name` is the WHATWG `DOMException` name for it. */
export interface CloseProblem {
  readonly name: 'InvalidAccessError' | 'SyntaxError';
  readonly message: string;
}

/**
 * Why a close code or reason may not be sent, or undefined when it may. Same rule as the
 * `ws` package (RFC 6455 §7.4): 1000–1014 except 1004, 1005 and 1006, or 3000–4999; the
 * reason at most 123 UTF-8 bytes. Shared by every link so they refuse the same calls.
 */
export function closeProblem(code: number | undefined, reason: string | undefined): CloseProblem | undefined {
  if (code !== undefined) {
    const valid =
      Number.isInteger(code) &&
      ((code >= 1000 && code <= 1014 && code !== 1004 && code !== 1005 && code !== 1006) ||
        (code >= 3000 && code <= 4999));
    if (!valid) {
      return {
        name: 'InvalidAccessError',
        message: `expected a close code of 1000-1014 (except 1004-1006) or 3000-4999, got ${code}`,
      };
    }
  }
  if (reason !== undefined && Buffer.byteLength(reason) > 123) {
    return {
      name: 'SyntaxError',
      message: `expected a close reason of at most 123 UTF-8 bytes, got ${Buffer.byteLength(reason)}`,
    };
  }
  return undefined;
}

/** Close code a peer reports when the close frame carried none (RFC 6455 §7.1.5). */
export const NO_STATUS_CODE = 1005;
/** Close code reported when the connection dropped without a close frame. */
export const ABNORMAL_CLOSE_CODE = 1006;
