import { createHash } from 'node:crypto';
import path from 'node:path';
import fc from 'fast-check';
import { RealClock } from '../clock/index.js';
import { RtSimError } from '../protocol/index.js';
import { fuzzCaseArbitrary } from './case-arbitrary.js';
import type { CaseLimits } from './case-arbitrary.js';
import type { FuzzCase } from './fuzz-case.js';
import { runFuzzScenario } from './fuzz-run.js';
import type { FuzzRun } from './fuzz-run.js';
import { INVARIANTS, checkInvariants } from './invariants.js';
import { writeFailureScenario } from './scenario-file.js';
import { toScenarioDocument, validateDocument } from './to-scenario.js';
import type { Invariant, Violation } from './violation.js';

/** The seed `rt-sim fuzz` uses unless told otherwise, so CI runs the same cases every time. */
export const DEFAULT_FUZZ_SEED = 20260501;
/** Runs per `rt-sim fuzz` unless told otherwise. */
export const DEFAULT_FUZZ_RUNS = 100;
/** Where failures' scenario files go unless told otherwise. */
export const DEFAULT_FUZZ_OUT = 'fuzz-failures';

/** How to fuzz. */
export interface FuzzOptions {
  /** Cases to try (default {@link DEFAULT_FUZZ_RUNS}). */
  runs?: number;
  /** fast-check seed (default {@link DEFAULT_FUZZ_SEED}): the same seed gives the same cases. */
  seed?: number;
  /** A fast-check path (`"12:3:0"`) printed by an earlier failure: replays that case and shrinks on from it. */
  path?: string;
  /** Folder for the failure's scenario file (default {@link DEFAULT_FUZZ_OUT}, relative to `cwd`). */
  outDir?: string;
  /** Folder paths are resolved from and printed relative to (default: the process's). */
  cwd?: string;
  /** The invariants to check (default {@link INVARIANTS}). */
  invariants?: readonly Invariant[];
  /** Called after every executed case (shrinking included), with the count so far: for progress bars. */
  onRun?: (executions: number) => void;
  /** Sizes and fault filter of the generated cases. */
  limits?: CaseLimits;
  /** The command name printed in reproduction lines (default `rt-sim`). */
  command?: string;
}

/** The shrunk counterexample of a failed fuzz run. */
export interface FuzzFailure {
  /** fast-check path of the shrunk case. */
  path: string;
  case: FuzzCase;
  /** The invariants it breaks (empty when the property threw instead: see `error`). */
  violations: Violation[];
  /** Set when running the case threw (a harness, simulator or generator error). */
  error?: string;
  /** The scenario file written for it. */
  scenarioFile: string;
  /** Commands that reproduce it. */
  reproduce: string[];
}

/** What a fuzz run did. */
export interface FuzzReport {
  passed: boolean;
  seed: number;
  /** Cases run before the failure (or all of them). */
  runs: number;
  /** Shrinking steps that failed again (fast-check's `numShrinks`). */
  shrinks: number;
  /** Scenario runs in all, shrinking attempts included. */
  executions: number;
  wallMs: number;
  /** Virtual time of every scenario run, summed. */
  simulatedMs: number;
  invariants: number;
  failure?: FuzzFailure;
}

/** Thrown inside the property so fast-check records which invariants broke. */
class InvariantsBroken extends Error {
  constructor(readonly violations: Violation[]) {
    super(violations.map((v) => `${v.invariant}: ${v.message}`).join('; '));
  }
}

/** The scenario name (and file name) of a counterexample: by seed and path. */
export function failureName(seed: number, fcPath: string): string {
  const name = `fuzz-s${seed}-p${fcPath.replace(/:/g, '-')}`;
  if (name.length <= MAX_NAME) return name;
  // Scenario names are at most 100 characters: a long shrink path keeps its start and a digest of the rest.
  const digest = createHash('sha256').update(fcPath).digest('hex').slice(0, 12);
  return `${name.slice(0, MAX_NAME - digest.length - 1)}-${digest}`;
}

/** Longest scenario name the validator accepts. */
const MAX_NAME = 100;

/**
 * Runs the fuzz property: fast-check generates {@link FuzzCase}s from `seed`, each is
 * turned into a validated scenario and run with the harness under the virtual clock, and
 * every invariant is checked on the outcome. On a failure fast-check shrinks the case; the
 * shrunk case is run once more and written as a scenario file into `outDir`, named by seed
 * and path. Deterministic: the same seed (and path) gives the same runs.
 */
export async function runFuzz(opts: FuzzOptions = {}): Promise<FuzzReport> {
  const wall = new RealClock();
  const started = wall.now();
  const seed = opts.seed ?? DEFAULT_FUZZ_SEED;
  const invariants = opts.invariants ?? INVARIANTS;
  const cwd = opts.cwd ?? process.cwd();
  let executions = 0;
  let simulatedMs = 0;
  const execute = async (c: FuzzCase, name: string): Promise<FuzzRun> => {
    const scenario = validateDocument(toScenarioDocument(c, name), path.join(cwd, `${name}.yaml`));
    const run = await runFuzzScenario(scenario);
    executions++;
    simulatedMs += run.outcome.simulatedMs;
    opts.onRun?.(executions);
    return run;
  };
  const property = fc.asyncProperty(fuzzCaseArbitrary(opts.limits), async (c) => {
    const run = await execute(c, 'fuzz-case');
    const violations = checkInvariants(run, invariants);
    if (violations.length > 0) throw new InvariantsBroken(violations);
  });
  const details = await checkReplayable(property, {
    seed,
    numRuns: opts.runs ?? DEFAULT_FUZZ_RUNS,
    ...(opts.path === undefined ? {} : { path: opts.path }),
  });
  const report: FuzzReport = {
    passed: !details.failed,
    seed,
    runs: details.numRuns,
    shrinks: details.numShrinks,
    executions,
    wallMs: 0,
    simulatedMs,
    invariants: invariants.length,
  };
  if (details.failed && details.counterexample && details.counterexamplePath !== null) {
    report.failure = await describeFailure(
      details.counterexample[0],
      details.counterexamplePath,
      details.errorInstance,
      seed,
      opts,
      cwd,
      execute,
      invariants,
    );
    report.simulatedMs = simulatedMs;
  }
  report.wallMs = Math.round(wall.now() - started);
  return report;
}

/**
 * `fc.check`, with a path that does not replay turned into a user error: a path only
 * replays under the generators that printed it (the same seed and rt-sim version).
 *
 * @throws RtSimError `RTSIM_FUZZ_BAD_PATH` when fast-check cannot follow `path`.
 */
async function checkReplayable<Ts extends unknown[]>(
  property: fc.IAsyncProperty<Ts>,
  params: fc.Parameters<Ts>,
): Promise<fc.RunDetails<Ts>> {
  try {
    return await fc.check(property, params);
  } catch (e) {
    if (params.path !== undefined && e instanceof Error && e.message.startsWith('Unable to replay')) {
      throw new RtSimError(
        'RTSIM_FUZZ_BAD_PATH',
        `--path ${params.path} does not replay with --seed ${params.seed}: a path only replays with the seed ` +
          `and the rt-sim version that printed it`,
        { path: params.path, seed: params.seed },
      );
    }
    throw e;
  }
}

async function describeFailure(
  c: FuzzCase,
  fcPath: string,
  thrown: unknown,
  seed: number,
  opts: FuzzOptions,
  cwd: string,
  execute: (c: FuzzCase, name: string) => Promise<FuzzRun>,
  invariants: readonly Invariant[],
): Promise<FuzzFailure> {
  const name = failureName(seed, fcPath);
  const dir = path.resolve(cwd, opts.outDir ?? DEFAULT_FUZZ_OUT);
  const command = opts.command ?? 'rt-sim';
  let violations: Violation[] = [];
  let error: string | undefined;
  if (thrown instanceof InvariantsBroken) {
    // Run the shrunk case again: the same case gives the same run, and the report wants its figures.
    violations = checkInvariants(await execute(c, name), invariants);
  } else {
    error = thrown instanceof Error ? thrown.message : String(thrown);
  }
  const file = path.join(dir, `${name}.yaml`);
  const display = path.relative(cwd, file) || file;
  const runCommand = `${command} run ${display}`;
  const fuzzCommand = `${command} fuzz --seed ${seed} --path ${fcPath}`;
  const scenarioFile = await writeFailureScenario(dir, name, toScenarioDocument(c, name), {
    seed,
    path: fcPath,
    violations,
    runCommand,
    fuzzCommand,
  });
  const failure: FuzzFailure = {
    path: fcPath,
    case: c,
    violations,
    scenarioFile,
    reproduce: [fuzzCommand, runCommand],
  };
  if (error !== undefined) failure.error = error;
  return failure;
}

/**
 * The console report of a fuzz run: on failure the seed, path, invariant, where, and the commands;
 * then a one-line summary.
 */
export function formatFuzzReport(report: FuzzReport, cwd: string = process.cwd()): string {
  const lines: string[] = [];
  const f = report.failure;
  if (f) {
    lines.push(
      `FAILED: a case breaks ` +
        `${f.violations.length > 0 ? f.violations.map((v) => v.invariant).join(', ') : 'the property (it threw)'}`,
    );
    lines.push(`  seed ${report.seed}, path ${f.path} (after ${report.runs} run(s), ${report.shrinks} shrink(s))`);
    if (f.error !== undefined) lines.push(`  error: ${f.error}`);
    for (const v of f.violations) {
      const where = [
        v.frameIndex === undefined ? '' : `frame #${v.frameIndex}`,
        v.eventIndex === undefined ? '' : `event #${v.eventIndex}`,
        v.t === undefined ? '' : `t=${v.t} ms`,
      ]
        .filter(Boolean)
        .join(', ');
      lines.push(`  invariant ${v.invariant} (${v.rule})${where ? ` at ${where}` : ''}:`);
      lines.push(`    ${v.message}`);
    }
    lines.push(`  scenario: ${path.relative(cwd, f.scenarioFile) || f.scenarioFile}`);
    lines.push(`  reproduce: ${f.reproduce[0]}`);
    lines.push(`         or: ${f.reproduce[1]}`);
  }
  const verdict = report.passed ? `all ${report.invariants} invariants held` : 'an invariant broke';
  lines.push(
    `fuzz: ${report.runs} run(s), ${report.shrinks} shrink(s), ${report.executions} scenario run(s), seed ` +
      `${report.seed}: ${report.wallMs} ms wall, ${Math.round(report.simulatedMs)} ms simulated; ${verdict}`,
  );
  return `${lines.join('\n')}\n`;
}
