import { decodePcm16 } from '../protocol/index.js';
import { FunctionCall } from './chat/index.js';
import { onItemAdded, onItemDeleted, onTranscriptDone, onTranscription } from './conversation-handlers.js';
import { APIError, ClientErrorCode } from './errors.js';
import { modelError, type HandlerDeps } from './handler-deps.js';
import { MessageState, ResponseGeneration, type GenerationCreatedEvent } from './generation.js';
import { buildMetrics } from './metrics.js';
import type { ReadEvent } from './read-event.js';

const CANCEL_FAILED_PREFIX = 'Cancellation failed';

/** Event of one kind. */
type Of<K extends ReadEvent['kind']> = Extract<ReadEvent, { kind: K }>;

/**
 * Applies one server event as the liberal reader read it (§5.16). Throws when it cannot be
 * applied (no response in flight, unknown item…); receive-frame turns that into an `error`
 * event with its own code (`RTSIM_CLIENT_EVENT_FAILED`, not retryable) and ends the
 * response in flight, so the thrown error carries only its message.
 */
export function handleServerEvent(event: ReadEvent, deps: HandlerDeps): void {
  switch (event.kind) {
    case 'speech_started':
      deps.emitter.emit('input_speech_started', {});
      return;
    case 'speech_stopped':
      deps.emitter.emit('input_speech_stopped', {
        userTranscriptionEnabled: deps.options.inputAudioTranscription !== null,
      });
      return;
    case 'timeout_triggered':
      // Logged, as upstream does (2026-08-10): xAI's idle_timeout_ms passed without speech.
      deps.logger.info('input audio buffer timeout triggered', {
        itemId: event.itemId,
        audioStartMs: event.audioStartMs,
        audioEndMs: event.audioEndMs,
      });
      return;
    case 'session_created':
      // The echoed voice is the service's own name for it ("xai_ara" for "ara"): not a mismatch.
      deps.logger.debug('session created', {
        id: event.sessionId,
        model: event.model,
        voice: event.voice,
        voiceSent: deps.options.voice,
      });
      return;
    case 'response_created':
      return onResponseCreated(event, deps);
    case 'output_item_added':
      return onOutputItemAdded(event, deps);
    case 'content_part_added':
      return onContentPartAdded(event, deps);
    case 'item_added':
      return onItemAdded(event, deps);
    case 'item_deleted':
      return onItemDeleted(event, deps);
    case 'transcription_completed':
    case 'transcription_updated':
      return onTranscription(event, deps);
    case 'transcription_failed':
      deps.logger.error('input audio transcription failed', { itemId: event.itemId, error: event.error });
      return;
    case 'text_delta':
      return onTextDelta(event.type, event.itemId, event.delta, deps);
    case 'transcript_delta':
      return onTranscriptDelta(event.type, event.itemId, event.delta, deps);
    case 'audio_delta':
      return onAudioDelta(event.type, event.itemId, event.delta, deps);
    case 'transcript_done':
      return onTranscriptDone(event.itemId, event.transcript, deps);
    case 'part_done':
      // Nothing to read; a late one (after response.done) is harmless.
      return;
    case 'output_item_done':
      return onOutputItemDone(event, deps);
    case 'response_done':
      return onResponseDone(event, deps);
    case 'server_error':
      return onError(event, deps);
  }
}

function requireGeneration(deps: HandlerDeps, type: string): ResponseGeneration {
  const generation = deps.state.generation;
  if (!generation) throw new APIError(`${type}: expected a response in flight, got none`);
  return generation;
}

function requireItem(deps: HandlerDeps, type: string, itemId: string): [ResponseGeneration, MessageState] {
  const generation = requireGeneration(deps, type);
  const item = generation.items.get(itemId);
  if (!item) {
    throw new APIError(
      `${type}: expected a message item of response ${generation.responseId}, got unknown item "${itemId}"`,
    );
  }
  return [generation, item];
}

function onResponseCreated(event: Of<'response_created'>, deps: HandlerDeps): void {
  const { state, logger } = deps;
  const current = state.generation?.responseId ?? state.failedResponse?.id;
  if (event.id === current) {
    // Beyond the reference (found by rt-sim fuzz): a repeated response.created of the response
    // in flight would end it empty and start it again as server-initiated.
    logger.warn('response.created repeated for the response in flight; ignored', { responseId: event.id });
    return;
  }
  state.failedResponse = undefined;
  if (state.generation) {
    // §8.8 fix: a newer response ends the unfinished one instead of orphaning its streams.
    logger.warn('response.created while a response was in flight; ending the old one', {
      previous: state.generation.responseId,
      next: event.id,
    });
    state.endGeneration(deps.model.modalities);
  }
  const generation = new ResponseGeneration(event.id, deps.clock.now());
  state.generation = generation;
  const created: GenerationCreatedEvent = {
    messageStream: generation.messages,
    functionStream: generation.functions,
    userInitiated: false,
    responseId: generation.responseId,
  };
  // xAI's force_message responses carry no client_event_id: the oldest pending say takes it.
  // '' is no event id: a response.created nobody asked for finds no reply.
  const eventId = event.clientEventId ?? state.pendingSays.shift() ?? '';
  const reply = state.replies.get(eventId);
  if (reply) {
    state.replies.delete(eventId);
    deps.clock.clearTimeout(reply.timer);
    if (reply.deferred.done) {
      logger.warn('response.created arrived after generateReply timed out; treating it as server-initiated', {
        eventId,
      });
    } else {
      created.userInitiated = true;
      reply.deferred.resolve(created);
    }
  }
  deps.emitter.emit('generation_created', created);
}

function onOutputItemAdded(event: Of<'output_item_added'>, deps: HandlerDeps): void {
  // Server-side tool items (web_search_call, mcp_call …) and unknown types are left alone.
  if (event.itemType !== 'message' || event.itemId === undefined) return;
  const generation = requireGeneration(deps, event.type);
  const id = event.itemId;
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

function onContentPartAdded(event: Of<'content_part_added'>, deps: HandlerDeps): void {
  const [, item] = requireItem(deps, event.type, event.itemId);
  // Any part that is not text ("audio", "output_audio", or a type not known yet) means audio.
  const text = event.partType === 'text' || event.partType === 'output_text';
  if (text && deps.model.modalities.includes('audio')) {
    deps.logger.warn('text content part while audio output is on', { itemId: event.itemId });
  }
  item.modalities.resolve(text ? ['text'] : ['audio', 'text']);
}

function onTextDelta(type: string, itemId: string, delta: string, deps: HandlerDeps): void {
  const [generation, item] = requireItem(deps, type, itemId);
  if (item.audio.closed && generation.firstTokenMs === undefined) generation.firstTokenMs = deps.clock.now();
  item.text.send(delta);
  item.transcript += delta;
}

function onTranscriptDelta(type: string, itemId: string, delta: string, deps: HandlerDeps): void {
  const [, item] = requireItem(deps, type, itemId);
  item.text.send(delta);
  item.transcript += delta;
}

function onAudioDelta(type: string, itemId: string, delta: string, deps: HandlerDeps): void {
  const [generation, item] = requireItem(deps, type, itemId);
  const data = decodePcm16(delta);
  if (generation.firstTokenMs === undefined) generation.firstTokenMs = deps.clock.now();
  item.modalities.resolve(['audio', 'text']);
  item.audio.send({ data, sampleRate: deps.options.outputAudioRate, numChannels: 1, samplesPerChannel: data.length });
}

function onOutputItemDone(event: Of<'output_item_done'>, deps: HandlerDeps): void {
  const wire = event.item;
  // Server-side tool items are the service's business: never on the function stream.
  if (wire.type === 'other') return;
  const generation = requireGeneration(deps, event.type);
  if (wire.type === 'function_call') {
    // Beyond the reference: the mirror's copy came from conversation.item.added with empty
    // arguments; complete it, or a reconnect burst re-creates a call without arguments.
    const mirrored = wire.id === undefined ? undefined : deps.state.mirror.get(wire.id);
    if (mirrored?.type === 'function_call') {
      mirrored.args = wire.args;
      mirrored.name = wire.name;
      mirrored.callId = wire.callId;
    }
    if (wire.status === 'incomplete') {
      // Beyond the reference: a call cut off while its arguments streamed (cancel,
      // max_output_tokens) holds partial JSON; running the tool with it would act on a guess.
      deps.logger.warn('function call ended incomplete; not sent to the function stream', {
        callId: wire.callId,
        name: wire.name,
      });
      return;
    }
    if (generation.callIds.has(wire.callId)) {
      // Beyond the reference: a repeated output_item.done (found by rt-sim fuzz) would run the tool twice.
      deps.logger.warn('function call done twice; sent to the function stream once', { callId: wire.callId });
      return;
    }
    generation.callIds.add(wire.callId);
    // Reference behaviour (§8.6 is not fixed): the call gets a fresh item id.
    generation.functions.send(
      new FunctionCall({ id: deps.ids.next('item_'), callId: wire.callId, name: wire.name, args: wire.args }),
    );
    return;
  }
  const item = generation.items.get(wire.id);
  if (!item) {
    throw new APIError(`${event.type}: expected a message item of the response, got unknown item "${wire.id}"`);
  }
  item.close(deps.model.modalities);
}

function onResponseDone(event: Of<'response_done'>, deps: HandlerDeps): void {
  const { state } = deps;
  const generation = state.generation;
  if (!generation) {
    // The end of a response a bad frame failed: its usage is still worth reporting.
    const failed = state.failedResponse;
    // A stray or duplicate end: no failed response, or another one.
    if (!failed || (event.id !== undefined && failed.id !== undefined && event.id !== failed.id)) return;
    state.failedResponse = undefined;
    return reportResponseEnd(event, deps, failed.createdMs, failed.firstTokenMs);
  }
  if (event.id !== undefined && event.id !== generation.responseId) {
    // Beyond the reference (found by rt-sim fuzz): a late response.done of an older response,
    // which the newer response.created already ended, must not end the newer one.
    deps.logger.warn('response.done for a response that is not in flight; ignored', {
      responseId: event.id,
      inFlight: generation.responseId,
    });
    return;
  }
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
  reportResponseEnd(event, deps, generation.createdMs, generation.firstTokenMs);
}

/** `metrics_collected`, then an `error` for a failed response (§5.17, §5.18 E2). */
function reportResponseEnd(
  event: Of<'response_done'>,
  deps: HandlerDeps,
  createdMs: number,
  firstTokenMs: number | undefined,
): void {
  deps.emitter.emit(
    'metrics_collected',
    buildMetrics({
      label: deps.model.label,
      modelName: deps.model.model,
      modelProvider: deps.model.provider,
      responseId: event.id,
      status: event.status,
      usage: event.usage,
      topLevelUsage: event.topLevelUsage,
      createdMs,
      firstTokenMs,
      doneMs: deps.clock.now(),
    }),
  );
  if (event.status === 'failed') {
    const failure = event.failure;
    const error =
      failure === undefined
        ? new APIError('OpenAI Realtime API response failed with unknown error', {
            code: ClientErrorCode.responseFailed,
            retryable: true,
          })
        : new APIError(`OpenAI Realtime API response failed with error type: ${failure.errorType ?? 'unknown'}`, {
            code: ClientErrorCode.responseFailed,
            body: failure.error ?? null,
            retryable: true,
          });
    deps.emitter.emit('error', modelError(deps, error, true));
  } else if (event.status === 'cancelled' || event.status === 'incomplete') {
    deps.logger.debug(`response ${event.status}`, { responseId: event.id, statusDetails: event.statusDetails });
  } else if (event.status !== 'completed') {
    deps.logger.warn('response.done with an unknown status', { responseId: event.id, status: event.status });
  }
}

function onError(event: Of<'server_error'>, deps: HandlerDeps): void {
  const message = event.message;
  // `Cancellation failed…` answers a cancel with nothing to cancel (§4.5); never worth reporting.
  if (message.startsWith(CANCEL_FAILED_PREFIX)) return;
  const code = event.code;
  // A missing code is '', which no list of fatal codes holds.
  if (deps.behaviour.fatalErrorCodes.has(code ?? '')) {
    // Retrying cannot help (a bad key, no quota…): the session dies with this error.
    throw new APIError(`OpenAI Realtime API returned a fatal error (${code}): ${message}`, {
      code: ClientErrorCode.fatalServerError,
      body: event.body,
      retryable: false,
    });
  }
  deps.logger.error('the realtime API returned an error', { error: event.body });
  const error = new APIError(`OpenAI Realtime API returned an error: ${message}`, {
    code: ClientErrorCode.apiError,
    body: event.body,
    retryable: true,
  });
  deps.emitter.emit('error', modelError(deps, error, true));
}
