/**
 * A fuzz campaign's cases, run in any number of threads with the result of one: the cases are
 * generated here, in the main thread, by fast-check itself in the order `fc.check` runs them,
 * so the case of index i is the one `fc.check` runs i-th and its path `"i"` replays it.
 */
import fc from 'fast-check';
import type { CaseResult } from './check-case.js';
import type { FuzzCase } from './fuzz-case.js';

/** Shard `index` of `count` (1-based): the cases k with k % count === index - 1. */
export interface FuzzShard {
  index: number;
  count: number;
}

/** Runs one case of index `index` (in-process or in a worker thread); never rejects. */
export type CaseChecker = (index: number, c: FuzzCase) => Promise<CaseResult>;

/** How to run a campaign. */
export interface CampaignOptions {
  seed: number;
  /** Cases of the whole campaign (all shards). */
  runs: number;
  shard?: FuzzShard;
  /** Most cases running at once (1: one after another). */
  concurrency: number;
  check: CaseChecker;
  /** Called each time a case finishes, with how many have. */
  onCase?: (done: number) => void;
}

/** One case's result, by its index in the whole campaign. */
export interface IndexedResult {
  index: number;
  result: CaseResult;
}

/** What a campaign ran. */
export interface CampaignResult {
  /** The results of the shard's cases, in index order, up to and including the first failure. */
  results: IndexedResult[];
  /** The failing case of lowest index, if any. */
  failure?: { index: number; case: FuzzCase; result: CaseResult };
}

/** Whether case `index` belongs to `shard` (every case without one). */
export function inShard(index: number, shard: FuzzShard | undefined): boolean {
  return shard === undefined || index % shard.count === shard.index - 1;
}

/** A result that fails the property: a broken invariant, or a run that threw. */
export function isFailure(r: CaseResult): boolean {
  return r.violations.length > 0 || r.error !== undefined;
}

/**
 * Runs the campaign's cases of `shard` through `check`, up to `concurrency` at once, and
 * returns their results in index order, cut after the failing case of lowest index: what one
 * `fc.check` would have run before it stopped to shrink, whatever order the threads finish in.
 *
 * fast-check generates the cases: its `fc.check` calls the property below with the values of
 * runs 0, 1, 2, … (`toss`: run i's random generator is the seed's jumped i times, biased by i,
 * exactly as in `rt-sim fuzz` with one thread and as `path: "i"` replays, fast-check 4
 * `Tosser.ts`/`PathWalker.ts`). The property hands each case on and returns at once, so
 * generation runs ahead of the threads; once a case has failed it returns false for later
 * ones, which ends `fc.check` (`endOnFailure`: no shrinking here).
 */
export async function runCampaign(arbitrary: fc.Arbitrary<FuzzCase>, opts: CampaignOptions): Promise<CampaignResult> {
  const results = new Map<number, CaseResult>();
  const failing = new Map<number, FuzzCase>();
  const running = new Set<Promise<void>>();
  let next = 0;
  let done = 0;
  let stopAt = Number.POSITIVE_INFINITY;
  const start = (index: number, c: FuzzCase): void => {
    const job = opts.check(index, c).then((result) => {
      results.set(index, result);
      if (isFailure(result)) {
        failing.set(index, c);
        stopAt = Math.min(stopAt, index);
      }
      running.delete(job);
      opts.onCase?.(++done);
    });
    running.add(job);
  };
  const property = fc.asyncProperty(arbitrary, async (c) => {
    const index = next++;
    if (index > stopAt) return false;
    if (!inShard(index, opts.shard)) return true;
    while (running.size >= opts.concurrency) await Promise.race(running);
    if (index > stopAt) return false;
    start(index, c);
    return true;
  });
  await fc.check(property, { seed: opts.seed, numRuns: opts.runs, endOnFailure: true });
  await Promise.all(running);
  const indices = [...results.keys()].filter((i) => i <= stopAt).sort((a, b) => a - b);
  const out: CampaignResult = { results: indices.map((index) => ({ index, result: results.get(index)! })) };
  if (Number.isFinite(stopAt))
    out.failure = { index: stopAt, case: failing.get(stopAt)!, result: results.get(stopAt)! };
  return out;
}
