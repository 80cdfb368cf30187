/**
 * Field readers of the client's liberal event reader: a required field that is missing or
 * of the wrong kind throws an {@link UnreadableEventError} naming the event type and the
 * field; an optional one of the wrong kind reads as absent, because the client does not
 * depend on it.
 */
import { ClientErrorCode, RealtimeError } from './errors.js';

/** A plain JSON object as parsed from a frame. */
export type Json = Readonly<Record<string, unknown>>;

/** A server frame lacks a field the client needs, or has it in a shape it cannot use. */
export class UnreadableEventError extends RealtimeError {
  override readonly name: string = 'UnreadableEventError';

  constructor(
    readonly eventType: string,
    readonly why: string,
  ) {
    super(ClientErrorCode.eventUnreadable, `${eventType}: ${why}`, { eventType });
  }
}

/** True for a non-null, non-array object. */
export function isJson(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** How a value reads in an error message. */
export function kindOf(value: unknown): string {
  if (value === undefined) return 'none';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string') return value.length > 40 ? 'a string' : JSON.stringify(value);
  if (typeof value === 'number') return `the number ${value}`;
  // "an object", not "a object": the only other kinds JSON has are objects and booleans.
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/** Reads the fields of one event, naming `type` in every failure. */
export class FieldReader {
  constructor(
    readonly type: string,
    private readonly event: Json,
  ) {}

  /** The raw value at `path` (dotted, for the message), or undefined. */
  raw(path: string): unknown {
    let value: unknown = this.event;
    for (const key of path.split('.')) value = isJson(value) ? value[key] : undefined;
    return value;
  }

  /** A string the client needs (an empty string counts). */
  string(path: string): string {
    const value = this.raw(path);
    if (typeof value !== 'string') throw this.fail(path, 'a string', value);
    return value;
  }

  /** An object the client needs. */
  object(path: string): Json {
    const value = this.raw(path);
    if (!isJson(value)) throw this.fail(path, 'an object', value);
    return value;
  }

  /** A string, or undefined when absent or of another kind. */
  optString(path: string): string | undefined {
    const value = this.raw(path);
    return typeof value === 'string' ? value : undefined;
  }

  /** A finite number, or undefined when absent or of another kind. */
  optNumber(path: string): number | undefined {
    const value = this.raw(path);
    return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
  }

  /** The error for a needed field. */
  fail(path: string, expected: string, got: unknown): UnreadableEventError {
    return new UnreadableEventError(this.type, `expected field "${path}" to be ${expected}, got ${kindOf(got)}`);
  }
}
