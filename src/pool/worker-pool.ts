import { Tinypool } from 'tinypool';

/**
 * A pool of worker threads (tinypool) that each run a module's default export on the tasks
 * they are given. Tasks and results cross the thread boundary by structured clone: plain
 * data only (no functions, no class instances; an Error arrives as an Error).
 */
export interface WorkerPool<Task, Result> {
  /** Runs `task` on a free thread. Rejects with what the task threw, or why its thread died. */
  run(task: Task): Promise<Result>;
  /** Ends every thread; tasks still running reject. Always call it, or the threads outlive the run. */
  destroy(): Promise<void>;
}

/**
 * The module `name` (e.g. `'./run-worker'`) beside the module at `base` (pass
 * `import.meta.url`), with `base`'s own extension: `.js` in the built package (dist/), `.ts`
 * when the sources run under tsx or vitest.
 */
export function moduleBeside(name: string, base: string): URL {
  const ext = /\.[cm]?[jt]s$/.exec(new URL(base).pathname)?.[0] ?? '.js';
  return new URL(`${name}${ext}`, base);
}

/**
 * A pool of `threads` worker threads, each of which loads `entry` (see {@link moduleBeside})
 * and runs its default export, `(task) => Promise<result>`, on the tasks it is given.
 *
 * tinypool leaves two failures unsettled, which would hang a run: a thread that dies of an
 * error outside any task (tinypool emits `error` on the pool, with no task to reject), and a
 * thread that ends without an error. The first rejects every task, running or to come, with
 * its error; the second the thread's entry guards against (`refuseThreadExit` in
 * `worker-thread.ts`). An entry that does not load fails each task with its error (see
 * `workerFilename`).
 */
export function createWorkerPool<Task, Result>(entry: URL, threads: number): WorkerPool<Task, Result> {
  const pool = new Tinypool({
    filename: workerFilename(entry),
    minThreads: threads,
    maxThreads: threads,
    // One scenario per thread at a time: a scenario is CPU work, not waiting.
    concurrentTasksPerWorker: 1,
  });
  let broken: ((error: unknown) => void) | undefined;
  const brokenPool = new Promise<never>((_, reject) => {
    broken = reject;
  });
  // Nobody may be waiting when it breaks; every run() races it, so none misses it.
  brokenPool.catch(() => {});
  pool.on('error', (error: unknown) => broken?.(error));
  return {
    run: (task) => Promise.race([pool.run(task) as Promise<Result>, brokenPool]),
    destroy: () => pool.destroy(),
  };
}

/**
 * What tinypool imports in each thread: a small module (a `data:` URL, no file to ship) that
 * imports the entry and, if it does not load, runs every task as a throw of that error.
 * Caught there because a thread that fails to load makes tinypool emit `error`, and one that
 * does so while `destroy()` waits for the threads to exit crashes the process (tinypool
 * 2.2's `destroy` waits with `events.once` on its thread wrapper, which has no
 * `removeListener` for the error path: "emitter.removeListener is not a function", seen in
 * the full test run).
 *
 * A `.ts` entry (sources under tsx or vitest) also needs tsx's loader in the thread, and
 * Node 20 does not give it one: a worker ignores `--import tsx` in its `execArgv`, and module
 * hooks registered in the parent thread (`node --import tsx`, or vitest's own transform) do
 * not reach it (tried on Node 20.20: "Unknown file extension .ts" either way). tsx's
 * `register()` called inside the thread does work, so the module registers it first. tsx is
 * a dev dependency: only source runs reach this, and they have it.
 */
function workerFilename(entry: URL): string {
  const register = entry.pathname.endsWith('.ts')
    ? [`import { register } from ${JSON.stringify(import.meta.resolve('tsx/esm/api'))};`, 'register();']
    : [];
  const bootstrap = [
    ...register,
    'let run;',
    `try { run = (await import(${JSON.stringify(entry.href)})).default; }`,
    'catch (error) { run = () => { throw error; }; }',
    'export default run;',
  ].join('\n');
  return `data:text/javascript,${encodeURIComponent(bootstrap)}`;
}
