/**
 * The worker threads of `rt-sim fuzz --workers N`: the shared pool (src/pool) running
 * fuzz-worker.ts, whose results come back as plain {@link CaseResult}s. A thread that fails,
 * or fails to load, gives the case an `error` result, never a rejection or a hang.
 */
import { createWorkerPool, moduleBeside } from '../pool/index.js';
import type { CaseResult } from './check-case.js';
import { errorText } from './check-case.js';
import type { FuzzTask } from './fuzz-worker.js';

/** A pool of fuzz worker threads. Results of a failed thread come back as a case error, never a hang. */
export interface FuzzPool {
  /** Runs one case in a thread; resolves with its result, or with `error` set when the thread failed. */
  run(task: FuzzTask): Promise<CaseResult>;
  /** Ends every thread; the pool is unusable afterwards. */
  destroy(): Promise<void>;
}

/** Starts `threads` worker threads (at least 1). */
export function createFuzzPool(threads: number): FuzzPool {
  const pool = createWorkerPool<FuzzTask, CaseResult>(moduleBeside('./fuzz-worker', import.meta.url), threads);
  return {
    run: (task) =>
      pool.run(task).catch(
        (e: unknown): CaseResult => ({
          violations: [],
          ran: false,
          simulatedMs: 0,
          error: `a fuzz worker thread failed: ${errorText(e)}`,
        }),
      ),
    destroy: () => pool.destroy(),
  };
}
