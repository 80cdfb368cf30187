import type { ClientEvent } from '../protocol/index.js';
import type { RealtimeModelError } from './errors.js';
import type { GenerationCreatedEvent } from './generation.js';
import type { RealtimeModelMetrics } from './metrics.js';

/** `input_speech_started`: server VAD heard the user start (empty, as in §5.19). */
export type InputSpeechStartedEvent = Record<string, never>;

/** `input_speech_stopped`. */
export interface InputSpeechStoppedEvent {
  /** True when input transcription is on (a `.completed` will follow). */
  userTranscriptionEnabled: boolean;
}

/** `input_audio_transcription_completed`. */
export interface InputTranscriptionCompleted {
  itemId: string;
  transcript: string;
  /** False only for an xAI `.completed` with `status: "in_progress"` (an interim). */
  isFinal: boolean;
}

/** `session_reconnected`: the reconnect burst went out (empty, as in §5.19). */
export type SessionReconnectedEvent = Record<string, never>;

/** `connection_opened` (rt-sim extra): a socket opened. */
export interface ConnectionOpenedEvent {
  url: string;
  /** 1-based number of this connection attempt within the session, failed ones included. */
  attempt: number;
}

/** `connection_closed` (rt-sim extra): the client stopped using an open socket. */
export interface ConnectionClosedEvent {
  /** The close code the socket reported, or the one the client closed with when it gave up first. */
  code: number;
  reason: string;
}

/** A server frame as parsed JSON, before any check (`openai_server_event_received`). */
export type RawServerEvent = Readonly<Record<string, unknown>>;

/** The session's events (reference §5.19, plus `connection_opened` / `connection_closed`). */
export interface RealtimeSessionEvents {
  input_speech_started: InputSpeechStartedEvent;
  input_speech_stopped: InputSpeechStoppedEvent;
  input_audio_transcription_completed: InputTranscriptionCompleted;
  generation_created: GenerationCreatedEvent;
  session_reconnected: SessionReconnectedEvent;
  metrics_collected: RealtimeModelMetrics;
  error: RealtimeModelError;
  openai_server_event_received: RawServerEvent;
  openai_client_event_queued: ClientEvent;
  connection_opened: ConnectionOpenedEvent;
  connection_closed: ConnectionClosedEvent;
}

/** Names of {@link RealtimeSessionEvents}. */
export type RealtimeSessionEventName = keyof RealtimeSessionEvents;

/** Every event name, in the order of §5.19 then the rt-sim extras. */
export const REALTIME_SESSION_EVENTS: readonly RealtimeSessionEventName[] = [
  'input_speech_started',
  'input_speech_stopped',
  'input_audio_transcription_completed',
  'generation_created',
  'session_reconnected',
  'metrics_collected',
  'error',
  'openai_server_event_received',
  'openai_client_event_queued',
  'connection_opened',
  'connection_closed',
];
