/**
 * Session configuration as sent in `session.update` and echoed in `session.created` /
 * `session.updated` (reference §1.5–§1.7, §2.1), inferred from the schemas in
 * `shared-schemas.ts`. Both placements are modelled: the OpenAI GA nesting the reference
 * plugin uses (`audio.input.turn_detection`, `audio.output.voice`) and xAI's documented top
 * level (`voice`, `turn_detection`, `tools`).
 */
import type { z } from 'zod';
import type {
  audioFormatSchema,
  audioInputSchema,
  audioOutputSchema,
  KnownToolDefinition,
  McpToolDefinition,
  modalitiesSchema,
  noiseReductionSchema,
  serverVadSchema,
  sessionEchoSchema,
  sessionSchema,
  toolChoiceSchema,
  transcriptionSchema,
} from './shared-schemas.js';

export type { McpToolDefinition } from './shared-schemas.js';

/** Output modality. xAI answers with audio plus transcript; text came later (reference §1.8). */
export type Modality = z.infer<typeof modalitiesSchema>[number];

/** `audio.input.format` / `audio.output.format`. */
export type AudioFormat = z.infer<typeof audioFormatSchema>;
/** 16-bit little-endian mono PCM at a chosen rate (see `SUPPORTED_PCM_RATES`). */
export type PcmAudioFormat = Extract<AudioFormat, { type: 'audio/pcm' }>;
/** G.711 µ-law / A-law, always 8000 Hz, so `rate` is optional. */
export type G711AudioFormat = Extract<AudioFormat, { type: 'audio/pcmu' | 'audio/pcma' }>;

/** Server voice activity detection (reference §1.6). xAI has no `semantic_vad`. */
export type ServerVadTurnDetection = z.infer<typeof serverVadSchema>;

/** Turn detection; `null` means manual turns (commit + `response.create`). */
export type TurnDetection = ServerVadTurnDetection | null;

/** `audio.input.transcription`: OpenAI `{model, language, prompt}` or xAI 2026 `{model, language_hint, keyterms}`. */
export type InputAudioTranscription = z.infer<typeof transcriptionSchema>;

/** `audio.input.noise_reduction`; the plugin sends `null`. */
export type NoiseReduction = z.infer<typeof noiseReductionSchema>;

/** `session.audio.input`. */
export type AudioInputConfig = z.infer<typeof audioInputSchema>;

/** `session.audio.output`. */
export type AudioOutputConfig = z.infer<typeof audioOutputSchema>;

/** xAI 2026 audio transport. */
export type AudioTransport = NonNullable<AudioInputConfig['transport']>;

/** A client function tool, flat as both OpenAI GA and xAI expect (reference §2.1c). */
export type FunctionToolDefinition = Extract<KnownToolDefinition, { type: 'function' }>;
/** xAI server-side web search. */
export type WebSearchToolDefinition = Extract<KnownToolDefinition, { type: 'web_search' }>;
/** xAI server-side X search. */
export type XSearchToolDefinition = Extract<KnownToolDefinition, { type: 'x_search' }>;
/** xAI server-side file search. */
export type FileSearchToolDefinition = Extract<KnownToolDefinition, { type: 'file_search' }>;

/** Tools the provider runs itself (reference §1.8, §9). */
export type ProviderToolDefinition =
  | WebSearchToolDefinition
  | XSearchToolDefinition
  | FileSearchToolDefinition
  | McpToolDefinition;

/** One entry of `session.tools`. */
export type ToolDefinition = FunctionToolDefinition | ProviderToolDefinition;

/** `session.tool_choice`; the plugin maps a function choice to `{type:'function', name}` (reference §2.1a). */
export type ToolChoice = z.infer<typeof toolChoiceSchema>;

/** `tool_choice` as a server echoes it: live 2026 sessions answer `"not implemented"` in `session.updated`. */
export type EchoedToolChoice = ToolChoice | 'not implemented';

/** `session` of `session.update`. Every field is optional. */
export type SessionConfig = z.infer<typeof sessionSchema>;

/**
 * `session` of `session.created` / `session.updated`: the config as the server echoes it,
 * with what live 2026 sessions add (`tool_choice: "not implemented"`, beta format strings).
 */
export type SessionEcho = z.infer<typeof sessionEchoSchema>;
