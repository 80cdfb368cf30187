/**
 * Server audio pacing: how much clock time passes between two audio deltas of a reply.
 * Real servers send audio faster than real time; `realtime` is one chunk per `chunkMs`.
 */
import type { PacingSpec } from './config.js';

/** Clock time between two audio (or text) deltas; 0 sends them all at once. */
export function deltaIntervalMs(pacing: PacingSpec | undefined, chunkMs: number): number {
  if (pacing === undefined || pacing === 'realtime') return chunkMs;
  if (pacing === 'burst') return 0;
  return chunkMs / pacing.factor;
}
