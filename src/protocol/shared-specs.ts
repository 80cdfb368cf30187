/**
 * Field checks for the structures shared by client and server events: items, content
 * parts, session config, responses and usage. They mirror `items.ts`, `session.ts`,
 * `response.ts` and `usage.ts`; keep them in step.
 */
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
  opt,
  record,
  req,
  string,
  tagged,
} from './fields.js';
import type { Check } from './fields.js';

const transcript = opt(nullable(string));

/** A content part of a message item; unknown part types pass with just a `type`. */
export const contentPartCheck: Check = tagged({
  input_text: object({ text: req(string) }),
  input_audio: object({ audio: opt(string), transcript }),
  input_image: object({ image_url: req(string), detail: opt(oneOf('auto', 'low', 'high')) }),
  output_text: object({ text: req(string) }),
  output_audio: object({ audio: opt(string), transcript }),
  text: object({ text: req(string) }),
  audio: object({ audio: opt(string), transcript }),
});

const itemBase = {
  id: opt(string),
  object: opt(oneOf('realtime.item')),
  status: opt(oneOf('completed', 'incomplete', 'in_progress')),
};

/** A conversation item; unknown item types (`force_message`, MCP…) pass with just a `type`. */
export const itemCheck: Check = tagged({
  message: object({
    ...itemBase,
    role: req(oneOf('user', 'assistant', 'system')),
    content: req(array(contentPartCheck)),
  }),
  function_call: object({ ...itemBase, call_id: req(string), name: req(string), arguments: req(string) }),
  function_call_output: object({ ...itemBase, call_id: req(string), output: req(string) }),
});

const audioFormat = opt(
  tagged(
    {
      'audio/pcm': object({ rate: req(number) }),
      'audio/pcmu': object({ rate: opt(number) }),
      'audio/pcma': object({ rate: opt(number) }),
    },
    { closed: true },
  ),
);

/** `turn_detection`: `null` (manual turns) or server VAD. */
export const turnDetectionCheck: Check = nullable(
  object({
    type: req(oneOf('server_vad')),
    threshold: opt(number),
    prefix_padding_ms: opt(number),
    silence_duration_ms: opt(number),
    idle_timeout_ms: opt(nullable(number)),
    create_response: opt(boolean),
    interrupt_response: opt(boolean),
  }),
);

/** One entry of `tools`; provider tools beyond these pass with just a `type`. */
export const toolCheck: Check = tagged({
  function: object({ name: req(string), description: opt(string), parameters: opt(record(anything)) }),
  web_search: object({}),
  x_search: object({ allowed_x_handles: opt(array(string)) }),
  file_search: object({ vector_store_ids: req(array(string)), max_num_results: opt(number) }),
});

/** `tool_choice`: a mode string or `{type:'function', name}`. */
export const toolChoiceCheck: Check = byKind({
  string: oneOf('auto', 'none', 'required'),
  object: object({ type: req(oneOf('function')), name: req(string) }),
});

/** `tool_choice` as the server echoes it: live 2026 sessions answer `"not implemented"`. */
const echoedToolChoiceCheck: Check = byKind({
  string: oneOf('auto', 'none', 'required', 'not implemented'),
  object: object({ type: req(oneOf('function')), name: req(string) }),
});

const modalities = opt(array(oneOf('audio', 'text')));
const transport = opt(oneOf('json', 'binary'));

const sessionFields = {
  type: opt(oneOf('realtime')),
  id: opt(string),
  object: opt(string),
  model: opt(string),
  instructions: opt(nullable(string)),
  output_modalities: modalities,
  modalities,
  voice: opt(nullable(string)),
  turn_detection: opt(turnDetectionCheck),
  tools: opt(array(toolCheck)),
  tool_choice: opt(toolChoiceCheck),
  audio: opt(
    object({
      input: opt(
        object({
          format: audioFormat,
          noise_reduction: opt(nullable(object({ type: req(oneOf('near_field', 'far_field')) }))),
          transcription: opt(
            nullable(
              object({
                model: opt(string),
                language: opt(string),
                prompt: opt(string),
                language_hint: opt(string),
                keyterms: opt(array(string)),
              }),
            ),
          ),
          turn_detection: opt(turnDetectionCheck),
          transport,
        }),
      ),
      output: opt(object({ format: audioFormat, voice: opt(nullable(string)), speed: opt(number), transport })),
    }),
  ),
  max_output_tokens: opt(byKind({ number, string: oneOf('inf'), null: nullValue })),
  tracing: opt(byKind({ string: oneOf('auto'), object: record(anything), null: nullValue })),
  temperature: opt(number),
  reasoning: opt(object({ effort: opt(oneOf('none', 'high')) })),
  resumption: opt(object({ enabled: opt(boolean) })),
  replace: opt(record(string)),
};

/** `session` of `session.update`: every field optional, typed when present. */
export const sessionCheck: Check = object(sessionFields);

/**
 * `session` of `session.created` / `.updated`: as {@link sessionCheck}, plus what live 2026
 * sessions echo: `tool_choice: "not implemented"` and the beta `input_audio_format` /
 * `output_audio_format` strings (`"pcm16"`).
 */
export const sessionEchoCheck: Check = object({
  ...sessionFields,
  tool_choice: opt(echoedToolChoiceCheck),
  input_audio_format: opt(string),
  output_audio_format: opt(string),
});

const tokenCounts = { text_tokens: opt(number), audio_tokens: opt(number) };
/** xAI 2026 adds `grok_tokens` to both token details. */
const grokTokens = { grok_tokens: opt(number) };
const inputTokenDetails = object({
  ...tokenCounts,
  ...grokTokens,
  image_tokens: opt(number),
  cached_tokens: opt(number),
  cached_tokens_details: opt(object({ ...tokenCounts, image_tokens: opt(number) })),
});

/**
 * `usage` of a response (all counts optional, §5.17; live 2026 `response.usage` is `{}`),
 * with xAI's 2026 extras: `grok_tokens`, `output_audio_seconds` (a float) and
 * `billable_audio_seconds` (an integer, cumulative over the session).
 */
export const usageCheck: Check = object({
  total_tokens: opt(number),
  input_tokens: opt(number),
  output_tokens: opt(number),
  input_token_details: opt(inputTokenDetails),
  output_token_details: opt(object({ ...tokenCounts, ...grokTokens })),
  output_audio_seconds: opt(number),
  billable_audio_seconds: opt(count),
});

/** `usage` of a completed input transcription; unknown usage kinds pass with just a `type`. */
export const transcriptionUsageCheck: Check = tagged({
  tokens: object({
    input_tokens: opt(number),
    output_tokens: opt(number),
    total_tokens: opt(number),
    input_token_details: opt(inputTokenDetails),
  }),
  duration: object({ seconds: req(number) }),
});

/** String-valued metadata, or `null`. */
export const metadataCheck: Check = nullable(record(string));

/** The `response` object of `response.created` / `response.done`. */
export const responseCheck: Check = object({
  id: req(string),
  object: opt(oneOf('realtime.response')),
  status: req(oneOf('in_progress', 'completed', 'cancelled', 'failed', 'incomplete')),
  // Live 2026 sessions send the string "unimplemented" where the protocol has an object.
  status_details: opt(
    byKind({
      null: nullValue,
      string: oneOf('unimplemented'),
      object: object({
        type: req(oneOf('completed', 'cancelled', 'failed', 'incomplete')),
        reason: opt(nullable(oneOf('turn_detected', 'client_cancelled', 'max_output_tokens', 'content_filter'))),
        error: opt(nullable(object({ type: req(string), code: opt(nullable(string)) }))),
      }),
    }),
  ),
  output: opt(array(itemCheck)),
  usage: opt(nullable(usageCheck)),
  metadata: opt(metadataCheck),
  conversation_id: opt(nullable(string)),
  output_modalities: modalities,
});

/** `response` of the client's `response.create`. */
export const responseCreateParamsCheck: Check = object({
  instructions: opt(nullable(string)),
  metadata: opt(metadataCheck),
  output_modalities: modalities,
  tools: opt(array(toolCheck)),
  tool_choice: opt(toolChoiceCheck),
  conversation: opt(oneOf('auto', 'none')),
  max_output_tokens: opt(byKind({ number, string: oneOf('inf') })),
});

/** Index fields are non-negative integers. */
export const index = count;
