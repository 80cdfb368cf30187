import type { ResponseStatus, Usage } from '../protocol/index.js';

/** Cached input tokens by kind. */
export interface CachedTokenDetails {
  textTokens: number;
  audioTokens: number;
  imageTokens: number;
}

/** Input tokens by kind. */
export interface InputTokenDetails {
  audioTokens: number;
  textTokens: number;
  imageTokens: number;
  cachedTokens: number;
  cachedTokensDetails: CachedTokenDetails;
}

/** Output tokens by kind; `imageTokens` is always 0 (not in the schema). */
export interface OutputTokenDetails {
  textTokens: number;
  audioTokens: number;
  imageTokens: number;
}

/**
 * Payload of `metrics_collected`, one per `response.done` (§5.17). Times are seconds on
 * the session's clock, so under a virtual clock they are exact.
 */
export interface RealtimeModelMetrics {
  type: 'realtime_model_metrics';
  label: string;
  /** `response.id`, or `""`. */
  requestId: string;
  /** When `response.created` was handled, in seconds. */
  timestamp: number;
  /** From `response.created` to `response.done`, in seconds. */
  duration: number;
  /** From `response.created` to the first audio delta (or text delta of a text-only item), in seconds; -1 if none. */
  ttft: number;
  cancelled: boolean;
  inputTokens: number;
  outputTokens: number;
  totalTokens: number;
  /** `outputTokens / duration`; 0 when the duration is 0. */
  tokensPerSecond: number;
  inputTokenDetails: InputTokenDetails;
  outputTokenDetails: OutputTokenDetails;
  metadata: { modelName: string; modelProvider: string };
}

/** What {@link buildMetrics} needs to know about one response. */
export interface MetricsInput {
  label: string;
  modelName: string;
  modelProvider: string;
  responseId: string | undefined;
  status: ResponseStatus | undefined;
  /** `response.usage`; xAI's top-level `usage` is ignored, as in the reference. */
  usage: Usage | null | undefined;
  createdMs: number;
  firstTokenMs: number | undefined;
  doneMs: number;
}

/** The metrics record of one response (§5.17); missing usage fields count as 0. */
export function buildMetrics(input: MetricsInput): RealtimeModelMetrics {
  const usage = input.usage ?? {};
  const inDetails = usage.input_token_details ?? {};
  const cached = inDetails.cached_tokens_details ?? {};
  const outDetails = usage.output_token_details ?? {};
  // Differences of millisecond clock readings, divided once, keep virtual figures exact.
  const duration = (input.doneMs - input.createdMs) / 1000;
  const ttft = input.firstTokenMs === undefined ? -1 : (input.firstTokenMs - input.createdMs) / 1000;
  const outputTokens = usage.output_tokens ?? 0;
  return {
    type: 'realtime_model_metrics',
    label: input.label,
    requestId: input.responseId ?? '',
    timestamp: input.createdMs / 1000,
    duration,
    ttft,
    cancelled: input.status === 'cancelled',
    inputTokens: usage.input_tokens ?? 0,
    outputTokens,
    totalTokens: usage.total_tokens ?? 0,
    tokensPerSecond: duration > 0 ? outputTokens / duration : 0,
    inputTokenDetails: {
      audioTokens: inDetails.audio_tokens ?? 0,
      textTokens: inDetails.text_tokens ?? 0,
      imageTokens: inDetails.image_tokens ?? 0,
      cachedTokens: inDetails.cached_tokens ?? 0,
      cachedTokensDetails: {
        textTokens: cached.text_tokens ?? 0,
        audioTokens: cached.audio_tokens ?? 0,
        imageTokens: cached.image_tokens ?? 0,
      },
    },
    outputTokenDetails: {
      textTokens: outDetails.text_tokens ?? 0,
      audioTokens: outDetails.audio_tokens ?? 0,
      imageTokens: 0,
    },
    metadata: { modelName: input.modelName, modelProvider: input.modelProvider },
  };
}
