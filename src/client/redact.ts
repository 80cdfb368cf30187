/**
 * Credential redaction for everything the client says: error messages, error details, log
 * lines and the URL it reports. A key put in the base URL's query (`?api_key=…`) used to
 * appear in every connection error (issue 11).
 */

import { REDACTED, redactCredentials } from '../protocol/index.js';

export { REDACTED, redactCredentials };

/**
 * A copy of `fields` with every string value (nested in objects and arrays, {@link REDACT_DEPTH}
 * levels; anything deeper becomes {@link TOO_DEEP}) redacted; an Error whose message held a
 * credential becomes its redacted message; a class instance becomes a plain object of its own
 * fields (or its redacted text when it has none); bytes stay as they are.
 */
export function redactFields(fields: Record<string, unknown>): Record<string, unknown> {
  return redactValue(fields, 0) as Record<string, unknown>;
}

/** `value` with every string in it redacted (objects and arrays to 4 levels), as {@link redactFields} does. */
export function redactData(value: unknown): unknown {
  return redactValue(value, 0);
}

/**
 * `cause` itself, or a plain `Error` with the redacted message when its message held a credential; any
 * other thrown value redacted as {@link redactData} does (a factory may throw its request, headers and all).
 */
export function redactCause(cause: unknown): unknown {
  if (!(cause instanceof Error)) return redactData(cause);
  const clean = redactCredentials(cause.message);
  return clean === cause.message ? cause : new Error(clean);
}

/** How deep {@link redactData} walks objects and arrays (recursion stays bounded whatever a peer sends). */
export const REDACT_DEPTH = 4;
/**
 * What an object or array nested deeper than {@link REDACT_DEPTH} becomes: it is not walked, so it is not kept either.
 */
export const TOO_DEEP = '[nested too deep to redact]';

function redactValue(value: unknown, depth: number): unknown {
  if (typeof value === 'string') return redactCredentials(value);
  if (value instanceof Error) return redactCause(value);
  if (value === null || typeof value !== 'object') return value;
  // Passed on as it is, a credential in it would leak: a server can nest its echo as deep as it likes.
  if (depth >= REDACT_DEPTH) return ArrayBuffer.isView(value) ? value : TOO_DEEP;
  if (Array.isArray(value)) return value.map((v) => redactValue(v, depth + 1));
  if (ArrayBuffer.isView(value)) return value; // bytes hold no text to redact
  // A class instance (a library's request or response object) is walked like a mapping, so it
  // becomes a plain object of its own fields; with none (a URL, a Map, a Date) its text is kept.
  if (Object.keys(value).length === 0 && !isPlainPrototype(value)) return redactCredentials(textOf(value));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) out[k] = redactValue(v, depth + 1);
  return out;
}

function isPlainPrototype(value: object): boolean {
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** `String(value)`, or the name of its class when that throws (a prototype without `toString`). */
function textOf(value: object): string {
  try {
    return String(value);
  } catch {
    return `[object ${(value as { constructor?: { name?: unknown } }).constructor?.name ?? 'Object'}]`;
  }
}
