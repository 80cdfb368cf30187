import { readUsage, type UsageFigures } from './read-usage.js';

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
  /** xAI: input tokens of the Grok model behind the voice (`grok_tokens`); 0 when not reported. */
  grokTokens: number;
}

/** Output tokens by kind; `imageTokens` is always 0 (not in the schema). */
export interface OutputTokenDetails {
  textTokens: number;
  audioTokens: number;
  imageTokens: number;
  /** xAI: output tokens of the Grok model behind the voice (`grok_tokens`); 0 when not reported. */
  grokTokens: number;
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
  /** xAI: seconds of audio the response spoke (`usage.output_audio_seconds`, a float); 0 when not reported. */
  outputAudioSeconds: number;
  /**
   * xAI: billed audio seconds (`usage.billable_audio_seconds`), which the service reports
   * cumulative over the session, not per response; 0 when not reported.
   */
  billableAudioSeconds: number;
  metadata: { modelName: string; modelProvider: string };
}

/** What {@link buildMetrics} needs to know about one response. */
export interface MetricsInput {
  label: string;
  modelName: string;
  modelProvider: string;
  responseId: string | undefined;
  /** `response.status`; any string, unknown ones included. */
  status: string | undefined;
  /** `response.usage` as sent (any shape: what is not a number counts as not reported). */
  usage: unknown;
  /**
   * xAI's top-level `usage` of `response.done`, as sent. Each figure missing from `usage`
   * is taken from here (live sessions send `response.usage: {}`, captured 2026-08-04; the
   * reference reads only `response.usage`).
   */
  topLevelUsage?: unknown;
  createdMs: number;
  firstTokenMs: number | undefined;
  doneMs: number;
}

/** The metrics record of one response (§5.17); missing usage fields count as 0. */
export function buildMetrics(input: MetricsInput): RealtimeModelMetrics {
  const usage: UsageFigures = readUsage(input.usage, input.topLevelUsage);
  const inDetails = usage.input;
  const cached = inDetails.cached;
  const outDetails = usage.output;
  // Differences of millisecond clock readings, divided once, keep virtual figures exact.
  const duration = (input.doneMs - input.createdMs) / 1000;
  const ttft = input.firstTokenMs === undefined ? -1 : (input.firstTokenMs - input.createdMs) / 1000;
  const outputTokens = usage.outputTokens ?? 0;
  return {
    type: 'realtime_model_metrics',
    label: input.label,
    requestId: input.responseId ?? '',
    timestamp: input.createdMs / 1000,
    duration,
    ttft,
    cancelled: input.status === 'cancelled',
    inputTokens: usage.inputTokens ?? 0,
    outputTokens,
    totalTokens: usage.totalTokens ?? 0,
    tokensPerSecond: duration > 0 ? outputTokens / duration : 0,
    inputTokenDetails: {
      audioTokens: inDetails.audioTokens ?? 0,
      textTokens: inDetails.textTokens ?? 0,
      imageTokens: inDetails.imageTokens ?? 0,
      cachedTokens: inDetails.cachedTokens ?? 0,
      cachedTokensDetails: {
        textTokens: cached.textTokens ?? 0,
        audioTokens: cached.audioTokens ?? 0,
        imageTokens: cached.imageTokens ?? 0,
      },
      grokTokens: inDetails.grokTokens ?? 0,
    },
    outputTokenDetails: {
      textTokens: outDetails.textTokens ?? 0,
      audioTokens: outDetails.audioTokens ?? 0,
      imageTokens: 0,
      grokTokens: outDetails.grokTokens ?? 0,
    },
    outputAudioSeconds: usage.outputAudioSeconds ?? 0,
    billableAudioSeconds: usage.billableAudioSeconds ?? 0,
    metadata: { modelName: input.modelName, modelProvider: input.modelProvider },
  };
}
