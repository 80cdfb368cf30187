import type { Clock } from '../clock/index.js';
import {
  decodePcm16,
  SAMPLE_RATE,
  type ConversationItem,
  type IdSource,
  type Modality,
  type ServerEvent,
  type ServerEventOf,
} from '../protocol/index.js';
import { FunctionCall, fromWireItem } from './chat/index.js';
import type { TypedEmitter } from './emitter.js';
import { APIError, ClientErrorCode, type RealtimeModelError } from './errors.js';
import type { RealtimeSessionEvents } from './events.js';
import { MessageState, ResponseGeneration, type GenerationCreatedEvent } from './generation.js';
import type { Logger } from './logger.js';
import { buildMetrics } from './metrics.js';
import type { SessionOptions } from './options.js';
import type { SessionState } from './session-state.js';

const CANCEL_FAILED_PREFIX = 'Cancellation failed';

/** Server event types with a handler (§5.16, plus the beta aliases); the rest are only observed. */
export const HANDLED_SERVER_EVENTS: ReadonlySet<string> = new Set([
  'input_audio_buffer.speech_started',
  'input_audio_buffer.speech_stopped',
  'response.created',
  'response.output_item.added',
  'response.content_part.added',
  'conversation.item.added',
  'conversation.item.created',
  'conversation.item.deleted',
  'conversation.item.input_audio_transcription.completed',
  'conversation.item.input_audio_transcription.failed',
  'response.output_text.delta',
  'response.text.delta',
  'response.output_audio_transcript.delta',
  'response.audio_transcript.delta',
  'response.output_audio.delta',
  'response.audio.delta',
  'response.output_audio_transcript.done',
  'response.audio_transcript.done',
  'response.output_text.done',
  'response.text.done',
  'response.output_audio.done',
  'response.audio.done',
  'response.output_item.done',
  'response.done',
  'error',
]);

/** Who the handlers act for. */
export interface ModelInfo {
  label: string;
  model: string;
  provider: string;
  modalities: readonly Modality[];
}

/** What the server-event handlers read and change. */
export interface HandlerDeps {
  state: SessionState;
  emitter: TypedEmitter<RealtimeSessionEvents>;
  clock: Clock;
  logger: Logger;
  ids: IdSource;
  model: ModelInfo;
  /** Read live: `updateOptions` changes it. */
  options: SessionOptions;
}

/** Builds the payload of the session's `error` event (§5.18 E4). */
export function modelError(deps: Pick<HandlerDeps, 'clock' | 'model'>, error: Error, recoverable: boolean): RealtimeModelError {
  return { type: 'realtime_model_error', timestamp: deps.clock.now() / 1000, label: deps.model.label, error, recoverable };
}

/**
 * Applies one checked server event (§5.16). Throws when an event cannot be applied (no
 * response in flight, unknown item…); the caller logs that and carries on, as the
 * reference's receive loop does. Unhandled types are ignored.
 */
export function handleServerEvent(event: ServerEvent, deps: HandlerDeps): void {
  switch (event.type) {
    case 'input_audio_buffer.speech_started':
      deps.emitter.emit('input_speech_started', {});
      return;
    case 'input_audio_buffer.speech_stopped':
      deps.emitter.emit('input_speech_stopped', { userTranscriptionEnabled: deps.options.inputAudioTranscription !== null });
      return;
    case 'response.created':
      return onResponseCreated(event, deps);
    case 'response.output_item.added':
      return onOutputItemAdded(event, deps);
    case 'response.content_part.added':
      return onContentPartAdded(event, deps);
    case 'conversation.item.added':
    case 'conversation.item.created':
      return onItemAdded(event, deps);
    case 'conversation.item.deleted':
      return onItemDeleted(event, deps);
    case 'conversation.item.input_audio_transcription.completed':
      return onTranscriptionCompleted(event, deps);
    case 'conversation.item.input_audio_transcription.failed':
      deps.logger.error('input audio transcription failed', { itemId: event.item_id, error: event.error });
      return;
    case 'response.output_text.delta':
    case 'response.text.delta':
      return onTextDelta(event.item_id, event.delta, deps);
    case 'response.output_audio_transcript.delta':
    case 'response.audio_transcript.delta':
      return onTranscriptDelta(event.item_id, event.delta, deps);
    case 'response.output_audio.delta':
    case 'response.audio.delta':
      return onAudioDelta(event.item_id, event.delta, deps);
    case 'response.output_audio_transcript.done':
    case 'response.audio_transcript.done':
      return onTranscriptDone(event.item_id, event.transcript, deps);
    case 'response.output_text.done':
    case 'response.text.done':
    case 'response.output_audio.done':
    case 'response.audio.done':
      requireGeneration(deps, event.type);
      return;
    case 'response.output_item.done':
      return onOutputItemDone(event, deps);
    case 'response.done':
      return onResponseDone(event, deps);
    case 'error':
      return onError(event, deps);
    default:
      return;
  }
}

function requireGeneration(deps: HandlerDeps, type: string): ResponseGeneration {
  const generation = deps.state.generation;
  if (!generation) throw new APIError(`${type}: expected a response in flight, got none`, { code: ClientErrorCode.badFrame, retryable: false });
  return generation;
}

function requireItem(deps: HandlerDeps, type: string, itemId: string): [ResponseGeneration, MessageState] {
  const generation = requireGeneration(deps, type);
  const item = generation.items.get(itemId);
  if (!item) {
    throw new APIError(`${type}: expected a message item of response ${generation.responseId}, got unknown item "${itemId}"`, {
      code: ClientErrorCode.badFrame,
      retryable: false,
    });
  }
  return [generation, item];
}

function onResponseCreated(event: ServerEventOf<'response.created'>, deps: HandlerDeps): void {
  const { state, logger } = deps;
  if (state.generation) {
    // §8.8 fix: a newer response ends the unfinished one instead of orphaning its streams.
    logger.warn('response.created while a response was in flight; ending the old one', {
      previous: state.generation.responseId,
      next: event.response.id,
    });
    state.endGeneration(deps.model.modalities);
  }
  const generation = new ResponseGeneration(event.response.id, deps.clock.now());
  state.generation = generation;
  const created: GenerationCreatedEvent = {
    messageStream: generation.messages,
    functionStream: generation.functions,
    userInitiated: false,
    responseId: generation.responseId,
  };
  const eventId = event.response.metadata?.['client_event_id'];
  if (typeof eventId === 'string' && eventId !== '') {
    const reply = state.replies.get(eventId);
    if (reply) {
      state.replies.delete(eventId);
      deps.clock.clearTimeout(reply.timer);
      if (reply.deferred.done) {
        logger.warn('response.created arrived after generateReply timed out; treating it as server-initiated', { eventId });
      } else {
        created.userInitiated = true;
        reply.deferred.resolve(created);
      }
    }
  }
  deps.emitter.emit('generation_created', created);
}

function onOutputItemAdded(event: ServerEventOf<'response.output_item.added'>, deps: HandlerDeps): void {
  const generation = requireGeneration(deps, event.type);
  const id = event.item.id;
  if (id === undefined) throw new APIError(`${event.type}: expected item.id, got none`, { code: ClientErrorCode.badFrame, retryable: false });
  if (event.item.type !== 'message') return;
  if (generation.items.has(id)) {
    // Beyond the reference: a repeated event would orphan the first message's streams, and
    // the generation would never end. One message per item id.
    deps.logger.warn('output item added twice; keeping the first', { itemId: id });
    return;
  }
  const item = new MessageState(id);
  if (!deps.model.modalities.includes('audio')) {
    item.audio.close();
    item.modalities.resolve(['text']);
  }
  generation.items.set(id, item);
  generation.messages.send(item.view);
}

function onContentPartAdded(event: ServerEventOf<'response.content_part.added'>, deps: HandlerDeps): void {
  const [, item] = requireItem(deps, event.type, event.item_id);
  const text = event.part.type === 'text' || event.part.type === 'output_text';
  if (text && deps.model.modalities.includes('audio')) {
    deps.logger.warn('text content part while audio output is on', { itemId: event.item_id });
  }
  item.modalities.resolve(text ? ['text'] : ['audio', 'text']);
}

function onItemAdded(event: ServerEventOf<'conversation.item.added' | 'conversation.item.created'>, deps: HandlerDeps): void {
  const { state, logger } = deps;
  const id = event.item.id;
  if (id === undefined) throw new APIError(`${event.type}: expected item.id, got none`, { code: ClientErrorCode.badFrame, retryable: false });
  if (state.burstItems.delete(id) && state.mirror.has(id)) {
    // A reconnect burst's item, in the mirror since the burst: this confirms it.
    logger.debug('re-created item acknowledged', { id });
  } else if (state.mirror.has(id) && event.type === 'conversation.item.created') {
    // The beta alias may come beside `.added`; one copy is enough.
    logger.debug('item already in the mirror', { id, type: event.type });
  } else {
    // §8.3: null means "after the tail" for the server's own items; for the client's own
    // create it means nothing (xAI echoes null for all), so the place the client asked wins.
    const asked = state.createdAfter.get(id);
    const previous = (event.previous_item_id === null || event.previous_item_id === undefined) && asked !== undefined ? asked : event.previous_item_id;
    insertIntoMirror(previous, event.item, deps);
  }
  state.createdAfter.delete(id);
  const future = state.itemCreates.get(id);
  if (future) {
    state.itemCreates.delete(id);
    future.resolve();
  }
}

function insertIntoMirror(previousItemId: string | null | undefined, wire: ConversationItem, deps: HandlerDeps): void {
  let item;
  try {
    item = fromWireItem(wire);
  } catch (error) {
    const code = (error as { code?: string }).code;
    // The reference resolves the create future for an unsupported type but not for a broken item.
    if (code === 'RTSIM_CHAT_UNSUPPORTED_ITEM') {
      deps.logger.warn('item not added to the mirror', { id: wire.id, error });
      return;
    }
    throw error;
  }
  try {
    deps.state.mirror.insert(previousItemId, item);
  } catch (error) {
    deps.logger.warn('item not added to the mirror', { id: item.id, previousItemId, error });
  }
}

function onItemDeleted(event: ServerEventOf<'conversation.item.deleted'>, deps: HandlerDeps): void {
  const { state, logger } = deps;
  let id = event.item_id;
  if (id === '') {
    // §8.4 fix: xAI once answered with an empty id; it settles the oldest pending delete.
    const oldest = state.itemDeletes.keys().next();
    if (oldest.done) {
      logger.warn('conversation.item.deleted with an empty item_id and no delete pending');
      return;
    }
    id = oldest.value;
  }
  if (state.mirror.has(id)) state.mirror.delete(id);
  else logger.warn('deleted item not in the mirror', { id });
  const future = state.itemDeletes.get(id);
  if (future) {
    state.itemDeletes.delete(id);
    future.resolve();
  }
}

function onTranscriptionCompleted(event: ServerEventOf<'conversation.item.input_audio_transcription.completed'>, deps: HandlerDeps): void {
  const item = deps.state.mirror.get(event.item_id);
  if (item?.type === 'message') {
    // §8.2 fix: the transcript replaces the text the item holds (xAI may have put it in the
    // added item already, and re-sends `.completed` per commit) instead of adding a copy.
    item.content = [...item.content.filter((part) => typeof part !== 'string'), event.transcript];
  }
  deps.emitter.emit('input_audio_transcription_completed', {
    itemId: event.item_id,
    transcript: event.transcript,
    isFinal: event.status !== 'in_progress',
  });
}

function onTextDelta(itemId: string, delta: string, deps: HandlerDeps): void {
  const [generation, item] = requireItem(deps, 'response.output_text.delta', itemId);
  if (item.audio.closed && generation.firstTokenMs === undefined) generation.firstTokenMs = deps.clock.now();
  item.text.send(delta);
  item.transcript += delta;
}

function onTranscriptDelta(itemId: string, delta: string, deps: HandlerDeps): void {
  const [, item] = requireItem(deps, 'response.output_audio_transcript.delta', itemId);
  item.text.send(delta);
  item.transcript += delta;
}

function onAudioDelta(itemId: string, delta: string, deps: HandlerDeps): void {
  const [generation, item] = requireItem(deps, 'response.output_audio.delta', itemId);
  if (generation.firstTokenMs === undefined) generation.firstTokenMs = deps.clock.now();
  item.modalities.resolve(['audio', 'text']);
  const data = decodePcm16(delta);
  item.audio.send({ data, sampleRate: SAMPLE_RATE, numChannels: 1, samplesPerChannel: data.length });
}

function onTranscriptDone(itemId: string, transcript: string, deps: HandlerDeps): void {
  const synced = deps.state.transcriptSynced;
  if (synced.has(itemId)) return;
  const item = deps.state.mirror.get(itemId);
  if (item?.type !== 'message' || transcript === '') return;
  item.content.push(transcript);
  // §8.1 fix: remember it, so neither response.done nor a late or repeated transcript.done
  // appends it a second time.
  synced.add(itemId);
}

function onOutputItemDone(event: ServerEventOf<'response.output_item.done'>, deps: HandlerDeps): void {
  const generation = requireGeneration(deps, event.type);
  const wire = event.item;
  if (wire.type === 'function_call') {
    // Beyond the reference: the mirror's copy came from conversation.item.added with empty
    // arguments; complete it, or a reconnect burst re-creates a call without arguments.
    const mirrored = wire.id === undefined ? undefined : deps.state.mirror.get(wire.id);
    if (mirrored?.type === 'function_call') {
      mirrored.args = wire.arguments;
      mirrored.name = wire.name;
      mirrored.callId = wire.call_id;
    }
    // Reference behaviour (§8.6 is not fixed): the call gets a fresh item id.
    generation.functions.send(new FunctionCall({ id: deps.ids.next('item_'), callId: wire.call_id, name: wire.name, args: wire.arguments }));
    return;
  }
  if (wire.type !== 'message' || wire.id === undefined) return;
  const item = generation.items.get(wire.id);
  if (!item) throw new APIError(`${event.type}: expected a message item of the response, got unknown item "${wire.id}"`, { retryable: false });
  item.close(deps.model.modalities);
}

function onResponseDone(event: ServerEventOf<'response.done'>, deps: HandlerDeps): void {
  const { state } = deps;
  const generation = state.generation;
  if (!generation) return; // stray or duplicate response.done
  generation.close(deps.model.modalities);
  for (const [id, item] of generation.items) {
    // §8.1 fix: the deltas go to the mirror only when transcript.done did not bring the text.
    if (state.transcriptSynced.has(id) || item.transcript === '') continue;
    const mirrored = state.mirror.get(id);
    if (mirrored?.type !== 'message') continue;
    mirrored.content.push(item.transcript);
    state.transcriptSynced.add(id);
  }
  state.generation = undefined;
  const response = event.response;
  deps.emitter.emit(
    'metrics_collected',
    buildMetrics({
      label: deps.model.label,
      modelName: deps.model.model,
      modelProvider: deps.model.provider,
      responseId: response.id,
      status: response.status,
      usage: response.usage,
      createdMs: generation.createdMs,
      firstTokenMs: generation.firstTokenMs,
      doneMs: deps.clock.now(),
    }),
  );
  if (response.status === 'failed') {
    // Live 2026 sessions send the string "unimplemented": no details to report then.
    const details = typeof response.status_details === 'object' ? response.status_details : null;
    const error =
      details === null
        ? new APIError('OpenAI Realtime API response failed with unknown error', { code: ClientErrorCode.responseFailed, retryable: true })
        : new APIError(`OpenAI Realtime API response failed with error type: ${details.error?.type ?? 'unknown'}`, {
            code: ClientErrorCode.responseFailed,
            body: details.error ?? null,
            retryable: true,
          });
    deps.emitter.emit('error', modelError(deps, error, true));
  } else if (response.status === 'cancelled' || response.status === 'incomplete') {
    deps.logger.debug(`response ${response.status}`, { responseId: response.id, statusDetails: response.status_details });
  } else if (response.status !== 'completed') {
    deps.logger.warn('response.done with an unknown status', { responseId: response.id, status: response.status });
  }
}

function onError(event: ServerEventOf<'error'>, deps: HandlerDeps): void {
  const message = event.error.message;
  if (message === null) throw new APIError('error: expected error.message to be a string, got null', { retryable: false });
  // `Cancellation failed…` answers a cancel with nothing to cancel (§4.5); never worth reporting.
  if (message.startsWith(CANCEL_FAILED_PREFIX)) return;
  deps.logger.error('the realtime API returned an error', { error: event.error });
  const error = new APIError(`OpenAI Realtime API returned an error: ${message}`, {
    code: ClientErrorCode.apiError,
    body: event.error,
    retryable: true,
  });
  deps.emitter.emit('error', modelError(deps, error, true));
}
