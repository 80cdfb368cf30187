import { isMainThread } from 'node:worker_threads';
import { RtSimError } from '../errors/index.js';

/**
 * In a worker thread, makes `process.exit()` throw instead of ending the thread. A thread
 * that ends without an error leaves its tinypool task unsettled, and the run would wait for
 * it forever; thrown, the exit is the failure of whatever called it, with its stack. Call it
 * once at the top of a worker entry; in the main thread it does nothing.
 */
export function refuseThreadExit(): void {
  if (isMainThread) return;
  const exit = process.exit.bind(process);
  process.exit = ((code?: number | string | null) => {
    // Node ends a thread that died of an uncaught error with process.exit() too, once it has
    // set _exiting and told the pool why: that exit must go through.
    if ((process as { _exiting?: boolean })._exiting === true) return exit(code);
    throw new RtSimError(
      'RTSIM_CLI_THREAD_EXIT',
      `process.exit(${code ?? ''}) was called in a worker thread; a scenario run must end by returning`,
    );
  }) as typeof process.exit;
}
