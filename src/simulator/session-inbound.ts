/**
 * The checks a client frame meets before its handler: size, nesting depth, and what the
 * client is told when it does not parse or names an unknown type, as the service answers.
 */
import { withoutPrefix } from '../errors/index.js';
import type { FieldPath, RtSimError } from '../protocol/index.js';
import { MAX_JSON_DEPTH, PROTOCOL_ERROR_CODES, formatPath, jsonTextDeeperThan } from '../protocol/index.js';
import type { RequestError } from './request-error.js';
import { requestError } from './request-error.js';

/** True when `text` takes more than `limit` bytes in UTF-8; counts only when the length alone cannot tell. */
export function textBytesOver(text: string, limit: number): boolean {
  if (text.length > limit) return true;
  return text.length * 3 > limit && Buffer.byteLength(text, 'utf8') > limit;
}

/**
 * The refusal of a frame nested deeper than the limit, checked before anything walks it, so no
 * later check has to bound its own recursion.
 */
export function depthRefusal(text: string): RequestError | undefined {
  if (!jsonTextDeeperThan(text, MAX_JSON_DEPTH)) return undefined;
  return requestError(
    'invalid_event',
    `Invalid frame: JSON nested more than ${MAX_JSON_DEPTH} levels deep; the limit is ${MAX_JSON_DEPTH}.`,
  );
}

/** The refusal of a frame that is not JSON or not a valid client event. */
export function parseRefusal(error: RtSimError): RequestError {
  const code = error.code === PROTOCOL_ERROR_CODES.NOT_JSON ? 'invalid_json' : 'invalid_event';
  return requestError(code, withoutPrefix(error.message), paramOf(error));
}

/** The refusal of a client event type the service does not know. */
export function unknownTypeRefusal(type: string): RequestError {
  return requestError('invalid_event_type', `Invalid value: '${type}'. This event type is not supported.`, 'type');
}

/** The refusal of a client event the service lists but does not support. */
export function unsupportedRefusal(type: string): RequestError {
  return requestError('unsupported_event', `${type} is not supported by the xAI realtime API.`, 'type');
}

/** The `event_id` of a frame, if it has a readable one: a refusal names it. */
export function eventIdOf(text: string): string | undefined {
  try {
    const value: unknown = JSON.parse(text);
    const id = value && typeof value === 'object' ? (value as { event_id?: unknown }).event_id : undefined;
    return typeof id === 'string' ? id : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The field a refused frame got wrong, as `param` names it (`session.tools[0].name`): the bad
 * field, or `type` when it is missing.
 */
function paramOf(error: RtSimError): string | undefined {
  if (error.code === PROTOCOL_ERROR_CODES.NO_TYPE) return 'type';
  const path = error.details['path'];
  return Array.isArray(path) && path.length > 0 ? formatPath(path as FieldPath) : undefined;
}
