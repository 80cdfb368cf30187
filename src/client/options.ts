import type { Clock, Random } from '../clock/index.js';
import type { SocketFactory, SocketLike } from '../link/index.js';
import {
  DEFAULT_TRANSCRIPTION,
  SAMPLE_RATE,
  XAI_DEFAULT_TURN_DETECTION,
  XAI_DEFAULT_VOICE,
  type InputAudioTranscription,
  type Modality,
  type NoiseReduction,
  type PcmRate,
  type ToolChoice,
  type TurnDetection,
} from '../protocol/index.js';
import type { Logger } from './logger.js';

/** Connection loop settings (R1.1 `conn_options`), in milliseconds. */
export interface ConnOptions {
  /** Retries after the first failed attempt; 0 makes the first failure fatal (R2.4). */
  maxRetry: number;
  /** Sleep before every retry but the first, which waits 100 ms (R2.3). */
  retryIntervalMs: number;
  /** Connect (handshake) timeout. */
  timeoutMs: number;
}

/** `tool_choice` as the user gives it: the wire forms, or the OpenAI SDK's nested function form. */
export type ToolChoiceOption = ToolChoice | { type: 'function'; function: { name: string } };

/** Noise reduction as the user gives it: a type name is wrapped as `{ type }` (§5.14). */
export type NoiseReductionOption = NoiseReduction | NoiseReduction['type'] | null;

/** `tracing` of `session.update`. */
export type TracingOption = 'auto' | Record<string, unknown> | null;

/**
 * A WHATWG-style WebSocket class (Node's global `WebSocket`, the `ws` package's class,
 * msw's interceptor). It is called as `new C(url, { protocols, headers })`, which `ws` and
 * Node's undici both read, headers included; a class that throws on that form is called as
 * `new C(url, protocols)`, without headers, as browsers take it.
 */
export type WebSocketCtor = new (
  url: string,
  protocolsOrInit?: string | string[] | { protocols?: string[]; headers?: Record<string, string> },
) => SocketLike;

/** Session options shared by the model and its sessions; `updateOptions` changes them (§5.14). */
export interface SessionOptions {
  voice: string | null;
  turnDetection: TurnDetection;
  inputAudioTranscription: InputAudioTranscription | null;
  inputAudioNoiseReduction: NoiseReduction | null;
  toolChoice: ToolChoiceOption | null;
  speed: number;
  tracing: TracingOption;
  maxResponseOutputTokens: number | 'inf';
  /** Rate of the `audio/pcm` the server is asked to send, and of the frames the client emits. */
  outputAudioRate: PcmRate;
}

/**
 * Server `error` codes after which a retry cannot help, so the session dies instead of
 * reconnecting: upstream's list (2026) plus `model_not_found`, which no reconnect fixes either.
 */
export const DEFAULT_FATAL_ERROR_CODES: readonly string[] = Object.freeze([
  'invalid_api_key',
  'insufficient_quota',
  'account_deactivated',
  'billing_hard_limit_reached',
  'model_not_found',
]);

/** How user transcripts are emitted (`userTranscripts` option). */
export type UserTranscriptsMode = 'turn' | 'reference';

/** Where the client departs from the reference for the live service; fixed per model. */
export interface ClientBehaviour {
  /** Server `error` codes that kill the session (empty: every error is recoverable, as the reference). */
  readonly fatalErrorCodes: ReadonlySet<string>;
  readonly userTranscripts: UserTranscriptsMode;
}

/** Options of {@link RealtimeModel} (R1.1–R1.3). Durations are milliseconds. */
export interface RealtimeModelOptions {
  /** Bearer token; defaults to the `XAI_API_KEY` environment variable. */
  apiKey?: string;
  /** Default `wss://api.x.ai/v1/realtime`; see `processBaseUrl` for how the URL is built. */
  baseURL?: string;
  /** Default `grok-4-1-fast-non-reasoning` (R1.2). The reference plugin does not let it change. */
  model?: string;
  /** Output modalities; default `['audio']` (R1.2). `['text']` makes a text-only model. */
  modalities?: Modality[];
  /** Default `'ara'`; `null` sends `"voice": null`. Any string is passed through. */
  voice?: string | null;
  /** Default: server VAD as in §1.6; `null` for manual turns. */
  turnDetection?: TurnDetection;
  /** Default `{ model: 'gpt-4o-mini-transcribe' }` (R1.3); `null` turns it off. */
  inputAudioTranscription?: InputAudioTranscription | null;
  /** Default `null`. */
  inputAudioNoiseReduction?: NoiseReductionOption;
  /** Default `null`, sent as `"auto"`. */
  toolChoice?: ToolChoiceOption | null;
  /** Default 1.0. */
  speed?: number;
  /** Default `null`. */
  tracing?: TracingOption;
  /** Default `'inf'`. */
  maxResponseOutputTokens?: number | 'inf';
  /**
   * Rate of the output audio, one of the `audio/pcm` rates xAI offers (8000, 16000, 22050,
   * 24000, 32000, 44100, 48000 Hz; reference §1.5). Default 24000, the only rate the
   * reference plugin asks for. Sent as `audio.output.format.rate`; output frames carry it.
   */
  outputAudioRate?: PcmRate;
  /** Recycle the socket after this long (§5.4); default `null`: never, as the xAI plugin. */
  maxSessionDuration?: number | null;
  /**
   * Treat a socket that delivers no frame (any frame, `ping` included) for this long as
   * dropped (rt-sim extra; default 30000; `null` turns it off).
   */
  idleTimeoutMs?: number | null;
  /**
   * How long a socket must stay up, with its `session.update` answered by `session.updated`,
   * before it counts as healthy and the retry counter resets (rt-sim extra; default
   * {@link DEFAULT_HEALTHY_CONNECTION_MS}). The reference resets on every reconnect, so a
   * server that greets and drops made it reconnect forever.
   */
  healthyConnectionMs?: number;
  /** Default `{ maxRetry: 3, retryIntervalMs: 2000, timeoutMs: 10000 }`. */
  connOptions?: Partial<ConnOptions>;
  /**
   * Server `error` codes that end the session with a non-retryable error instead of a
   * recoverable `error` event (rt-sim extra, as upstream 2026). Default
   * {@link DEFAULT_FATAL_ERROR_CODES}; `[]` gives the reference behaviour.
   */
  fatalErrorCodes?: string[];
  /**
   * `'turn'` (default, the live 2026 service): xAI's cumulative
   * `conversation.item.input_audio_transcription.updated` are interims (`isFinal: false`) and
   * each user item gets exactly one final transcript. `'reference'`: `.updated` is ignored
   * and every `.completed` is emitted.
   */
  userTranscripts?: UserTranscriptsMode;
  /** Default: a `RealClock`. */
  clock?: Clock;
  /** Source of event and item ids; default: a fixed seed, so runs repeat. */
  random?: Random;
  /** Opens sockets; wins over `WebSocket`. Default: the `ws` package (src/link). */
  socketFactory?: SocketFactory;
  /** A WHATWG-style WebSocket class to open sockets with, when no `socketFactory` is given. */
  WebSocket?: WebSocketCtor;
  /** Default: warnings and errors to the console. */
  logger?: Logger;
  /** Where `XAI_API_KEY` is looked up; default `process.env`. */
  env?: Readonly<Record<string, string | undefined>>;
}

/** Defaults of the connection loop (R1.1). */
export const DEFAULT_CONN_OPTIONS: Readonly<ConnOptions> = Object.freeze({
  maxRetry: 3,
  retryIntervalMs: 2000,
  timeoutMs: 10000,
});
/** Default half-open detection time. */
export const DEFAULT_IDLE_TIMEOUT_MS = 30000;
/** Default time a socket must stay up (and its `session.update` be answered) to reset the retry counter. */
export const DEFAULT_HEALTHY_CONNECTION_MS = 2000;

/** The session defaults of R1.1 and R1.3. */
export function defaultSessionOptions(): SessionOptions {
  return {
    voice: XAI_DEFAULT_VOICE,
    turnDetection: { ...XAI_DEFAULT_TURN_DETECTION },
    inputAudioTranscription: { ...DEFAULT_TRANSCRIPTION },
    inputAudioNoiseReduction: null,
    toolChoice: null,
    speed: 1.0,
    tracing: null,
    maxResponseOutputTokens: 'inf',
    outputAudioRate: SAMPLE_RATE,
  };
}

/** `{ type }` for a noise-reduction name (§5.14), the object otherwise. */
export function toNoiseReduction(value: NoiseReductionOption): NoiseReduction | null {
  return typeof value === 'string' ? { type: value } : value;
}
