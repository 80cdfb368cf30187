import path from 'node:path';
import type { FuzzCase } from './fuzz-case.js';
import { runFuzzScenario } from './fuzz-run.js';
import type { FuzzRun } from './fuzz-run.js';
import { checkInvariants } from './invariants.js';
import { toScenarioDocument, validateDocument } from './to-scenario.js';
import type { Invariant, Violation } from './violation.js';

/**
 * What checking one case gave, as plain data: a worker thread sends it back to the main
 * thread by structured clone.
 */
export interface CaseResult {
  /** The invariants the run broke (empty when all held, or when it threw: see `error`). */
  violations: Violation[];
  /** The scenario ran to its end (false when it threw first): it counts as a scenario run. */
  ran: boolean;
  /** Virtual time the scenario run took (0 when it did not run). */
  simulatedMs: number;
  /** Set when running the case threw instead (harness, simulator or generator error, or a worker's). */
  error?: string;
}

/** The scenario name every case of a campaign runs under (a failure's file gets its own name). */
export const CASE_NAME = 'fuzz-case';

/** Turns case `c` into its validated scenario (named `name`, as if read from `cwd`) and runs it. */
export async function runCase(c: FuzzCase, name: string, cwd: string): Promise<FuzzRun> {
  const scenario = validateDocument(toScenarioDocument(c, name), path.join(cwd, `${name}.yaml`));
  return runFuzzScenario(scenario);
}

/**
 * Runs case `c` and checks `invariants` on it, as one case of a campaign: what a worker thread
 * does for the main thread, and what the main thread does itself with one worker. Never throws:
 * an error becomes the result's `error`.
 */
export async function checkCase(c: FuzzCase, cwd: string, invariants: readonly Invariant[]): Promise<CaseResult> {
  let run: FuzzRun;
  try {
    run = await runCase(c, CASE_NAME, cwd);
  } catch (e) {
    return { violations: [], ran: false, simulatedMs: 0, error: errorText(e) };
  }
  try {
    return { violations: checkInvariants(run, invariants), ran: true, simulatedMs: run.outcome.simulatedMs };
  } catch (e) {
    // The message alone, as fast-check reports a throwing property: the replay prints the same.
    return { violations: [], ran: true, simulatedMs: run.outcome.simulatedMs, error: errorText(e) };
  }
}

/** The message of anything thrown. */
export function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
