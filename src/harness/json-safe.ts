/**
 * What a golden file keeps of a value the client hands the harness: event payloads and errors
 * made JSON-safe, an error's details and its cause.
 */

/**
 * A JSON copy of an event payload that drops what cannot be compared in a golden file:
 * functions, promises, streams. Errors become `{ name, message, code?, retryable?, body?, details?, cause? }`
 * (`details` when it has a key: the HTTP status of a refused handshake, the close code, the
 * event a frame failed in).
 */
export function toJsonSafe(value: unknown, depth = 0): unknown {
  if (value === null || value === undefined) return value ?? null;
  if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'function' || depth > 8) return undefined;
  if (value instanceof Error) {
    const out: Record<string, unknown> = { name: value.name, message: value.message };
    const extra = value as unknown as Record<string, unknown>;
    for (const k of ['code', 'retryable', 'body']) if (extra[k] !== undefined) out[k] = toJsonSafe(extra[k], depth + 1);
    const details = detailsOf(extra['details'], depth + 1);
    if (details !== undefined) out['details'] = details;
    return { ...out, ...causeOf(value) };
  }
  if (value instanceof Promise || (typeof value === 'object' && Symbol.asyncIterator in value)) return undefined;
  if (ArrayBuffer.isView(value)) return { bytes: value.byteLength };
  if (Array.isArray(value)) return value.map((v) => toJsonSafe(v, depth + 1) ?? null);
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    const safe = toJsonSafe(v, depth + 1);
    if (safe !== undefined) out[k] = safe;
  }
  return out;
}

/**
 * `{ cause }` when `error` has its own `cause` (one level, so a golden stays short): an Error as
 * `{ name, code?, retryable?, message? }`, anything else JSON-safe (`undefined` as `null`). The message
 * is kept for errors with a string `code` (rt-sim's, Node's system errors) and left out for the
 * engine's own (a `JSON.parse` SyntaxError), whose wording changes with the V8 version. The
 * client has redacted the cause already; recording it is what shows a credential it let through.
 */
export function causeOf(error: unknown): { cause?: unknown } {
  if (typeof error !== 'object' || error === null || !Object.hasOwn(error, 'cause')) return {};
  const cause: unknown = (error as { cause?: unknown }).cause;
  if (!(cause instanceof Error)) return { cause: toJsonSafe(cause) ?? null };
  const extra = cause as unknown as Record<string, unknown>;
  const code = typeof extra['code'] === 'string' ? extra['code'] : undefined;
  return {
    cause: {
      name: cause.name,
      ...(code === undefined ? {} : { code, message: cause.message }),
      ...(typeof extra['retryable'] === 'boolean' ? { retryable: extra['retryable'] } : {}),
    },
  };
}

/** An error's `details`, JSON-safe, when it is an object with a key; otherwise nothing. */
export function detailsOf(details: unknown, depth: number): unknown {
  return typeof details === 'object' && details !== null && Object.keys(details).length > 0
    ? toJsonSafe(details, depth)
    : undefined;
}
