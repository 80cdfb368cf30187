/**
 * Parsing and validation of wire frames. Known events are checked against their zod schema
 * (the first failure is named, field by field); unknown event types are kept and returned,
 * never dropped, since every frame is observable (`openai_server_event_received`) even when
 * nothing handles it. The event returned is the parsed value itself, not zod's copy.
 *
 * The parser takes text only. Decode binary frames (e.g. `ws` Buffers) to UTF-8 first; a
 * non-string argument is answered with `RTSIM_PROTOCOL_NOT_JSON` rather than a throw.
 */
import type { z } from 'zod';
import type { ClientEvent } from './client-events.js';
import { CLIENT_EVENT_SCHEMAS } from './client-event-schemas.js';
import { PROTOCOL_ERROR_CODES } from './error-codes.js';
import type { ProtocolErrorCode } from './error-codes.js';
import { RtSimError } from '../errors/index.js';
import { SERVER_EVENT_SCHEMAS } from './server-event-schemas.js';
import type { ServerEvent } from './server-events.js';
import { firstFailure, formatPath, isPlainObject, kindOf } from './wire-schema.js';

/** An event whose `type` is not in the catalogue, kept as it came. */
export interface UnknownEvent {
  type: string;
  [key: string]: unknown;
}

/** Outcome of parsing one frame: a known event, an unknown one, or why it was refused. */
export type ParseResult<E> =
  | { ok: true; known: true; event: E }
  | { ok: true; known: false; event: UnknownEvent }
  | { ok: false; error: RtSimError };

type Direction = 'server' | 'client';
type Schemas = Readonly<Record<string, z.ZodType>>;

function parseText<E>(text: string, direction: Direction, schemas: Schemas): ParseResult<E> {
  if (typeof text !== 'string') {
    const got =
      text === null || text === undefined ? String(text) : ((text as object).constructor?.name ?? typeof text);
    return fail(
      PROTOCOL_ERROR_CODES.NOT_JSON,
      `${direction} frame must be text (a string), got ${got}; decode binary frames as UTF-8 first`,
      {
        direction,
      },
    );
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (cause) {
    const preview = text.length > 60 ? `${text.slice(0, 57)}...` : text;
    return fail(
      PROTOCOL_ERROR_CODES.NOT_JSON,
      `${direction} frame must be JSON, got ${JSON.stringify(preview)}`,
      { direction },
      cause,
    );
  }
  return validate<E>(value, direction, schemas);
}

function validate<E>(value: unknown, direction: Direction, schemas: Schemas): ParseResult<E> {
  if (!isPlainObject(value)) {
    return fail(PROTOCOL_ERROR_CODES.NOT_OBJECT, `${direction} event must be a JSON object, got ${kindOf(value)}`, {
      direction,
    });
  }
  const type = value['type'];
  if (typeof type !== 'string' || type === '') {
    const got = type === undefined ? 'nothing' : type === '' ? 'an empty string' : kindOf(type);
    return fail(PROTOCOL_ERROR_CODES.NO_TYPE, `${direction} event must have a string field "type", got ${got}`, {
      direction,
    });
  }
  const schema = Object.hasOwn(schemas, type) ? schemas[type] : undefined;
  if (!schema) return { ok: true, known: false, event: value as UnknownEvent };
  const failure = firstFailure(schema, value);
  if (failure) {
    const field = formatPath(failure.path);
    return fail(
      PROTOCOL_ERROR_CODES.BAD_FIELD,
      `${type}: field "${field}" must be ${failure.expected}, got ${failure.got}`,
      {
        direction,
        eventType: type,
        path: failure.path,
        expected: failure.expected,
        got: failure.got,
      },
    );
  }
  return { ok: true, known: true, event: value as E };
}

function fail(
  code: ProtocolErrorCode,
  message: string,
  details: Record<string, unknown>,
  cause?: unknown,
): { ok: false; error: RtSimError } {
  return { ok: false, error: new RtSimError(code, message, details, cause === undefined ? undefined : { cause }) };
}

/** Parses and validates one server → client text frame. Never throws. */
export function parseServerEvent(text: string): ParseResult<ServerEvent> {
  return parseText<ServerEvent>(text, 'server', SERVER_EVENT_SCHEMAS);
}

/** Parses and validates one client → server text frame. Never throws. */
export function parseClientEvent(text: string): ParseResult<ClientEvent> {
  return parseText<ClientEvent>(text, 'client', CLIENT_EVENT_SCHEMAS);
}

/** Validates an already-parsed server event (e.g. from a recording or a scenario). Never throws. */
export function validateServerEvent(value: unknown): ParseResult<ServerEvent> {
  return validate<ServerEvent>(value, 'server', SERVER_EVENT_SCHEMAS);
}

/** Validates an already-parsed client event. Never throws. */
export function validateClientEvent(value: unknown): ParseResult<ClientEvent> {
  return validate<ClientEvent>(value, 'client', CLIENT_EVENT_SCHEMAS);
}
