/**
 * One parsed server frame through the client: read liberally, applied, and, when that
 * fails, reported: never dropped silently and never left to hang a reply.
 */
import { APIError, ClientErrorCode } from './errors.js';
import { readServerEvent, type ReadEvent } from './read-event.js';
import { isJson, type Json } from './read-fields.js';
import { modelError, type HandlerDeps } from './handler-deps.js';
import { handleServerEvent } from './server-handlers.js';
import { withoutPrefix } from '../errors/index.js';

/**
 * Reads and applies one frame (an object, already emitted raw). Types the client does not
 * handle are ignored; frames of a response a bad frame failed are dropped quietly.
 *
 * @throws APIError `RTSIM_CLIENT_FATAL_SERVER_ERROR` for a fatal server error: the caller
 *   ends the socket and the session dies (R2.5). Nothing else escapes.
 */
export function receiveFrame(event: Json, deps: HandlerDeps): void {
  let read: ReadEvent | undefined;
  try {
    read = readServerEvent(event);
    if (read === undefined) return; // a type the client does not handle, known or not
    if (belongsToFailedResponse(read, deps)) {
      deps.logger.debug('frame of a failed response dropped', { type: read.type });
      return;
    }
    if (belongsToAnotherResponse(read, deps)) {
      const state = deps.state;
      state.foreignResponseFrames++;
      deps.logger.warn('frame of another response than the one in flight ignored', {
        type: read.type,
        responseId: read.responseId,
        inFlight: state.generation?.responseId,
        ignored: state.foreignResponseFrames,
      });
      return;
    }
    handleServerEvent(read, deps);
  } catch (error) {
    if (error instanceof APIError && error.code === ClientErrorCode.fatalServerError) throw error;
    frameFailed(event, read, error instanceof Error ? error : new Error(String(error)), deps);
  }
}

/** True for a response frame of the response a bad frame ended (see `SessionState.failedResponse`). */
function belongsToFailedResponse(event: ReadEvent, deps: HandlerDeps): boolean {
  const failed = deps.state.failedResponse;
  // response.created starts another response; response.done ends this one (with its metrics).
  if (
    failed === undefined ||
    !event.type.startsWith('response.') ||
    event.kind === 'response_created' ||
    event.kind === 'response_done'
  ) {
    return false;
  }
  if (event.responseId !== undefined && failed.id !== undefined) return event.responseId === failed.id;
  return deps.state.generation === undefined;
}

/** Frames scoped to one response by `response_id`; `response.created` / `.done` are matched by their handlers. */
const RESPONSE_SCOPED: ReadonlySet<ReadEvent['kind']> = new Set<ReadEvent['kind']>([
  'output_item_added',
  'content_part_added',
  'text_delta',
  'transcript_delta',
  'audio_delta',
  'transcript_done',
  'part_done',
  'output_item_done',
]);

/**
 * True for a response-scoped frame whose `response_id` names another response than the one
 * in flight: two interleaved responses must not merge into one generation (beyond the
 * reference, which applies every delta to the current response).
 */
function belongsToAnotherResponse(event: ReadEvent, deps: HandlerDeps): boolean {
  const generation = deps.state.generation;
  return (
    RESPONSE_SCOPED.has(event.kind) &&
    generation !== undefined &&
    event.responseId !== undefined &&
    event.responseId !== generation.responseId
  );
}

/**
 * Never a silent hang: a frame the client could not handle becomes a recoverable `error`
 * event naming its type and why; when it belongs to the response in flight (a `response.*`
 * frame of that response, or a `response.created`), that response ends as failed: its
 * streams close and a `generateReply` or `say` it answered fails.
 */
function frameFailed(event: Json, read: ReadEvent | undefined, cause: Error, deps: HandlerDeps): void {
  const { state, clock, logger } = deps;
  // Only a frame of a type the client reads gets here, so its type is a string.
  const type = String(event['type']);
  const why = withoutPrefix(cause.message);
  const unreadable = (cause as { code?: unknown }).code === ClientErrorCode.eventUnreadable;
  const error = new APIError(`could not handle server event ${type}: ${why}`, {
    code: unreadable ? ClientErrorCode.eventUnreadable : ClientErrorCode.eventFailed,
    retryable: false,
    details: { eventType: type, ...(typeof event['event_id'] === 'string' ? { eventId: event['event_id'] } : {}) },
    cause,
  });
  logger.error('failed to handle event', { type, error });
  const modalities = deps.model.modalities;
  if (type === 'response.created') {
    const response = event['response'];
    const metadata = isJson(response) ? response['metadata'] : undefined;
    const named = isJson(metadata) ? metadata['client_event_id'] : undefined;
    // As onResponseCreated matches it: without a client_event_id it was the oldest say's;
    // '' is no event id, so a response.created nobody asked for fails no call.
    const eventId = (typeof named === 'string' && named !== '' ? named : state.pendingSays.shift()) ?? '';
    const reply = state.replies.get(eventId);
    if (reply) {
      state.replies.delete(eventId);
      clock.clearTimeout(reply.timer);
      reply.deferred.reject(error);
    }
    state.endGeneration(modalities);
    // Its handler cannot throw, so the frame failed for want of a readable response.id: the
    // failed response has no id, and its frames are told by there being no response in flight.
    state.failedResponse = { id: undefined, createdMs: clock.now(), firstTokenMs: undefined };
  } else if (type.startsWith('response.') && state.generation) {
    const responseId =
      read?.responseId ?? (typeof event['response_id'] === 'string' ? event['response_id'] : undefined);
    if (responseId === undefined || responseId === state.generation.responseId) {
      const { responseId: id, createdMs, firstTokenMs } = state.generation;
      state.failedResponse = { id, createdMs, firstTokenMs };
      state.endGeneration(modalities);
    }
  }
  deps.emitter.emit('error', modelError(deps, error, true));
}
