/**
 * Schemas of every server event (reference §3, §1.9), one per type; `server-events.ts` infers
 * the event types from them. `type` is a literal of its own: the parser chooses the schema by it.
 */
import { z } from 'zod';
import { anything, array, count, nullable, number, object, oneOf, string } from './wire-schema.js';
import {
  index,
  itemSchema,
  responseSchema,
  sessionEchoSchema,
  transcriptionUsageSchema,
  usageSchema,
} from './shared-schemas.js';

const eventId = { event_id: string };
const event = <T extends string, S extends z.core.$ZodLooseShape>(type: T, shape: S) =>
  object({ type: z.literal(type), ...eventId, ...shape });

const contentRef = { response_id: string, item_id: string, output_index: index, content_index: index };
/** Transcript events: clients of the live 2026 service model them without the two indexes. */
const transcriptRef = {
  response_id: string,
  item_id: string,
  output_index: index.optional(),
  content_index: index.optional(),
};
const itemPlacement = { previous_item_id: nullable(string).optional(), item: itemSchema };
const outputItem = { response_id: string, output_index: index, item: itemSchema };

/** The `part` of `response.content_part.*`. */
export const responseContentPartSchema = object({
  type: oneOf('audio', 'text', 'output_audio', 'output_text'),
  text: string.optional(),
  transcript: string.optional(),
  audio: string.optional(),
});
const contentPart = { ...contentRef, part: responseContentPartSchema };
const delta = { ...contentRef, delta: string };
const transcriptDelta = { ...transcriptRef, delta: string, start_time: nullable(number).optional() };
const transcriptDone = { ...transcriptRef, transcript: string };
const logprobs = nullable(array(anything)).optional();

/** The error body of an `error` event. `message` may be `null` on a broken server (§5.18 E1). */
export const serverErrorBodySchema = object({
  type: string,
  code: nullable(string).optional(),
  message: nullable(string),
  param: nullable(string).optional(),
  event_id: nullable(string).optional(),
});

/** One entry of `rate_limits.updated`. */
export const rateLimitSchema = object({
  name: string.optional(),
  limit: number.optional(),
  remaining: number.optional(),
  reset_seconds: number.optional(),
});

const functionCallRef = { response_id: string, item_id: string, output_index: index, call_id: string };

/** Schemas of each server event, keyed by type. */
export const SERVER_EVENT_SCHEMAS = {
  error: event('error', { error: serverErrorBodySchema }),
  'session.created': event('session.created', { session: sessionEchoSchema }),
  'session.updated': event('session.updated', { session: sessionEchoSchema }),
  'conversation.created': event('conversation.created', {
    conversation: object({ id: string, object: string.optional() }),
  }),
  'conversation.item.added': event('conversation.item.added', itemPlacement),
  'conversation.item.created': event('conversation.item.created', itemPlacement),
  'conversation.item.done': event('conversation.item.done', itemPlacement),
  'conversation.item.deleted': event('conversation.item.deleted', { item_id: string }),
  'conversation.item.truncated': event('conversation.item.truncated', {
    item_id: string,
    content_index: index,
    audio_end_ms: number,
  }),
  'conversation.item.input_audio_transcription.delta': event('conversation.item.input_audio_transcription.delta', {
    item_id: string,
    content_index: index.optional(),
    delta: string.optional(),
    logprobs,
  }),
  'conversation.item.input_audio_transcription.completed': event(
    'conversation.item.input_audio_transcription.completed',
    {
      item_id: string,
      content_index: index.optional(),
      transcript: string,
      usage: nullable(transcriptionUsageSchema).optional(),
      logprobs,
      status: oneOf('in_progress', 'completed').optional(),
    },
  ),
  'conversation.item.input_audio_transcription.failed': event('conversation.item.input_audio_transcription.failed', {
    item_id: string,
    content_index: index.optional(),
    error: object({
      type: string.optional(),
      code: nullable(string).optional(),
      message: nullable(string).optional(),
      param: nullable(string).optional(),
    }),
  }),
  // xAI 2026: sources show it without `event_id`.
  'conversation.item.input_audio_transcription.updated': object({
    type: z.literal('conversation.item.input_audio_transcription.updated'),
    event_id: string.optional(),
    item_id: string,
    content_index: index.optional(),
    transcript: string,
  }),
  'input_audio_buffer.speech_started': event('input_audio_buffer.speech_started', {
    item_id: string,
    audio_start_ms: number,
  }),
  'input_audio_buffer.speech_stopped': event('input_audio_buffer.speech_stopped', {
    item_id: string,
    audio_end_ms: number,
  }),
  'input_audio_buffer.committed': event('input_audio_buffer.committed', {
    item_id: string,
    previous_item_id: nullable(string).optional(),
  }),
  'input_audio_buffer.cleared': event('input_audio_buffer.cleared', {}),
  'input_audio_buffer.timeout_triggered': event('input_audio_buffer.timeout_triggered', {
    item_id: string,
    audio_start_ms: number,
    audio_end_ms: number,
  }),
  'response.created': event('response.created', { response: responseSchema }),
  'response.output_item.added': event('response.output_item.added', outputItem),
  'response.output_item.done': event('response.output_item.done', outputItem),
  'response.content_part.added': event('response.content_part.added', contentPart),
  'response.content_part.done': event('response.content_part.done', contentPart),
  'response.output_text.delta': event('response.output_text.delta', delta),
  'response.output_text.done': event('response.output_text.done', { ...contentRef, text: string }),
  'response.text.delta': event('response.text.delta', delta),
  'response.text.done': event('response.text.done', { ...contentRef, text: string }),
  'response.output_audio_transcript.delta': event('response.output_audio_transcript.delta', transcriptDelta),
  'response.output_audio_transcript.done': event('response.output_audio_transcript.done', transcriptDone),
  'response.audio_transcript.delta': event('response.audio_transcript.delta', transcriptDelta),
  'response.audio_transcript.done': event('response.audio_transcript.done', transcriptDone),
  'response.output_audio.delta': event('response.output_audio.delta', delta),
  'response.output_audio.done': event('response.output_audio.done', contentRef),
  'response.audio.delta': event('response.audio.delta', delta),
  'response.audio.done': event('response.audio.done', contentRef),
  'response.function_call_arguments.delta': event('response.function_call_arguments.delta', {
    ...functionCallRef,
    delta: string,
  }),
  'response.function_call_arguments.done': event('response.function_call_arguments.done', {
    ...functionCallRef,
    name: string.optional(),
    arguments: string,
  }),
  // Live 2026: the figures are in the top-level `usage`; `response_id` and `previous_item_id` ride along.
  'response.done': event('response.done', {
    response: responseSchema,
    usage: nullable(usageSchema).optional(),
    response_id: string.optional(),
    previous_item_id: nullable(string).optional(),
  }),
  'rate_limits.updated': event('rate_limits.updated', { rate_limits: array(rateLimitSchema) }),
  // Live 2026: `{type, timestamp}` with integer milliseconds and no `event_id`.
  ping: object({ type: z.literal('ping'), event_id: string.optional(), timestamp: count }),
} as const;
