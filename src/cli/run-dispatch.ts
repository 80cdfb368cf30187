import os from 'node:os';
import type { SuiteDispatch, SuiteFileOptions, SuiteFileOutcome } from '../harness/index.js';
import type { RunTask } from './run-worker.js';
import type { SeedRange, SweepDispatch } from './seed-sweep.js';
import { createWorkerPool, moduleBeside } from '../pool/index.js';

/**
 * How many threads run the scenarios: `--workers` if given, else one per core
 * (`os.availableParallelism()`), and never more than there are scenario files. 1 means this
 * thread, no pool. `--update` with `--bail` always runs here: a thread already running a
 * scenario after the first failure could still write its golden file, which a one-worker run
 * would never have run.
 */
export function workerCount(opts: { workers?: number; update?: boolean; bail?: boolean }, files: number): number {
  if (opts.update === true && opts.bail === true) return 1;
  return Math.max(1, Math.min(opts.workers ?? os.availableParallelism(), files));
}

/** A pool of threads that run scenario files, as `runSuite` and `sweepSeeds` dispatch them. */
export interface RunPool {
  /** Runs each file in a thread, against its golden file. */
  suite(options: SuiteFileOptions): SuiteDispatch;
  /** Sweeps each file's seeds in a thread. */
  sweep(range: SeedRange, cwd: string): SweepDispatch;
  /** Ends the threads; whatever still runs (after a `--bail`) is dropped. */
  destroy(): Promise<void>;
}

/**
 * Starts `threads` worker threads, each running `run-worker` beside this module (`.js` built,
 * `.ts` from source). Twice as many files as threads are given out at once, so that each
 * thread has its next file waiting in tinypool's queue when it finishes one.
 */
export function openRunPool(threads: number): RunPool {
  const pool = createWorkerPool<RunTask, SuiteFileOutcome>(moduleBeside('./run-worker', import.meta.url), threads);
  return {
    suite: (options) => ({ concurrency: threads * 2, runFile: (file) => pool.run({ kind: 'suite', file, options }) }),
    sweep: (range, cwd) => ({
      concurrency: threads * 2,
      sweepFile: async (file) => (await pool.run({ kind: 'sweep', file, range, cwd })).result,
    }),
    destroy: () => pool.destroy(),
  };
}
