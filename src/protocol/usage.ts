/**
 * Token usage of a response (reference §3 notes, §5.17). xAI sometimes sends empty objects
 * and missing keys count as 0, so every field is optional.
 */

/** `input_token_details.cached_tokens_details`. */
export interface CachedTokensDetails {
  text_tokens?: number;
  audio_tokens?: number;
  image_tokens?: number;
}

/** `input_token_details`. */
export interface InputTokenDetails {
  text_tokens?: number;
  audio_tokens?: number;
  image_tokens?: number;
  cached_tokens?: number;
  cached_tokens_details?: CachedTokensDetails;
  /** xAI 2026. */
  grok_tokens?: number;
}

/** `output_token_details`. */
export interface OutputTokenDetails {
  text_tokens?: number;
  audio_tokens?: number;
  /** xAI 2026. */
  grok_tokens?: number;
}

/** `response.usage` and xAI's top-level `usage` on `response.done`. */
export interface Usage {
  total_tokens?: number;
  input_tokens?: number;
  output_tokens?: number;
  input_token_details?: InputTokenDetails;
  output_token_details?: OutputTokenDetails;
  /** xAI 2026 (top-level `usage`): seconds of audio in this response's output, a float. */
  output_audio_seconds?: number;
  /** xAI 2026 (top-level `usage`): billed audio seconds, an integer, cumulative over the session. */
  billable_audio_seconds?: number;
}

/** `usage` of `conversation.item.input_audio_transcription.completed`: tokens or seconds. */
export type TranscriptionUsage =
  | {
      type: 'tokens';
      input_tokens?: number;
      output_tokens?: number;
      total_tokens?: number;
      input_token_details?: InputTokenDetails;
    }
  | { type: 'duration'; seconds: number };
