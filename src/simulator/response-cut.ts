/**
 * Ending a response early: a failure, a server-side cancellation or an `incomplete` cut,
 * either before any output (the point is absent) or at a point in the middle of the output.
 * The player counts what it sent; {@link cutDue} says when the point is reached.
 */
import type { ResponseStatusDetails } from '../protocol/index.js';
import type { CutPoint, ReplyConfig } from './config.js';

/** The keys of a {@link CutPoint}. */
export const CUT_POINT_KEYS = [
  'afterAudioChunks',
  'afterAudioMs',
  'afterTranscriptDeltas',
  'afterItems',
  'afterArgumentDeltas',
] as const;

/** How a response ends early. */
export interface ResponseCut {
  status: 'failed' | 'cancelled' | 'incomplete';
  /** `null` only for a failure whose `statusDetails` is `none`. */
  details: ResponseStatusDetails | null;
  /** `undefined`: a failure or cancellation before the first output, or an `incomplete` after the last. */
  at: CutPoint | undefined;
}

/** What a response has sent so far. */
export interface OutputCounters {
  audioChunks: number;
  audioMs: number;
  transcriptDeltas: number;
  itemsDone: number;
  argumentDeltas: number;
}

/** Fresh counters. */
export function noOutput(): OutputCounters {
  return { audioChunks: 0, audioMs: 0, transcriptDeltas: 0, itemsDone: 0, argumentDeltas: 0 };
}

function pointOf(spec: CutPoint): CutPoint | undefined {
  const at: CutPoint = {};
  for (const key of CUT_POINT_KEYS) if (spec[key] !== undefined) at[key] = spec[key];
  return Object.keys(at).length === 0 ? undefined : at;
}

/**
 * The early end a reply asks for. `fail` wins over `cancel`, which wins over `incomplete`
 * (a reply merged over `server.reply` may carry more than one).
 */
export function resolveCut(reply: ReplyConfig): ResponseCut | undefined {
  if (reply.fail) {
    const error = { type: reply.fail.type ?? 'server_error', code: reply.fail.code ?? 'internal_error' };
    const shape = reply.fail.statusDetails ?? 'full';
    const details =
      shape === 'none' ? null : shape === 'no-error' ? { type: 'failed' as const } : { type: 'failed' as const, error };
    return { status: 'failed', details, at: pointOf(reply.fail) };
  }
  if (reply.cancel)
    return {
      status: 'cancelled',
      details: { type: 'cancelled', reason: reply.cancel.reason ?? 'turn_detected' },
      at: pointOf(reply.cancel),
    };
  if (reply.incomplete)
    return {
      status: 'incomplete',
      details: { type: 'incomplete', reason: reply.incomplete.reason },
      at: pointOf(reply.incomplete),
    };
  return undefined;
}

/** True once the output has reached the point (every key given must be reached). */
export function cutDue(at: CutPoint, sent: OutputCounters): boolean {
  if (at.afterAudioChunks !== undefined && sent.audioChunks < at.afterAudioChunks) return false;
  if (at.afterAudioMs !== undefined && sent.audioMs < at.afterAudioMs) return false;
  if (at.afterTranscriptDeltas !== undefined && sent.transcriptDeltas < at.afterTranscriptDeltas) return false;
  if (at.afterItems !== undefined && sent.itemsDone < at.afterItems) return false;
  if (at.afterArgumentDeltas !== undefined && sent.argumentDeltas < at.afterArgumentDeltas) return false;
  return true;
}
