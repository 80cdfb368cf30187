/**
 * The worker-thread entry of `rt-sim run --workers N`: each thread of the pool imports this
 * module and runs its default export on one scenario file at a time. It runs the file exactly
 * as a one-worker run does (harness `runSuiteFile`, or `sweepFile` for `--seeds`), golden
 * comparison and `--update` included; the main thread only discovers, dispatches, orders and
 * reports. Tasks and outcomes are plain data (they cross the thread boundary by structured
 * clone). The main thread never imports this module, only its types.
 */
import { runSuiteFile } from '../harness/index.js';
import type { SuiteFileOptions, SuiteFileOutcome } from '../harness/index.js';
import { sweepFile } from './seed-sweep.js';
import type { SeedRange } from './seed-sweep.js';
import { refuseThreadExit } from '../pool/index.js';

/** One scenario file to run: against its golden file, or under a range of seeds (`--seeds`). */
export type RunTask =
  | { kind: 'suite'; file: string; options: SuiteFileOptions }
  | { kind: 'sweep'; file: string; range: SeedRange; cwd: string };

refuseThreadExit();

/** Runs one task in this thread; a sweep's outcome is its result (a sweep owns no golden file). */
export default async function runTask(task: RunTask): Promise<SuiteFileOutcome> {
  if (task.kind === 'suite') return runSuiteFile(task.file, task.options);
  return { result: await sweepFile(task.file, task.range, task.cwd) };
}
