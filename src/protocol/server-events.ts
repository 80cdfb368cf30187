/**
 * Server → client events (reference §3 and the xAI additions of §1.9), inferred from their
 * schemas in `server-event-schemas.ts`. Beta names that xAI or older servers use
 * (`conversation.item.created`, `response.text.delta`, `response.audio.delta`,
 * `response.audio_transcript.delta` …) have their own types with the same fields as their GA twins.
 */
import type { z } from 'zod';
import type {
  rateLimitSchema,
  responseContentPartSchema,
  SERVER_EVENT_SCHEMAS,
  serverErrorBodySchema,
} from './server-event-schemas.js';

type Schemas = typeof SERVER_EVENT_SCHEMAS;

/** Any server event of the catalogue. */
export type ServerEvent = { [T in keyof Schemas]: z.infer<Schemas[T]> }[keyof Schemas];

/** The `type` of a {@link ServerEvent}. */
export type ServerEventType = ServerEvent['type'];

/** The server event of a given type. */
export type ServerEventOf<T extends ServerEventType> = z.infer<Schemas[T]>;

/**
 * The error body of an `error` event. `message` may be `null` on a broken server (§5.18 E1);
 * `event_id` is the client event that caused the error, when it had one.
 */
export type ServerErrorBody = z.infer<typeof serverErrorBodySchema>;

/** The `part` of `response.content_part.*`. */
export type ResponseContentPart = z.infer<typeof responseContentPartSchema>;

/** Fields every per-part streaming event carries. */
export type ContentRef = Omit<ServerEventOf<'response.output_audio.done'>, 'type'>;

/** Transcript events: live 2026 clients model them without `output_index` / `content_index`. */
export type TranscriptRef = Omit<ServerEventOf<'response.output_audio_transcript.done'>, 'type' | 'transcript'>;

/** One entry of `rate_limits.updated`. */
export type RateLimit = z.infer<typeof rateLimitSchema>;

/** `error`; the connection stays up (§4.6). */
export type ServerErrorEvent = ServerEventOf<'error'>;

/** `session.created` (2026 xAI servers send it on connect). */
export type SessionCreatedEvent = ServerEventOf<'session.created'>;

/** `session.updated`: the effective config after a `session.update`. */
export type SessionUpdatedEvent = ServerEventOf<'session.updated'>;

/** `conversation.created` (xAI, §1.9): the first message after connecting in Dec 2025. */
export type ConversationCreatedEvent = ServerEventOf<'conversation.created'>;

/** `conversation.item.added`: an item entered the server conversation. */
export type ConversationItemAddedEvent = ServerEventOf<'conversation.item.added'>;

/** Beta name of `conversation.item.added`; ignored by the Python plugin, handled by JS. */
export type ConversationItemCreatedEvent = ServerEventOf<'conversation.item.created'>;

/** `conversation.item.done`; xAI does not emit it (§1.8). */
export type ConversationItemDoneEvent = ServerEventOf<'conversation.item.done'>;

/** `conversation.item.deleted`; xAI once sent an empty `item_id` (§8.4). */
export type ConversationItemDeletedEvent = ServerEventOf<'conversation.item.deleted'>;

/** `conversation.item.truncated`. */
export type ConversationItemTruncatedEvent = ServerEventOf<'conversation.item.truncated'>;

/** `conversation.item.input_audio_transcription.delta`; not sent by xAI. */
export type ConversationItemInputAudioTranscriptionDeltaEvent =
  ServerEventOf<'conversation.item.input_audio_transcription.delta'>;

/** `conversation.item.input_audio_transcription.completed`; xAI 2026 adds `status` and re-sends it per commit. */
export type ConversationItemInputAudioTranscriptionCompletedEvent =
  ServerEventOf<'conversation.item.input_audio_transcription.completed'>;

/** `conversation.item.input_audio_transcription.failed`. */
export type ConversationItemInputAudioTranscriptionFailedEvent =
  ServerEventOf<'conversation.item.input_audio_transcription.failed'>;

/** xAI 2026: a cumulative partial transcript. Sources show it without `event_id`. */
export type ConversationItemInputAudioTranscriptionUpdatedEvent =
  ServerEventOf<'conversation.item.input_audio_transcription.updated'>;

/** `input_audio_buffer.speech_started` (server VAD). */
export type InputAudioBufferSpeechStartedEvent = ServerEventOf<'input_audio_buffer.speech_started'>;

/** `input_audio_buffer.speech_stopped` (server VAD). */
export type InputAudioBufferSpeechStoppedEvent = ServerEventOf<'input_audio_buffer.speech_stopped'>;

/** `input_audio_buffer.committed`: by the client's commit or by server VAD. */
export type InputAudioBufferCommittedEvent = ServerEventOf<'input_audio_buffer.committed'>;

/** `input_audio_buffer.cleared`. */
export type InputAudioBufferClearedEvent = ServerEventOf<'input_audio_buffer.cleared'>;

/** xAI 2026: `idle_timeout_ms` elapsed without speech. */
export type InputAudioBufferTimeoutTriggeredEvent = ServerEventOf<'input_audio_buffer.timeout_triggered'>;

/** `response.created`: `response.metadata` echoes `response.create` (§5.8). */
export type ResponseCreatedEvent = ServerEventOf<'response.created'>;

/** `response.output_item.added`. */
export type ResponseOutputItemAddedEvent = ServerEventOf<'response.output_item.added'>;

/** `response.output_item.done`: the client reads function calls from here (§4.4). */
export type ResponseOutputItemDoneEvent = ServerEventOf<'response.output_item.done'>;

/** `response.content_part.added`. */
export type ResponseContentPartAddedEvent = ServerEventOf<'response.content_part.added'>;

/** `response.content_part.done`. */
export type ResponseContentPartDoneEvent = ServerEventOf<'response.content_part.done'>;

/** `response.output_text.delta`. */
export type ResponseOutputTextDeltaEvent = ServerEventOf<'response.output_text.delta'>;

/** `response.output_text.done`. */
export type ResponseOutputTextDoneEvent = ServerEventOf<'response.output_text.done'>;

/** xAI / beta name of `response.output_text.delta`; ignored by Python (§8.5). */
export type ResponseTextDeltaEvent = ServerEventOf<'response.text.delta'>;

/** xAI / beta name of `response.output_text.done`. */
export type ResponseTextDoneEvent = ServerEventOf<'response.text.done'>;

/** `response.output_audio_transcript.delta`; xAI may add `start_time` (§1.9). */
export type ResponseOutputAudioTranscriptDeltaEvent = ServerEventOf<'response.output_audio_transcript.delta'>;

/** `response.output_audio_transcript.done`. */
export type ResponseOutputAudioTranscriptDoneEvent = ServerEventOf<'response.output_audio_transcript.done'>;

/** Beta name of `response.output_audio_transcript.delta`. */
export type ResponseAudioTranscriptDeltaEvent = ServerEventOf<'response.audio_transcript.delta'>;

/** Beta name of `response.output_audio_transcript.done`. */
export type ResponseAudioTranscriptDoneEvent = ServerEventOf<'response.audio_transcript.done'>;

/** `response.output_audio.delta`: `delta` is base64 PCM16, 24 kHz mono. */
export type ResponseOutputAudioDeltaEvent = ServerEventOf<'response.output_audio.delta'>;

/** `response.output_audio.done`. */
export type ResponseOutputAudioDoneEvent = ServerEventOf<'response.output_audio.done'>;

/** Beta name of `response.output_audio.delta`. */
export type ResponseAudioDeltaEvent = ServerEventOf<'response.audio.delta'>;

/** Beta name of `response.output_audio.done`. */
export type ResponseAudioDoneEvent = ServerEventOf<'response.audio.done'>;

/** `response.function_call_arguments.delta`; ignored by the plugin. */
export type ResponseFunctionCallArgumentsDeltaEvent = ServerEventOf<'response.function_call_arguments.delta'>;

/** `response.function_call_arguments.done`; ignored by the plugin, which reads `output_item.done`. */
export type ResponseFunctionCallArgumentsDoneEvent = ServerEventOf<'response.function_call_arguments.done'>;

/**
 * `response.done`; xAI may add a top-level `usage`, sometimes empty (§1.9). Live 2026
 * sessions put the figures there (with `response.usage: {}`) and add `response_id` and
 * `previous_item_id` at the top level.
 */
export type ResponseDoneEvent = ServerEventOf<'response.done'>;

/** `rate_limits.updated`; xAI does not emit it (§1.8). */
export type RateLimitsUpdatedEvent = ServerEventOf<'rate_limits.updated'>;

/**
 * xAI keep-alive (§1.9). `timestamp` is integer ms (virtual time under the simulator); live
 * 2026 pings carry no `event_id`.
 */
export type PingEvent = ServerEventOf<'ping'>;

/** Every {@link ServerEventType}, in catalogue order. */
export const SERVER_EVENT_TYPES = [
  'error',
  'session.created',
  'session.updated',
  'conversation.created',
  'conversation.item.added',
  'conversation.item.created',
  'conversation.item.done',
  'conversation.item.deleted',
  'conversation.item.truncated',
  'conversation.item.input_audio_transcription.delta',
  'conversation.item.input_audio_transcription.completed',
  'conversation.item.input_audio_transcription.failed',
  'conversation.item.input_audio_transcription.updated',
  'input_audio_buffer.speech_started',
  'input_audio_buffer.speech_stopped',
  'input_audio_buffer.committed',
  'input_audio_buffer.cleared',
  'input_audio_buffer.timeout_triggered',
  'response.created',
  'response.output_item.added',
  'response.output_item.done',
  'response.content_part.added',
  'response.content_part.done',
  'response.output_text.delta',
  'response.output_text.done',
  'response.text.delta',
  'response.text.done',
  'response.output_audio_transcript.delta',
  'response.output_audio_transcript.done',
  'response.audio_transcript.delta',
  'response.audio_transcript.done',
  'response.output_audio.delta',
  'response.output_audio.done',
  'response.audio.delta',
  'response.audio.done',
  'response.function_call_arguments.delta',
  'response.function_call_arguments.done',
  'response.done',
  'rate_limits.updated',
  'ping',
] as const satisfies readonly ServerEventType[];

// Fails to compile when a member of the union is missing from the list above.
type UnlistedServerEventType = Exclude<ServerEventType, (typeof SERVER_EVENT_TYPES)[number]>;
const listsEveryServerEventType: [UnlistedServerEventType] extends [never] ? true : UnlistedServerEventType = true;
void listsEveryServerEventType;

const serverTypes: ReadonlySet<string> = new Set(SERVER_EVENT_TYPES);

/** True when `type` names an event of the server catalogue. */
export function isServerEventType(type: string): type is ServerEventType {
  return serverTypes.has(type);
}
