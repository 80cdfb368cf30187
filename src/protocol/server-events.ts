/**
 * Server → client events (reference §3 and the xAI additions of §1.9). Beta names that
 * xAI or older servers use (`conversation.item.created`, `response.text.delta`,
 * `response.audio.delta`, `response.audio_transcript.delta` …) have their own interfaces
 * with the same fields as their GA twins.
 */
import type { ConversationItem } from './items.js';
import type { RealtimeResponse } from './response.js';
import type { SessionEcho } from './session.js';
import type { TranscriptionUsage, Usage } from './usage.js';

interface ServerEventBase {
  event_id: string;
}

/** The error body of an `error` event. `message` may be `null` on a broken server (§5.18 E1). */
export interface ServerErrorBody {
  type: string;
  code?: string | null;
  message: string | null;
  param?: string | null;
  /** The client `event_id` that caused the error, when it had one. */
  event_id?: string | null;
}

/** `error`; the connection stays up (§4.6). */
export interface ServerErrorEvent extends ServerEventBase {
  type: 'error';
  error: ServerErrorBody;
}

/** `session.created` (2026 xAI servers send it on connect). */
export interface SessionCreatedEvent extends ServerEventBase {
  type: 'session.created';
  session: SessionEcho;
}

/** `session.updated`: the effective config after a `session.update`. */
export interface SessionUpdatedEvent extends ServerEventBase {
  type: 'session.updated';
  session: SessionEcho;
}

/** `conversation.created` (xAI, §1.9): the first message after connecting in Dec 2025. */
export interface ConversationCreatedEvent extends ServerEventBase {
  type: 'conversation.created';
  conversation: { id: string; object?: string };
}

interface ItemPlacement extends ServerEventBase {
  /** `null` = no predecessor: the item goes at the head (§6.2). */
  previous_item_id?: string | null;
  item: ConversationItem;
}

/** `conversation.item.added`: an item entered the server conversation. */
export interface ConversationItemAddedEvent extends ItemPlacement {
  type: 'conversation.item.added';
}

/** Beta name of `conversation.item.added`; ignored by the Python plugin, handled by JS. */
export interface ConversationItemCreatedEvent extends ItemPlacement {
  type: 'conversation.item.created';
}

/** `conversation.item.done`; xAI does not emit it (§1.8). */
export interface ConversationItemDoneEvent extends ItemPlacement {
  type: 'conversation.item.done';
}

/** `conversation.item.deleted`; xAI once sent an empty `item_id` (§8.4). */
export interface ConversationItemDeletedEvent extends ServerEventBase {
  type: 'conversation.item.deleted';
  item_id: string;
}

/** `conversation.item.truncated`. */
export interface ConversationItemTruncatedEvent extends ServerEventBase {
  type: 'conversation.item.truncated';
  item_id: string;
  content_index: number;
  audio_end_ms: number;
}

/** `conversation.item.input_audio_transcription.delta`; not sent by xAI. */
export interface ConversationItemInputAudioTranscriptionDeltaEvent extends ServerEventBase {
  type: 'conversation.item.input_audio_transcription.delta';
  item_id: string;
  content_index?: number;
  delta?: string;
  logprobs?: unknown[] | null;
}

/** `conversation.item.input_audio_transcription.completed`; xAI 2026 adds `status` and re-sends it per commit. */
export interface ConversationItemInputAudioTranscriptionCompletedEvent extends ServerEventBase {
  type: 'conversation.item.input_audio_transcription.completed';
  item_id: string;
  content_index?: number;
  transcript: string;
  usage?: TranscriptionUsage | null;
  logprobs?: unknown[] | null;
  status?: 'in_progress' | 'completed';
}

/** `conversation.item.input_audio_transcription.failed`. */
export interface ConversationItemInputAudioTranscriptionFailedEvent extends ServerEventBase {
  type: 'conversation.item.input_audio_transcription.failed';
  item_id: string;
  content_index?: number;
  error: { type?: string; code?: string | null; message?: string | null; param?: string | null };
}

/** xAI 2026: a cumulative partial transcript. Sources show it without `event_id`. */
export interface ConversationItemInputAudioTranscriptionUpdatedEvent {
  type: 'conversation.item.input_audio_transcription.updated';
  event_id?: string;
  item_id: string;
  content_index?: number;
  transcript: string;
}

/** `input_audio_buffer.speech_started` (server VAD). */
export interface InputAudioBufferSpeechStartedEvent extends ServerEventBase {
  type: 'input_audio_buffer.speech_started';
  item_id: string;
  audio_start_ms: number;
}

/** `input_audio_buffer.speech_stopped` (server VAD). */
export interface InputAudioBufferSpeechStoppedEvent extends ServerEventBase {
  type: 'input_audio_buffer.speech_stopped';
  item_id: string;
  audio_end_ms: number;
}

/** `input_audio_buffer.committed`: by the client's commit or by server VAD. */
export interface InputAudioBufferCommittedEvent extends ServerEventBase {
  type: 'input_audio_buffer.committed';
  item_id: string;
  previous_item_id?: string | null;
}

/** `input_audio_buffer.cleared`. */
export interface InputAudioBufferClearedEvent extends ServerEventBase {
  type: 'input_audio_buffer.cleared';
}

/** xAI 2026: `idle_timeout_ms` elapsed without speech. */
export interface InputAudioBufferTimeoutTriggeredEvent extends ServerEventBase {
  type: 'input_audio_buffer.timeout_triggered';
  item_id: string;
  audio_start_ms: number;
  audio_end_ms: number;
}

/** `response.created`: `response.metadata` echoes `response.create` (§5.8). */
export interface ResponseCreatedEvent extends ServerEventBase {
  type: 'response.created';
  response: RealtimeResponse;
}

interface OutputItemFields extends ServerEventBase {
  response_id: string;
  output_index: number;
  item: ConversationItem;
}

/** `response.output_item.added`. */
export interface ResponseOutputItemAddedEvent extends OutputItemFields {
  type: 'response.output_item.added';
}

/** `response.output_item.done`: the client reads function calls from here (§4.4). */
export interface ResponseOutputItemDoneEvent extends OutputItemFields {
  type: 'response.output_item.done';
}

/** The `part` of `response.content_part.*`. */
export interface ResponseContentPart {
  type: 'audio' | 'text' | 'output_audio' | 'output_text';
  text?: string;
  transcript?: string;
  audio?: string;
}

/** Fields every per-part streaming event carries. */
export interface ContentRef extends ServerEventBase {
  response_id: string;
  item_id: string;
  output_index: number;
  content_index: number;
}

/** `response.content_part.added`. */
export interface ResponseContentPartAddedEvent extends ContentRef {
  type: 'response.content_part.added';
  part: ResponseContentPart;
}

/** `response.content_part.done`. */
export interface ResponseContentPartDoneEvent extends ContentRef {
  type: 'response.content_part.done';
  part: ResponseContentPart;
}

/** `response.output_text.delta`. */
export interface ResponseOutputTextDeltaEvent extends ContentRef {
  type: 'response.output_text.delta';
  delta: string;
}

/** `response.output_text.done`. */
export interface ResponseOutputTextDoneEvent extends ContentRef {
  type: 'response.output_text.done';
  text: string;
}

/** xAI / beta name of `response.output_text.delta`; ignored by Python (§8.5). */
export interface ResponseTextDeltaEvent extends ContentRef {
  type: 'response.text.delta';
  delta: string;
}

/** xAI / beta name of `response.output_text.done`. */
export interface ResponseTextDoneEvent extends ContentRef {
  type: 'response.text.done';
  text: string;
}

/** Transcript events: live 2026 clients model them without `output_index` / `content_index`. */
export interface TranscriptRef extends ServerEventBase {
  response_id: string;
  item_id: string;
  output_index?: number;
  content_index?: number;
}

/** `response.output_audio_transcript.delta`; xAI may add `start_time` (§1.9). */
export interface ResponseOutputAudioTranscriptDeltaEvent extends TranscriptRef {
  type: 'response.output_audio_transcript.delta';
  delta: string;
  start_time?: number | null;
}

/** `response.output_audio_transcript.done`. */
export interface ResponseOutputAudioTranscriptDoneEvent extends TranscriptRef {
  type: 'response.output_audio_transcript.done';
  transcript: string;
}

/** Beta name of `response.output_audio_transcript.delta`. */
export interface ResponseAudioTranscriptDeltaEvent extends TranscriptRef {
  type: 'response.audio_transcript.delta';
  delta: string;
  start_time?: number | null;
}

/** Beta name of `response.output_audio_transcript.done`. */
export interface ResponseAudioTranscriptDoneEvent extends TranscriptRef {
  type: 'response.audio_transcript.done';
  transcript: string;
}

/** `response.output_audio.delta`: `delta` is base64 PCM16, 24 kHz mono. */
export interface ResponseOutputAudioDeltaEvent extends ContentRef {
  type: 'response.output_audio.delta';
  delta: string;
}

/** `response.output_audio.done`. */
export interface ResponseOutputAudioDoneEvent extends ContentRef {
  type: 'response.output_audio.done';
}

/** Beta name of `response.output_audio.delta`. */
export interface ResponseAudioDeltaEvent extends ContentRef {
  type: 'response.audio.delta';
  delta: string;
}

/** Beta name of `response.output_audio.done`. */
export interface ResponseAudioDoneEvent extends ContentRef {
  type: 'response.audio.done';
}

/** `response.function_call_arguments.delta`; ignored by the plugin. */
export interface ResponseFunctionCallArgumentsDeltaEvent extends ServerEventBase {
  type: 'response.function_call_arguments.delta';
  response_id: string;
  item_id: string;
  output_index: number;
  call_id: string;
  delta: string;
}

/** `response.function_call_arguments.done`; ignored by the plugin, which reads `output_item.done`. */
export interface ResponseFunctionCallArgumentsDoneEvent extends ServerEventBase {
  type: 'response.function_call_arguments.done';
  response_id: string;
  item_id: string;
  output_index: number;
  call_id: string;
  name?: string;
  arguments: string;
}

/**
 * `response.done`; xAI may add a top-level `usage`, sometimes empty (§1.9). Live 2026
 * sessions put the figures there (with `response.usage: {}`) and add `response_id` and
 * `previous_item_id` at the top level.
 */
export interface ResponseDoneEvent extends ServerEventBase {
  type: 'response.done';
  response: RealtimeResponse;
  usage?: Usage | null;
  response_id?: string;
  previous_item_id?: string | null;
}

/** One entry of `rate_limits.updated`. */
export interface RateLimit {
  name?: string;
  limit?: number;
  remaining?: number;
  reset_seconds?: number;
}

/** `rate_limits.updated`; xAI does not emit it (§1.8). */
export interface RateLimitsUpdatedEvent extends ServerEventBase {
  type: 'rate_limits.updated';
  rate_limits: RateLimit[];
}

/**
 * xAI keep-alive (§1.9). `timestamp` is integer ms (virtual time under the simulator); live
 * 2026 pings carry no `event_id`.
 */
export interface PingEvent {
  type: 'ping';
  event_id?: string;
  timestamp: number;
}

/** Any server event of the catalogue. */
export type ServerEvent =
  | ServerErrorEvent
  | SessionCreatedEvent
  | SessionUpdatedEvent
  | ConversationCreatedEvent
  | ConversationItemAddedEvent
  | ConversationItemCreatedEvent
  | ConversationItemDoneEvent
  | ConversationItemDeletedEvent
  | ConversationItemTruncatedEvent
  | ConversationItemInputAudioTranscriptionDeltaEvent
  | ConversationItemInputAudioTranscriptionCompletedEvent
  | ConversationItemInputAudioTranscriptionFailedEvent
  | ConversationItemInputAudioTranscriptionUpdatedEvent
  | InputAudioBufferSpeechStartedEvent
  | InputAudioBufferSpeechStoppedEvent
  | InputAudioBufferCommittedEvent
  | InputAudioBufferClearedEvent
  | InputAudioBufferTimeoutTriggeredEvent
  | ResponseCreatedEvent
  | ResponseOutputItemAddedEvent
  | ResponseOutputItemDoneEvent
  | ResponseContentPartAddedEvent
  | ResponseContentPartDoneEvent
  | ResponseOutputTextDeltaEvent
  | ResponseOutputTextDoneEvent
  | ResponseTextDeltaEvent
  | ResponseTextDoneEvent
  | ResponseOutputAudioTranscriptDeltaEvent
  | ResponseOutputAudioTranscriptDoneEvent
  | ResponseAudioTranscriptDeltaEvent
  | ResponseAudioTranscriptDoneEvent
  | ResponseOutputAudioDeltaEvent
  | ResponseOutputAudioDoneEvent
  | ResponseAudioDeltaEvent
  | ResponseAudioDoneEvent
  | ResponseFunctionCallArgumentsDeltaEvent
  | ResponseFunctionCallArgumentsDoneEvent
  | ResponseDoneEvent
  | RateLimitsUpdatedEvent
  | PingEvent;

/** The `type` of a {@link ServerEvent}. */
export type ServerEventType = ServerEvent['type'];

/** The server event of a given type. */
export type ServerEventOf<T extends ServerEventType> = Extract<ServerEvent, { type: T }>;

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
