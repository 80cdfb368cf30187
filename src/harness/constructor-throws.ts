/**
 * A scenario's `constructorThrows`: socket constructions that throw, as a user's socket
 * factory or WebSocket class can (a URL it refuses, a header value with a bad character, a
 * browser's `SecurityError`, a library that throws a string or a plain object). Each text may
 * hold `{authorization}`, replaced by the Authorization header the construction was given, so
 * a factory that echoes its request (and the key in it) is played without a secret in the file.
 */
import { z } from 'zod';
import type { ConnectRequest } from '../link/index.js';
import { described, expecting } from '../protocol/index.js';
import { mapping, text } from './schema-parts.js';

/**
 * What one construction throws: an Error (with a `name` and a string `code` if given), a string, a mapping, an
 * instance of a class that is not an Error (a library's request object) with the mapping's fields, or
 * an error event as a plain object (`{ type: 'error', message, error }`, the `error` an Error with that message).
 */
export type ThrownValue =
  | { error: string; name?: string; code?: string }
  | { string: string }
  | { value: unknown }
  | { instance: unknown }
  | { errorEvent: string };

/** The placeholder replaced by the construction's Authorization header ('' without one). */
export const AUTHORIZATION_PLACEHOLDER = '{authorization}';

/** The zod schema of `constructorThrows`. */
export const constructorThrowsSchema = expecting(
  z
    .array(
      z.union([
        z.strictObject({
          error: described(text, 'The message of the Error thrown.'),
          name: described(text.optional(), 'Its name (default Error), e.g. SyntaxError.'),
          code: described(text.optional(), 'A string `code` on it, as Node system errors have (ENOTFOUND).'),
        }),
        z.strictObject({ string: described(text, 'A string thrown as it is.') }),
        z.strictObject({ value: described(mapping, 'A plain object thrown as it is (not an Error).') }),
        z.strictObject({
          instance: described(mapping, 'An instance of a class (not an Error) with these fields, thrown.'),
        }),
        z.strictObject({
          errorEvent: described(text, 'The message of an error event thrown as a plain object, its Error inside.'),
        }),
      ]),
    )
    .max(1000),
  'a list of { error, name?, code? }, { string }, { value }, { instance } or { errorEvent } entries',
);

/**
 * The socket factory's first `values.length` calls throw those values, one each, in order;
 * the calls after them are left alone.
 */
export class ConstructorThrows {
  readonly #values: readonly ThrownValue[];
  #calls = 0;

  constructor(values: readonly ThrownValue[]) {
    this.#values = values;
  }

  /** Throws what this construction must throw, if anything. */
  next(request: ConnectRequest): void {
    const thrown = this.#values[this.#calls++];
    if (thrown === undefined) return;
    const header = Object.entries(request.headers ?? {}).find(([k]) => k.toLowerCase() === 'authorization')?.[1];
    const fill = (value: unknown): unknown => substitute(value, header ?? '');
    if ('string' in thrown) throw fill(thrown.string);
    if ('value' in thrown) throw fill(thrown.value);
    if ('instance' in thrown) throw Object.assign(new SocketRequest(), fill(thrown.instance));
    if ('errorEvent' in thrown) {
      const message = fill(thrown.errorEvent) as string;
      throw { type: 'error', message, error: new Error(message) };
    }
    const error = new Error(fill(thrown.error) as string);
    if (thrown.name !== undefined) error.name = thrown.name;
    if (thrown.code !== undefined) Object.assign(error, { code: thrown.code });
    throw error;
  }
}

/** What `{ instance }` throws: a class that is not an Error, as a library's own request object is. */
class SocketRequest {}

/** `value` with the placeholder replaced in every string (mappings and lists walked). */
function substitute(value: unknown, authorization: string): unknown {
  if (typeof value === 'string') return value.split(AUTHORIZATION_PLACEHOLDER).join(authorization);
  if (Array.isArray(value)) return value.map((v) => substitute(v, authorization));
  if (typeof value === 'object' && value !== null)
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, substitute(v, authorization)]));
  return value;
}
