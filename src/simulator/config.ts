/**
 * The simulator's configuration: the `server:` and `script:` blocks of a scenario file.
 * Keys are camelCase, times are milliseconds of (virtual) clock time. docs/scenario-server.md
 * documents every key; `validateSimulatorConfig` checks a parsed YAML value against it.
 */
import type { ToolDefinition, Usage } from '../protocol/index.js';
import type { ProfileName } from './profile/index.js';
import type { TranscriptReplayConfig } from './replay/index.js';

/** Which way a wire fault acts: `downstream` is server → client, `upstream` client → server. */
export type Direction = 'downstream' | 'upstream';

/** Fields every wire fault (Toxiproxy "toxic") takes. */
export interface ToxicOptions {
  /** Default `downstream`. */
  direction?: Direction;
  /** Probability in [0, 1] that the fault is installed at all, rolled once per install (default 1). */
  toxicity?: number;
}

/** Delays every frame by `ms` ± a uniform `jitterMs`, keeping order. */
export interface LatencyToxic extends ToxicOptions {
  ms: number;
  jitterMs?: number;
}

/** Limits throughput to `kbps` kilobytes (1000 bytes) per second, Toxiproxy's `rate`. */
export interface BandwidthToxic extends ToxicOptions {
  kbps: number;
}

/** Cuts each frame into slices of `averageSize` ± `sizeVariation` bytes, `delayUs` apart. */
export interface SlicerToxic extends ToxicOptions {
  averageSize: number;
  sizeVariation?: number;
  delayUs?: number;
}

/** Black hole: frames are dropped; after `ms` (if not 0) the connection is dropped too. */
export interface TimeoutToxic extends ToxicOptions {
  ms: number;
}

/** Drops the connection abruptly (the client sees 1006) after `afterMs` (default 0). */
export interface ResetPeerToxic extends ToxicOptions {
  afterMs?: number;
}

/** Holds a close started by the simulator for `ms` before it goes out. */
export interface SlowCloseToxic extends ToxicOptions {
  ms: number;
}

/** Drops the connection once more than `bytes` bytes have passed in that direction. */
export interface LimitDataToxic extends ToxicOptions {
  bytes: number;
}

/** The names of {@link WireFault}. */
export const WIRE_FAULT_NAMES = [
  'latency',
  'bandwidth',
  'slicer',
  'timeout',
  'resetPeer',
  'slowClose',
  'limitData',
] as const;
/** One of {@link WIRE_FAULT_NAMES}. */
export type WireFaultName = (typeof WIRE_FAULT_NAMES)[number];

/** Where the audio of a reply comes from. */
export type AudioSpec =
  /** A WAV file (path relative to the scenario), resampled to 24 kHz mono. */
  | { wav: string }
  /** A sine tone; `level` is the peak amplitude in (0, 1] (default 0.3). */
  | { tone: { hz: number; ms: number; level?: number } }
  /** Digital silence. */
  | { silence: { ms: number } };

/** A function call the simulated model makes. */
export interface FunctionCallConfig {
  name: string;
  /** JSON arguments: an object (serialised) or the exact string. Default `{}`. */
  arguments?: string | Record<string, unknown>;
  /** Default: minted `call_…` id. */
  callId?: string;
}

/** A call of a tool the provider runs itself (xAI server-side tools), played from these scripted results. */
export type ServerToolCallConfig =
  | {
      type: 'web_search' | 'x_search' | 'file_search';
      /** The query the model searched for. Default "". */
      query?: string;
      /** The results (free-form mappings), as the call item carries them. Default none. */
      results?: Record<string, unknown>[];
    }
  | {
      type: 'mcp';
      /** The MCP server; default the label of the session's mcp tool. */
      serverLabel?: string;
      /** The MCP tool called. */
      name: string;
      /** JSON arguments: an object (serialised) or the exact string. Default `{}`. */
      arguments?: string | Record<string, unknown>;
      /** What the tool returned. Default "". */
      output?: string;
      /** The call fails with this message (`response.mcp_call.failed`). */
      error?: string;
    };

/** How a response fails (`response.done` with `status: failed`). */
export interface FailureSpec {
  /** `status_details.error.type`, default `server_error`. */
  type?: string;
  /** `status_details.error.code`, default `internal_error`. */
  code?: string;
}

/**
 * Where in a response a failure, cancellation or cut happens (at most one key). Counts run
 * over the whole response; see "Ending a response early" in docs/scenario-server.md.
 */
export interface CutPoint {
  /** After this many `response.output_audio.delta`. */
  afterAudioChunks?: number;
  /** After the audio delta that brings the audio sent to at least this many ms. */
  afterAudioMs?: number;
  /** After this many transcript (or text) deltas. */
  afterTranscriptDeltas?: number;
  /** After this many output items are done, before the next one is added. */
  afterItems?: number;
  /** After this many `response.function_call_arguments.delta`. */
  afterArgumentDeltas?: number;
}

/**
 * How much `response.done` says about a failure: `full` (the default) is `{ type: failed,
 * error: { type, code } }`, `none` is `status_details: null`, `no-error` is `{ type: failed }`
 * without `error` (the shapes a client reports as an "unknown" failure, §4.6).
 */
export type FailureDetails = 'full' | 'none' | 'no-error';

/** A failure, optionally in the middle of the response. */
export type MidFailureSpec = FailureSpec & CutPoint & { statusDetails?: FailureDetails };

/** A cancellation the server makes on its own (`status: cancelled`). */
export interface ServerCancelSpec extends CutPoint {
  /** `status_details.reason`, default `turn_detected`. */
  reason?: 'turn_detected' | 'client_cancelled';
}

/** A response that ends `incomplete` (`status_details.reason`). */
export interface IncompleteSpec extends CutPoint {
  reason: 'max_output_tokens' | 'content_filter';
}

/** How fast reply audio goes out: one chunk per `chunkMs` (`realtime`), all at once, or `factor`× real time. */
export type PacingSpec = 'realtime' | 'burst' | { factor: number };

/** What the simulated model answers with, for one response. */
export interface ReplyConfig {
  /** The assistant's words. Default `Hello! How can I help?`. */
  transcript?: string;
  /** Audio of the reply; `null` for a transcript-only reply. Default: a tone ~60 ms per character. */
  audio?: AudioSpec | null;
  /** Time from `response.created` to the first output (first audio delta). Default 0. */
  ttftMs?: number;
  /** Audio per `response.output_audio.delta`, sent every `chunkMs` of clock time. Default 100. */
  chunkMs?: number;
  /** Words per transcript delta. Default 1. */
  transcriptDeltaWords?: number;
  /** Adds xAI's `start_time` (seconds into the reply's audio) to transcript deltas. Default false. */
  startTime?: boolean;
  /** Usage figures of `response.done`; `null` omits them. Default: computed (see the docs). */
  usage?: Usage | null;
  /** The reply is (or also contains) one or more function calls. */
  functionCall?: FunctionCallConfig | FunctionCallConfig[];
  /** The response fails: `response.done` with `status: failed`; with a cut point, in the middle. */
  fail?: MidFailureSpec;
  /** The server cancels the response (`status: cancelled`), at the cut point or before any output. */
  cancel?: ServerCancelSpec;
  /** The response ends `incomplete`, at the cut point or after its whole output. */
  incomplete?: IncompleteSpec;
  /** Audio pacing. Default `realtime`. */
  pacing?: PacingSpec;
  /** Characters per `response.function_call_arguments.delta`. Default 32. */
  argumentsDeltaChars?: number;
  /** Server-side tool calls made before the spoken answer (the session must declare the tool). */
  serverTool?: ServerToolCallConfig | ServerToolCallConfig[];
}

/** Behaviours of the real xAI service that a client must survive, off unless said otherwise. */
export interface XaiQuirks {
  /** `conversation.item.added` / `input_audio_buffer.committed` always carry `previous_item_id: null`. */
  nullPreviousItemId?: boolean;
  /** `conversation.item.deleted` carries `item_id: ""`. */
  emptyDeletedItemId?: boolean;
  /** User audio items arrive in `conversation.item.added` with their transcript already filled. */
  transcriptInUserItem?: boolean;
  /** `response.done` also carries `usage` at the top level of the event. Default true. */
  topLevelUsage?: boolean;
  /** Names of text-modality deltas: xAI's `response.text.*` (default) or GA `response.output_text.*`. */
  textEvents?: 'xai' | 'openai';
}

/** The energy voice-activity detector. */
export interface VadConfig {
  /** dBFS mapped to speech probability 0 (0 dBFS maps to 1). Default -60. */
  floorDb?: number;
}

/** Latency of the server's network, applied to every connection. */
export interface ServerLatency {
  ms: number;
  jitterMs?: number;
  /** Default `downstream`. `both` delays each way by the same amount. */
  direction?: Direction | 'both';
}

/** The `server:` block of a scenario. */
export interface ServerConfig {
  /**
   * Which era of the xAI service to imitate: `xai-2026` (default: the shapes live 2026
   * sessions send) or `xai-2025-12` (the documented shapes rt-sim sent before issue 9).
   */
  profile?: ProfileName;
  /** Expected Bearer API key; `null` accepts any (and none). Overridden by `createSimulator({ apiKey })`. */
  apiKey?: string | null;
  /** Ephemeral tokens accepted in the `xai-client-secret.<token>` subprotocol. Default: any non-empty token. */
  clientSecrets?: string[];
  /**
   * Model of a connection without `?model=`. Default: the profile's (`grok-voice-think-fast-2.0`;
   * `grok-voice-fast-1.0` under `xai-2025-12`).
   */
  model?: string;
  /** Models `?model=` may name; others are refused with HTTP 400. Default: any. */
  models?: string[];
  /** Voices accepted besides xAI's five (custom voice ids). Compared case-insensitively. */
  voices?: string[];
  /** Session lifetime limit; the session is closed when it is reached. `null`: none. Default 3 600 000 (60 min). */
  lifetimeMs?: number | null;
  /**
   * Send `session.created` on connect. Default: the profile's (`xai-2026` sends it first;
   * `xai-2025-12` not at all, `true` adds it after `conversation.created`).
   */
  sessionCreated?: boolean;
  /** Network latency of every connection. */
  latency?: ServerLatency;
  /** Answer every `conversation.item.truncate` with an `error` and leave the item as it was. Default false. */
  refuseTruncate?: boolean;
  xaiQuirks?: XaiQuirks;
  vad?: VadConfig;
  /** The reply of every response (unless `replies` is given). */
  reply?: ReplyConfig;
  /** One reply per response, in order across the whole run, cycled; each is merged over `reply`. */
  replies?: ReplyConfig[];
  /** Tool round trip: a response answers with this call unless the conversation ends in a `function_call_output`. */
  functionCall?: FunctionCallConfig;
  /** The transcript of each user audio turn, in order across the run, cycled. Default `Hello.`. */
  userTranscript?: string | string[];
  /** Delay between a user audio item and its transcription events. Default 0. */
  transcriptionDelayMs?: number;
  /** Session resumption: how long a conversation is kept after its connection ends. Default 1 800 000 (30 min). */
  resumption?: { ttlMs?: number };
  /**
   * Tools every session starts with, as an xAI agent configured outside the connection has; a
   * `session.update` with `tools` replaces them. Default none.
   */
  tools?: ToolDefinition[];
  /** Tools each MCP server lists (`mcp_list_tools`), keyed by `server_label`. Default: none. */
  mcpTools?: Record<string, { name: string; description?: string; inputSchema?: Record<string, unknown> }[]>;
  /** Keep-alive `ping` events every `everyMs`. Default: none. */
  ping?: { everyMs: number };
  /**
   * Replay a recorded session: the simulator plays the server side of this transcript instead
   * of its own session logic (script rules still apply on top). See "Replay" in the docs.
   */
  transcript?: TranscriptReplayConfig;
}

/** Defaults applied to a {@link ServerConfig}. */
export const SERVER_DEFAULTS = {
  /** Model of the `xai-2025-12` profile; each profile has its own (`src/simulator/profile`). */
  model: 'grok-voice-fast-1.0',
  lifetimeMs: 3_600_000,
  resumptionTtlMs: 1_800_000,
  userTranscript: 'Hello.',
  transcript: 'Hello! How can I help?',
  ttftMs: 0,
  chunkMs: 100,
  transcriptDeltaWords: 1,
  argumentsDeltaChars: 32,
  toneHz: 440,
  toneLevel: 0.3,
  /** Default reply audio: this many ms per transcript character, at least `minToneMs`. */
  msPerCharacter: 60,
  minToneMs: 300,
  vadFloorDb: -60,
  /** xAI's documented server VAD defaults; `silence_duration_ms` is not documented, OpenAI's 500 is used. */
  threshold: 0.85,
  prefixPaddingMs: 333,
  silenceDurationMs: 500,
  voice: 'ara',
} as const;
