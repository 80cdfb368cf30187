/**
 * Session configuration as sent in `session.update` and echoed in `session.created` /
 * `session.updated` (reference §1.5–§1.7, §2.1). Both placements are modelled: the OpenAI GA
 * nesting the reference plugin uses (`audio.input.turn_detection`, `audio.output.voice`) and
 * xAI's documented top level (`voice`, `turn_detection`, `tools`).
 */

/** Output modality. xAI answers with audio plus transcript; text came later (reference §1.8). */
export type Modality = 'audio' | 'text';

/** 16-bit little-endian mono PCM at a chosen rate (see `SUPPORTED_PCM_RATES`). */
export interface PcmAudioFormat {
  type: 'audio/pcm';
  rate: number;
}

/** G.711 µ-law / A-law, always 8000 Hz, so `rate` is optional. */
export interface G711AudioFormat {
  type: 'audio/pcmu' | 'audio/pcma';
  rate?: number;
}

/** `audio.input.format` / `audio.output.format`. */
export type AudioFormat = PcmAudioFormat | G711AudioFormat;

/** Server voice activity detection (reference §1.6). xAI has no `semantic_vad`. */
export interface ServerVadTurnDetection {
  type: 'server_vad';
  threshold?: number;
  prefix_padding_ms?: number;
  silence_duration_ms?: number;
  /** xAI 2026: re-engages the user after silence (`input_audio_buffer.timeout_triggered`). */
  idle_timeout_ms?: number | null;
  /** OpenAI fields; sent by LiveKit, not documented by xAI. */
  create_response?: boolean;
  interrupt_response?: boolean;
}

/** Turn detection; `null` means manual turns (commit + `response.create`). */
export type TurnDetection = ServerVadTurnDetection | null;

/** `audio.input.transcription`: OpenAI `{model, language, prompt}` or xAI 2026 `{model, language_hint, keyterms}`. */
export interface InputAudioTranscription {
  model?: string;
  language?: string;
  prompt?: string;
  language_hint?: string;
  keyterms?: string[];
}

/** `audio.input.noise_reduction`; the plugin sends `null`. */
export interface NoiseReduction {
  type: 'near_field' | 'far_field';
}

/** xAI 2026 audio transport. */
export type AudioTransport = 'json' | 'binary';

/** `session.audio.input`. */
export interface AudioInputConfig {
  format?: AudioFormat;
  noise_reduction?: NoiseReduction | null;
  transcription?: InputAudioTranscription | null;
  turn_detection?: TurnDetection;
  transport?: AudioTransport;
}

/** `session.audio.output`. */
export interface AudioOutputConfig {
  format?: AudioFormat;
  voice?: string | null;
  speed?: number;
  transport?: AudioTransport;
}

/** A client function tool, flat as both OpenAI GA and xAI expect (reference §2.1c). */
export interface FunctionToolDefinition {
  type: 'function';
  name: string;
  description?: string;
  /** JSON Schema of the arguments. */
  parameters?: Record<string, unknown>;
}

/** xAI server-side web search. */
export interface WebSearchToolDefinition {
  type: 'web_search';
}

/** xAI server-side X search. */
export interface XSearchToolDefinition {
  type: 'x_search';
  allowed_x_handles?: string[];
}

/** xAI server-side file search. */
export interface FileSearchToolDefinition {
  type: 'file_search';
  vector_store_ids: string[];
  max_num_results?: number;
}

/** Remote MCP tool; its further fields are provider-defined and kept as they come. */
export interface McpToolDefinition {
  type: 'mcp';
  server_label?: string;
  server_url?: string;
  [key: string]: unknown;
}

/** Tools the provider runs itself (reference §1.8, §9). */
export type ProviderToolDefinition =
  | WebSearchToolDefinition
  | XSearchToolDefinition
  | FileSearchToolDefinition
  | McpToolDefinition;

/** One entry of `session.tools`. */
export type ToolDefinition = FunctionToolDefinition | ProviderToolDefinition;

/** `session.tool_choice`; the plugin maps a function choice to `{type:'function', name}` (reference §2.1a). */
export type ToolChoice = 'auto' | 'none' | 'required' | { type: 'function'; name: string };

/** `tool_choice` as a server echoes it: live 2026 sessions answer `"not implemented"` in `session.updated`. */
export type EchoedToolChoice = ToolChoice | 'not implemented';

/** `session` of `session.update` / `session.created` / `session.updated`. Every field is optional. */
export interface SessionConfig {
  type?: 'realtime';
  /** Set by the server in `session.created` / `session.updated`. */
  id?: string;
  object?: string;
  model?: string;
  instructions?: string | null;
  output_modalities?: Modality[];
  /** OpenAI beta name of `output_modalities`. */
  modalities?: Modality[];
  /** xAI top-level placement (reference §1.7). */
  voice?: string | null;
  /** xAI top-level placement (reference §1.7). */
  turn_detection?: TurnDetection;
  tools?: ToolDefinition[];
  tool_choice?: ToolChoice;
  audio?: { input?: AudioInputConfig; output?: AudioOutputConfig };
  max_output_tokens?: number | 'inf' | null;
  tracing?: 'auto' | Record<string, unknown> | null;
  temperature?: number;
  /** xAI 2026. */
  reasoning?: { effort?: 'none' | 'high' };
  /** xAI 2026. */
  resumption?: { enabled?: boolean };
  /** xAI 2026 pronunciation map. */
  replace?: Record<string, string>;
}

/**
 * `session` of `session.created` / `session.updated`: the config as the server echoes it,
 * with what live 2026 sessions add (`tool_choice: "not implemented"`, beta format strings).
 */
export interface SessionEcho extends Omit<SessionConfig, 'tool_choice'> {
  tool_choice?: EchoedToolChoice;
  /** Beta-style format name, `"pcm16"` in live 2026 sessions. */
  input_audio_format?: string;
  output_audio_format?: string;
}
