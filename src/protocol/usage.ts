/**
 * Token usage of a response (reference §3 notes, §5.17), inferred from the schemas in
 * `shared-schemas.ts`. xAI sometimes sends empty objects and missing keys count as 0, so every
 * field is optional.
 */
import type { z } from 'zod';
import type {
  cachedTokensDetailsSchema,
  inputTokenDetailsSchema,
  outputTokenDetailsSchema,
  transcriptionUsageSchema,
  usageSchema,
} from './shared-schemas.js';

/** `input_token_details.cached_tokens_details`. */
export type CachedTokensDetails = z.infer<typeof cachedTokensDetailsSchema>;

/** `input_token_details`; xAI 2026 adds `grok_tokens`. */
export type InputTokenDetails = z.infer<typeof inputTokenDetailsSchema>;

/** `output_token_details`; xAI 2026 adds `grok_tokens`. */
export type OutputTokenDetails = z.infer<typeof outputTokenDetailsSchema>;

/**
 * `response.usage` and xAI's top-level `usage` on `response.done`, with xAI 2026's
 * `output_audio_seconds` (a float) and `billable_audio_seconds` (an integer, cumulative over the session).
 */
export type Usage = z.infer<typeof usageSchema>;

/** `usage` of `conversation.item.input_audio_transcription.completed`: tokens or seconds. */
export type TranscriptionUsage = z.infer<typeof transcriptionUsageSchema>;
