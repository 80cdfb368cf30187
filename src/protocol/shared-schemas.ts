/**
 * Schemas of the structures shared by client and server events: items, content parts,
 * session config, responses and usage. The types of `items.ts`, `session.ts`, `response.ts`
 * and `usage.ts` are inferred from them.
 */
import type { z } from 'zod';
import {
  anything,
  array,
  boolean,
  byKind,
  count,
  nullValue,
  nullable,
  number,
  object,
  oneOf,
  record,
  string,
  tagged,
} from './wire-schema.js';

const audioPart = {
  /** Base64 PCM16; absent in server echoes. */
  audio: string.optional(),
  transcript: nullable(string).optional(),
};

/** A content part of a message item; unknown part types pass with just a `type`. */
export const contentPartSchema = tagged({
  input_text: { text: string },
  input_audio: audioPart,
  input_image: { image_url: string, detail: oneOf('auto', 'low', 'high').optional() },
  output_text: { text: string },
  output_audio: audioPart,
  text: { text: string },
  audio: audioPart,
});

const itemBase = {
  /** Always set by the plugin (`item_<12hex>`) and by the server; optional on the wire. */
  id: string.optional(),
  object: oneOf('realtime.item').optional(),
  status: oneOf('completed', 'incomplete', 'in_progress').optional(),
};

/** A conversation item; unknown item types (`force_message`, MCP…) pass with just a `type`. */
export const itemSchema = tagged({
  message: { ...itemBase, role: oneOf('user', 'assistant', 'system'), content: array(contentPartSchema) },
  function_call: { ...itemBase, call_id: string, name: string, arguments: string },
  function_call_output: { ...itemBase, call_id: string, output: string },
});

/** `audio.input.format` / `audio.output.format`: a closed set. */
export const audioFormatSchema = tagged(
  {
    'audio/pcm': { rate: number },
    'audio/pcmu': { rate: number.optional() },
    'audio/pcma': { rate: number.optional() },
  },
  { closed: true },
);

/** Server voice activity detection (reference §1.6). */
export const serverVadSchema = object({
  type: oneOf('server_vad'),
  threshold: number.optional(),
  prefix_padding_ms: number.optional(),
  silence_duration_ms: number.optional(),
  /** xAI 2026: re-engages the user after silence (`input_audio_buffer.timeout_triggered`). */
  idle_timeout_ms: nullable(number).optional(),
  /** OpenAI fields; sent by LiveKit, not documented by xAI. */
  create_response: boolean.optional(),
  interrupt_response: boolean.optional(),
});

/** `turn_detection`: `null` (manual turns) or server VAD. */
export const turnDetectionSchema = nullable(serverVadSchema);

const knownToolSchema = tagged({
  /** `parameters` is the JSON Schema of the arguments. */
  function: { name: string, description: string.optional(), parameters: record(anything).optional() },
  web_search: {},
  x_search: { allowed_x_handles: array(string).optional() },
  file_search: { vector_store_ids: array(string), max_num_results: number.optional() },
});

/** A tool kind the schema checks. */
export type KnownToolDefinition = z.infer<typeof knownToolSchema>;

/** Remote MCP tool; its further fields are provider-defined and kept as they come. */
export interface McpToolDefinition {
  type: 'mcp';
  server_label?: string;
  server_url?: string;
  [key: string]: unknown;
}

/**
 * One entry of `tools`; provider tools beyond the known ones pass with just a `type`. The type
 * adds MCP, which passes that way too: its fields are the provider's, so they are not checked.
 */
export const toolSchema = knownToolSchema as unknown as z.ZodType<KnownToolDefinition | McpToolDefinition>;

const functionChoice = object({ type: oneOf('function'), name: string });

/** `tool_choice`: a mode string or `{type:'function', name}`. */
export const toolChoiceSchema = byKind({ string: oneOf('auto', 'none', 'required'), object: functionChoice });

/** `tool_choice` as the server echoes it: live 2026 sessions answer `"not implemented"`. */
const echoedToolChoiceSchema = byKind({
  string: oneOf('auto', 'none', 'required', 'not implemented'),
  object: functionChoice,
});

/** Output modalities. */
export const modalitiesSchema = array(oneOf('audio', 'text'));
const transport = oneOf('json', 'binary').optional();

/** `audio.input.transcription`: OpenAI `{model, language, prompt}` or xAI 2026 `{model, language_hint, keyterms}`. */
export const transcriptionSchema = object({
  model: string.optional(),
  language: string.optional(),
  prompt: string.optional(),
  language_hint: string.optional(),
  keyterms: array(string).optional(),
});

/** `audio.input.noise_reduction`. */
export const noiseReductionSchema = object({ type: oneOf('near_field', 'far_field') });

/** `session.audio.input`. */
export const audioInputSchema = object({
  format: audioFormatSchema.optional(),
  noise_reduction: nullable(noiseReductionSchema).optional(),
  transcription: nullable(transcriptionSchema).optional(),
  turn_detection: turnDetectionSchema.optional(),
  transport,
});

/** `session.audio.output`. */
export const audioOutputSchema = object({
  format: audioFormatSchema.optional(),
  voice: nullable(string).optional(),
  speed: number.optional(),
  transport,
});

const sessionFields = {
  type: oneOf('realtime').optional(),
  id: string.optional(),
  object: string.optional(),
  model: string.optional(),
  instructions: nullable(string).optional(),
  output_modalities: modalitiesSchema.optional(),
  /** OpenAI beta name of `output_modalities`. */
  modalities: modalitiesSchema.optional(),
  /** xAI top-level placement (reference §1.7). */
  voice: nullable(string).optional(),
  /** xAI top-level placement (reference §1.7). */
  turn_detection: turnDetectionSchema.optional(),
  tools: array(toolSchema).optional(),
  tool_choice: toolChoiceSchema.optional(),
  audio: object({ input: audioInputSchema.optional(), output: audioOutputSchema.optional() }).optional(),
  max_output_tokens: byKind({ number, string: oneOf('inf'), null: nullValue }).optional(),
  tracing: byKind({ string: oneOf('auto'), object: record(anything), null: nullValue }).optional(),
  temperature: number.optional(),
  /** xAI 2026. */
  reasoning: object({ effort: oneOf('none', 'high').optional() }).optional(),
  /** xAI 2026. */
  resumption: object({ enabled: boolean.optional() }).optional(),
  /** xAI 2026 pronunciation map. */
  replace: record(string).optional(),
};

/** `session` of `session.update`: every field optional, typed when present. */
export const sessionSchema = object(sessionFields);

/**
 * `session` of `session.created` / `.updated`: as {@link sessionSchema}, plus what live 2026
 * sessions echo: `tool_choice: "not implemented"` and the beta `input_audio_format` /
 * `output_audio_format` strings (`"pcm16"`).
 */
export const sessionEchoSchema = object({
  ...sessionFields,
  tool_choice: echoedToolChoiceSchema.optional(),
  /** Beta-style format name, `"pcm16"` in live 2026 sessions. */
  input_audio_format: string.optional(),
  output_audio_format: string.optional(),
});

const tokenCounts = { text_tokens: number.optional(), audio_tokens: number.optional() };
/** xAI 2026 adds `grok_tokens` to both token details. */
const grokTokens = { grok_tokens: number.optional() };

/** `input_token_details.cached_tokens_details`. */
export const cachedTokensDetailsSchema = object({ ...tokenCounts, image_tokens: number.optional() });

/** `input_token_details`. */
export const inputTokenDetailsSchema = object({
  ...tokenCounts,
  ...grokTokens,
  image_tokens: number.optional(),
  cached_tokens: number.optional(),
  cached_tokens_details: cachedTokensDetailsSchema.optional(),
});

/** `output_token_details`. */
export const outputTokenDetailsSchema = object({ ...tokenCounts, ...grokTokens });

/**
 * `usage` of a response (all counts optional, §5.17; live 2026 `response.usage` is `{}`),
 * with xAI's 2026 extras: `grok_tokens`, `output_audio_seconds` (a float) and
 * `billable_audio_seconds` (an integer, cumulative over the session).
 */
export const usageSchema = object({
  total_tokens: number.optional(),
  input_tokens: number.optional(),
  output_tokens: number.optional(),
  input_token_details: inputTokenDetailsSchema.optional(),
  output_token_details: outputTokenDetailsSchema.optional(),
  output_audio_seconds: number.optional(),
  billable_audio_seconds: count.optional(),
});

/** `usage` of a completed input transcription; unknown usage kinds pass with just a `type`. */
export const transcriptionUsageSchema = tagged({
  tokens: {
    input_tokens: number.optional(),
    output_tokens: number.optional(),
    total_tokens: number.optional(),
    input_token_details: inputTokenDetailsSchema.optional(),
  },
  duration: { seconds: number },
});

/** String-valued metadata, or `null`. */
export const metadataSchema = nullable(record(string));

/** Lifecycle of a response. */
export const responseStatusSchema = oneOf('in_progress', 'completed', 'cancelled', 'failed', 'incomplete');

/** Why a response ended other than `completed`. */
export const responseStatusReasonSchema = oneOf(
  'turn_detected',
  'client_cancelled',
  'max_output_tokens',
  'content_filter',
);

/** `response.status_details` as an object. */
export const responseStatusDetailsSchema = object({
  type: oneOf('completed', 'cancelled', 'failed', 'incomplete'),
  reason: nullable(responseStatusReasonSchema).optional(),
  error: nullable(object({ type: string, code: nullable(string).optional() })).optional(),
});

/** The `response` object of `response.created` / `response.done`. */
export const responseSchema = object({
  id: string,
  object: oneOf('realtime.response').optional(),
  status: responseStatusSchema,
  // Live 2026 sessions send the string "unimplemented" where the protocol has an object.
  status_details: byKind({
    null: nullValue,
    string: oneOf('unimplemented'),
    object: responseStatusDetailsSchema,
  }).optional(),
  output: array(itemSchema).optional(),
  usage: nullable(usageSchema).optional(),
  metadata: metadataSchema.optional(),
  conversation_id: nullable(string).optional(),
  output_modalities: modalitiesSchema.optional(),
});

/** `response` of the client's `response.create`. */
export const responseCreateParamsSchema = object({
  instructions: nullable(string).optional(),
  metadata: metadataSchema.optional(),
  output_modalities: modalitiesSchema.optional(),
  tools: array(toolSchema).optional(),
  tool_choice: toolChoiceSchema.optional(),
  conversation: oneOf('auto', 'none').optional(),
  max_output_tokens: byKind({ number, string: oneOf('inf') }).optional(),
});

/** Index fields are non-negative integers. */
export const index = count;
