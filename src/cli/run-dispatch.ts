import os from 'node:os';
import { runSuiteFile } from '../harness/index.js';
import type { SuiteDispatch, SuiteFileOptions, SuiteFileOutcome } from '../harness/index.js';
import type { RunTask } from './run-worker.js';
import { sweepFile } from './seed-sweep.js';
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
 * Runs files on `threads` threads: this one and `threads - 1` worker threads, each running
 * `run-worker` beside this module (`.js` built, `.ts` from source). This thread takes a file
 * whenever it is free, because a new thread pays for itself late: it loads the modules
 * (~0.5 s of CPU) and warms its JIT up from cold, and a bundled scenario takes ~15 ms. On
 * the 2-core machine, 244 scenarios took 3.3-4.5 s on one thread and 4.6-5.5 s on two
 * worker threads with this one only dispatching (2.3 s more CPU). Twice as many files as
 * threads are given out at once, so a thread has its next file waiting when it finishes one.
 */
export function openRunPool(threads: number): RunPool {
  const pool = createWorkerPool<RunTask, SuiteFileOutcome>(moduleBeside('./run-worker', import.meta.url), threads - 1);
  let here = false;
  /** `local` in this thread if it is free, else `task` in the pool. */
  const place = async (local: () => Promise<SuiteFileOutcome>, task: RunTask): Promise<SuiteFileOutcome> => {
    if (here) return pool.run(task);
    here = true;
    try {
      return await local();
    } finally {
      here = false;
    }
  };
  return {
    suite: (options) => ({
      concurrency: threads * 2,
      runFile: (file) => place(() => runSuiteFile(file, options), { kind: 'suite', file, options }),
    }),
    sweep: (range, cwd) => ({
      concurrency: threads * 2,
      sweepFile: async (file) =>
        (await place(async () => ({ result: await sweepFile(file, range, cwd) }), { kind: 'sweep', file, range, cwd }))
          .result,
    }),
    destroy: () => pool.destroy(),
  };
}
