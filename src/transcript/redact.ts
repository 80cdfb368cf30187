import type { JsonValue } from './json.js';
import { Redactor } from './redactor.js';

/**
 * One-shot redaction helpers, each with a fresh {@link Redactor} unless one is given. Pass
 * the same redactor to keep placeholders stable across calls (a recording does).
 */

/** Redacts handshake headers: `authorization` keeps its scheme, secret-named headers go, other values are scanned. */
export function redactHeaders(
  headers: Readonly<Record<string, string>>,
  redactor: Redactor = new Redactor(),
): Record<string, string> {
  return redactor.redactHeaders(headers);
}

/** Redacts a JSON frame at any depth: secret-named fields and anything that looks like a secret. */
export function redactFrame<T extends JsonValue>(frame: T, redactor: Redactor = new Redactor()): T {
  return redactor.redactFrame(frame);
}

/** Redacts anything that looks like a secret in free text. */
export function redactText(text: string, redactor: Redactor = new Redactor()): string {
  return redactor.redactText(text);
}

/** Redacts secret query parameters, `user:password@` and secret-looking parts of a URL. */
export function redactUrl(url: string, redactor: Redactor = new Redactor()): string {
  return redactor.redactUrl(url);
}
