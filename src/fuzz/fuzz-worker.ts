/**
 * The entry file of a fuzz worker thread (tinypool imports it and calls its default export
 * once per case): runs one case and checks the invariants on it, in the thread. The main
 * thread generates the cases and sends each one as plain data; see fuzz-pool.ts.
 */
import { checkCase, errorText } from './check-case.js';
import type { CaseResult } from './check-case.js';
import type { FuzzCase } from './fuzz-case.js';
import { INVARIANTS } from './invariants.js';
import { loadInvariants } from './invariants-module.js';
import { refuseThreadExit } from '../pool/index.js';

/** One case for a worker: structured-clone-safe. */
export interface FuzzTask {
  case: FuzzCase;
  /** Folder the case's scenario is read from, as in the main thread. */
  cwd: string;
  /** URL of a module exporting `invariants` to check instead of the built-in ones. */
  invariantsModule?: string;
}

refuseThreadExit();

/** Checks one case; never throws (loading the invariants module included): errors become the result's. */
export default async function checkFuzzTask(task: FuzzTask): Promise<CaseResult> {
  try {
    const invariants = task.invariantsModule === undefined ? INVARIANTS : await loadInvariants(task.invariantsModule);
    return await checkCase(task.case, task.cwd, invariants);
  } catch (e) {
    return { violations: [], ran: false, simulatedMs: 0, error: errorText(e) };
  }
}
