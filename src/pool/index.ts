/**
 * Worker threads for `rt-sim run --workers` and `rt-sim fuzz --workers`: one tinypool wrapper
 * (threads that fail to load or exit never hang a run) and the guard a thread's entry calls.
 */
export { createWorkerPool, moduleBeside } from './worker-pool.js';
export type { WorkerPool } from './worker-pool.js';
export { refuseThreadExit } from './worker-thread.js';
