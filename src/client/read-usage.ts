/**
 * Usage of a response as the client reads it from `response.done`: the OpenAI place
 * (`response.usage`) and xAI's top-level `usage`, merged field by field. Live xAI sessions
 * (captured 2026-08-04) send `response.usage: {}` and the figures at the top level, with
 * `grok_tokens`, `output_audio_seconds` and `billable_audio_seconds` besides the OpenAI
 * fields.
 */
import { isJson, type Json } from './read-fields.js';

/** Token counts by kind; absent when the service did not report them. */
export interface TokenFigures {
  textTokens?: number;
  audioTokens?: number;
  imageTokens?: number;
  /** xAI: tokens of the Grok model behind the voice. */
  grokTokens?: number;
}

/** Usage figures of one response; a field is absent when neither place had a number for it. */
export interface UsageFigures {
  totalTokens?: number;
  inputTokens?: number;
  outputTokens?: number;
  input: TokenFigures & { cachedTokens?: number; cached: TokenFigures };
  output: TokenFigures;
  /** xAI: seconds of audio the response spoke (a float). */
  outputAudioSeconds?: number;
  /** xAI: billed audio seconds, cumulative over the session (an integer). */
  billableAudioSeconds?: number;
}

/**
 * Reads usage from `response.usage` (`nested`) and the event's top-level `usage`: for each
 * figure the nested number wins, the top-level one fills the gap. Anything that is not a
 * finite number (a string, `{}`, `null`) counts as not reported.
 */
export function readUsage(nested: unknown, topLevel: unknown): UsageFigures {
  const sources = [nested, topLevel].filter(isJson);
  const pick = (...path: string[]): number | undefined => {
    for (const source of sources) {
      let value: unknown = source;
      for (const key of path) value = isJson(value) ? (value as Json)[key] : undefined;
      if (typeof value === 'number' && Number.isFinite(value)) return value;
    }
    return undefined;
  };
  const tokens = (details: string): TokenFigures =>
    withoutUndefined({
      textTokens: pick(details, 'text_tokens'),
      audioTokens: pick(details, 'audio_tokens'),
      imageTokens: pick(details, 'image_tokens'),
      grokTokens: pick(details, 'grok_tokens'),
    });
  return withoutUndefined({
    totalTokens: pick('total_tokens'),
    inputTokens: pick('input_tokens'),
    outputTokens: pick('output_tokens'),
    input: {
      ...tokens('input_token_details'),
      ...withoutUndefined({ cachedTokens: pick('input_token_details', 'cached_tokens') }),
      cached: withoutUndefined({
        textTokens: pick('input_token_details', 'cached_tokens_details', 'text_tokens'),
        audioTokens: pick('input_token_details', 'cached_tokens_details', 'audio_tokens'),
        imageTokens: pick('input_token_details', 'cached_tokens_details', 'image_tokens'),
      }),
    },
    output: tokens('output_token_details'),
    outputAudioSeconds: pick('output_audio_seconds'),
    billableAudioSeconds: pick('billable_audio_seconds'),
  });
}

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
