/**
 * The worker threads of `rt-sim fuzz --workers N`: a tinypool pool whose threads run cases
 * (fuzz-worker.ts) and send back plain {@link CaseResult}s. Kept to what fuzzing needs; the
 * `rt-sim run --workers` pool (src/cli) may later share it.
 */
import { Tinypool } from 'tinypool';
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

/**
 * The file tinypool runs in each thread. Next to this module: `dist/fuzz/fuzz-worker.js` in
 * the installed package. From source (vitest, tsx) this module is a `.ts` file, and a thread
 * does not inherit the main thread's TypeScript loader: on Node 20 `execArgv: ['--import',
 * 'tsx']` does not reach a worker's module loading (measured: ERR_UNKNOWN_FILE_EXTENSION),
 * and vitest's transform is not Node's. So the thread starts from a small `data:` module that
 * registers tsx through its API (`tsx/esm/api`, a devDependency, present wherever the sources
 * run) and then imports the `.ts` entry; a failure to load becomes every case's error.
 */
function workerFile(): string {
  const own = import.meta.url;
  if (!own.endsWith('.ts')) return new URL('./fuzz-worker.js', own).href;
  const entry = new URL('./fuzz-worker.ts', own).href;
  const tsxApi = import.meta.resolve('tsx/esm/api');
  const source = [
    'let handler;',
    'try {',
    `  const { register } = await import(${JSON.stringify(tsxApi)});`,
    '  register();',
    `  handler = (await import(${JSON.stringify(entry)})).default;`,
    '} catch (e) {',
    "  const error = 'the fuzz worker did not load: ' + (e instanceof Error ? e.message : String(e));",
    '  handler = () => ({ violations: [], ran: false, simulatedMs: 0, error });',
    '}',
    'export default handler;',
  ].join('\n');
  return `data:text/javascript,${encodeURIComponent(source)}`;
}

/** Starts `threads` worker threads (at least 1). */
export function createFuzzPool(threads: number): FuzzPool {
  const fromSource = import.meta.url.endsWith('.ts');
  const pool = new Tinypool({
    filename: workerFile(),
    minThreads: threads,
    maxThreads: threads,
    // From source, no inherited flags: the loader is registered by the bootstrap (see workerFile).
    ...(fromSource ? { execArgv: [] } : {}),
  });
  const pending = new Set<(error: string) => void>();
  let broken: string | undefined;
  // A thread that cannot start is reported on the pool, not on the task it would have run (which
  // would then wait for ever): fail every pending case, and every later one, with its message.
  pool.on('error', (e: unknown) => {
    broken = `a fuzz worker thread failed: ${errorText(e)}`;
    for (const fail of pending) fail(broken);
    pending.clear();
  });
  return {
    run(task) {
      if (broken !== undefined) return Promise.resolve(failed(broken));
      return new Promise<CaseResult>((resolve) => {
        const fail = (error: string): void => resolve(failed(error));
        pending.add(fail);
        pool.run(task).then(
          (result: CaseResult) => {
            pending.delete(fail);
            resolve(result);
          },
          (e: unknown) => {
            pending.delete(fail);
            fail(`a fuzz worker thread failed: ${errorText(e)}`);
          },
        );
      });
    },
    destroy: () => pool.destroy(),
  };
}

function failed(error: string): CaseResult {
  return { violations: [], ran: false, simulatedMs: 0, error };
}
