/**
 * Cost against work (issue 14): how wall time and memory grow with the length of a session.
 * The long-run session of bench/long-run-memory.ts at several lengths, one after another in
 * this process, shortest first. How they grow with the number of live sessions on `serve`
 * comes from bench/serve-load.ts, whose rows run.ts prints beside these.
 */
import { longRunMemory } from './long-run-memory.js';
import type { LongRunResult } from './long-run-memory.js';
import { mb, table } from './common.js';

export interface LengthCostRow {
  minutes: number;
  wallMs: number;
  realtimeFactor: number;
  /** Heap after GC at the end of the session. */
  heapEndBytes: number;
  /** Heap after GC, end minus start. */
  heapGrowthBytes: number;
  /** Process RSS at the end probe. */
  rssEndBytes: number;
  finished: boolean;
}

/** The cost row of one long-run session. */
export function lengthCostRow(r: LongRunResult): LengthCostRow {
  const end = r.probes.find((p) => p.label === 'end');
  return {
    minutes: r.options.minutes,
    wallMs: r.wallMs,
    realtimeFactor: r.realtimeFactor,
    heapEndBytes: end?.heapUsed ?? Number.NaN,
    heapGrowthBytes: r.heapGrowthFromStartBytes,
    rssEndBytes: end?.rss ?? Number.NaN,
    finished: r.finished,
  };
}

export async function costByLength(minutes: readonly number[]): Promise<LengthCostRow[]> {
  const rows: LengthCostRow[] = [];
  for (const m of [...minutes].sort((a, b) => a - b))
    rows.push(lengthCostRow(await longRunMemory({ minutes: m, turnEveryMs: 10_000, mode: 'vad' })));
  return rows;
}

export function formatCostByLength(rows: readonly LengthCostRow[]): string {
  return [
    'Cost against session length (long-run session, server VAD, a turn every 10 s)',
    table(
      ['simulated min', 'wall s', 'x realtime', 'heap at end MB', 'heap growth MB', 'RSS at end MB', 'finished'],
      rows.map((r) => [
        String(r.minutes),
        (r.wallMs / 1000).toFixed(2),
        r.realtimeFactor.toFixed(0),
        mb(r.heapEndBytes),
        mb(r.heapGrowthBytes),
        mb(r.rssEndBytes),
        r.finished ? 'yes' : 'NO',
      ]),
    ),
  ].join('\n');
}
