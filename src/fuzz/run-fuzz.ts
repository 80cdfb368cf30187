import { createHash } from 'node:crypto';
import path from 'node:path';
import fc from 'fast-check';
import { RealClock } from '../clock/index.js';
import { RtSimError } from '../protocol/index.js';
import { isFailure, runCampaign } from './campaign.js';
import type { CampaignResult, CaseChecker, FuzzShard } from './campaign.js';
import type { CaseResult } from './check-case.js';
import { fuzzCaseArbitrary } from './case-arbitrary.js';
import type { CaseLimits } from './case-arbitrary.js';
import { CASE_NAME, checkCase, errorText, runCase } from './check-case.js';
import type { FuzzCase } from './fuzz-case.js';
import { createFuzzPool } from './fuzz-pool.js';
import type { FuzzRun } from './fuzz-run.js';
import { tallyInvariants } from './invariant-tally.js';
import type { InvariantTally } from './invariant-tally.js';
import { INVARIANTS, checkInvariants } from './invariants.js';
import { loadInvariants } from './invariants-module.js';
import { writeFailureScenario } from './scenario-file.js';
import { toScenarioDocument } from './to-scenario.js';
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
  /** The invariants to check (default {@link INVARIANTS}); in this thread only (`workers` 1). */
  invariants?: readonly Invariant[];
  /**
   * URL of a module exporting `invariants` (a list of {@link Invariant}) to check instead of the
   * built-in ones: unlike `invariants`, it reaches worker threads (each imports it).
   */
  invariantsModule?: string;
  /** Threads that run the cases, this one included (default 1: this one only); capped by the cases to run. */
  workers?: number;
  /** Run only this shard of the campaign: the cases of index k with k % count === index - 1. */
  shard?: FuzzShard;
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
  /** Cases the campaign has (`runs` asked for, every shard together). */
  requestedRuns: number;
  /** The shard this run ran, if one. */
  shard?: FuzzShard;
  /** Cases run before the failure (or all of them), of the shard if one. */
  runs: number;
  /** Shrinking steps that failed again (fast-check's `numShrinks`). */
  shrinks: number;
  /** Scenario runs in all, shrinking attempts included. */
  executions: number;
  wallMs: number;
  /** Virtual time of every scenario run, summed. */
  simulatedMs: number;
  invariants: number;
  /** How many of the campaign's cases (up to the failure) each invariant held on. */
  tallies: InvariantTally[];
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
 *
 * The cases run in `workers` threads (default 1: in this one), one shard of them with
 * `shard`. Either way the report is the one a single `fc.check` over the whole campaign
 * gives: the cases are generated here in fast-check's order (campaign.ts), the failing case
 * of lowest index is the failure, and it is replayed here by its path `"i"` and shrunk
 * exactly as `fc.check` would have gone on (same path, shrinks, case and scenario file).
 */
export async function runFuzz(opts: FuzzOptions = {}): Promise<FuzzReport> {
  const wall = new RealClock();
  const started = wall.now();
  const seed = opts.seed ?? DEFAULT_FUZZ_SEED;
  const runs = opts.runs ?? DEFAULT_FUZZ_RUNS;
  const invariants =
    opts.invariants ?? (opts.invariantsModule === undefined ? INVARIANTS : await loadInvariants(opts.invariantsModule));
  const cwd = opts.cwd ?? process.cwd();
  const tally = { executions: 0, simulatedMs: 0 };
  // The first run of a replay is the campaign's failing case, already counted there.
  let uncounted = 0;
  const execute = async (c: FuzzCase, name: string): Promise<FuzzRun> => {
    const counted = uncounted === 0;
    if (!counted) uncounted--;
    const run = await runCase(c, name, cwd);
    if (counted) {
      tally.executions++;
      tally.simulatedMs += run.outcome.simulatedMs;
      opts.onRun?.(tally.executions);
    }
    return run;
  };
  // What the property found on each case until the first failure (a replayed path's tally).
  const verdicts: CaseResult[] = [];
  let failedOnce = false;
  const property = fc.asyncProperty(fuzzCaseArbitrary(opts.limits), async (c) => {
    const found: CaseResult = { violations: [], ran: false, simulatedMs: 0 };
    if (!failedOnce) verdicts.push(found);
    try {
      found.violations = checkInvariants(await execute(c, CASE_NAME), invariants);
    } catch (e) {
      found.error = errorText(e);
    }
    failedOnce ||= isFailure(found);
    if (found.error !== undefined) throw new Error(found.error);
    if (found.violations.length > 0) throw new InvariantsBroken(found.violations);
  });
  const report: FuzzReport = {
    passed: true,
    seed,
    requestedRuns: runs,
    runs: 0,
    shrinks: 0,
    executions: 0,
    wallMs: 0,
    simulatedMs: 0,
    invariants: invariants.length,
    tallies: tallyInvariants(invariants, []),
  };
  if (opts.shard !== undefined) report.shard = opts.shard;
  let details: fc.RunDetails<[FuzzCase]>;
  if (opts.path === undefined) {
    const campaign = await runCases(opts, { seed, runs, cwd, invariants }, tally);
    report.runs = campaign.results.length;
    report.tallies = tallyInvariants(
      invariants,
      campaign.results.map((r) => r.result),
    );
    if (campaign.failure === undefined) return finish(report, tally, wall, started);
    uncounted = 1;
    details = await checkReplayable(property, { seed, path: String(campaign.failure.index) });
    uncounted = 0;
    if (!details.failed) {
      // It failed in a thread and not here: report the thread's verdict on the unshrunk case.
      const { index, case: c, result } = campaign.failure;
      const error = `${result.error ?? 'it broke the invariants below'} (in a worker thread; its replay here passed)`;
      report.passed = false;
      const verdict = { violations: result.violations, error };
      report.failure = await describeFailure(c, String(index), verdict, seed, opts, cwd, execute, invariants);
      return finish(report, tally, wall, started);
    }
  } else {
    details = await checkReplayable(property, { seed, numRuns: runs, path: opts.path });
    report.runs = details.numRuns;
    report.tallies = tallyInvariants(invariants, verdicts);
  }
  report.passed = !details.failed;
  report.shrinks = details.numShrinks;
  if (details.failed && details.counterexample && details.counterexamplePath !== null) {
    report.failure = await describeFailure(
      details.counterexample[0],
      details.counterexamplePath,
      details.errorInstance instanceof InvariantsBroken
        ? 'rerun'
        : { violations: [], error: errorText(details.errorInstance) },
      seed,
      opts,
      cwd,
      execute,
      invariants,
    );
  }
  return finish(report, tally, wall, started);
}

/** Sets the report's figures from the tally and the wall clock. */
function finish(
  report: FuzzReport,
  tally: { executions: number; simulatedMs: number },
  wall: RealClock,
  started: number,
): FuzzReport {
  report.executions = tally.executions;
  report.simulatedMs = tally.simulatedMs;
  report.wallMs = Math.round(wall.now() - started);
  return report;
}

/**
 * The campaign's cases (of the shard), in this thread or in a pool of `workers` threads; the
 * results up to the first failure are added to `tally` in index order (as one thread adds them).
 */
async function runCases(
  opts: FuzzOptions,
  common: { seed: number; runs: number; cwd: string; invariants: readonly Invariant[] },
  tally: { executions: number; simulatedMs: number },
): Promise<CampaignResult> {
  const workers = Math.max(1, Math.min(opts.workers ?? 1, casesOf(common.runs, opts.shard)));
  if (workers > 1 && opts.invariants !== undefined)
    throw new RtSimError(
      'RTSIM_FUZZ_BAD_INVARIANTS',
      'invariants given as functions cannot reach worker threads: give invariantsModule, or workers: 1',
    );
  // This thread is one of the workers: it has the code loaded and warmed up, which a new thread
  // takes about 0.5 s of CPU to load again, so it runs cases from the start while the pool's
  // threads load, and takes the next case whenever it is free. It hands out cases mostly between
  // its own: a case seldom returns to the event loop (the virtual clock settles by MessageChannel
  // turns), so a thread's result waits for it. Measured on 2 cores, 2026-12-05: 123 of 1200 cases
  // went to the one pool thread; sending every case to a pool of 2 took 8.8 s against 9.9 s in one
  // thread (and was slower at 300 cases), both cores busy: one thread already keeps 1.3 busy.
  const pool = workers > 1 ? createFuzzPool(workers - 1) : undefined;
  const moduleUrl = opts.invariantsModule;
  let busy = false;
  const here = async (c: FuzzCase): Promise<CaseResult> => {
    busy = true;
    try {
      return await checkCase(c, common.cwd, common.invariants);
    } finally {
      busy = false;
    }
  };
  const check: CaseChecker = (_, c) =>
    pool && busy
      ? pool.run({ case: c, cwd: common.cwd, ...(moduleUrl === undefined ? {} : { invariantsModule: moduleUrl }) })
      : here(c);
  let campaign: CampaignResult;
  try {
    campaign = await runCampaign(fuzzCaseArbitrary(opts.limits), {
      seed: common.seed,
      runs: common.runs,
      // One case more than threads: a thread that finishes finds its next case queued.
      concurrency: pool ? workers + 1 : 1,
      check,
      ...(opts.shard === undefined ? {} : { shard: opts.shard }),
      onCase: (n) => opts.onRun?.(n),
    });
  } finally {
    await pool?.destroy();
  }
  for (const { result } of campaign.results) {
    if (!result.ran) continue;
    tally.executions++;
    tally.simulatedMs += result.simulatedMs;
  }
  return campaign;
}

/** How many of the campaign's `runs` cases a shard has. */
export function casesOf(runs: number, shard: FuzzShard | undefined): number {
  if (shard === undefined) return runs;
  return Math.floor(runs / shard.count) + (shard.index - 1 < runs % shard.count ? 1 : 0);
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
  verdict: 'rerun' | { violations: Violation[]; error?: string | undefined },
  seed: number,
  opts: FuzzOptions,
  cwd: string,
  execute: (c: FuzzCase, name: string) => Promise<FuzzRun>,
  invariants: readonly Invariant[],
): Promise<FuzzFailure> {
  const name = failureName(seed, fcPath);
  const dir = path.resolve(cwd, opts.outDir ?? DEFAULT_FUZZ_OUT);
  const command = opts.command ?? 'rt-sim';
  // Run the shrunk case again: the same case gives the same run, and the report wants its figures.
  const violations = verdict === 'rerun' ? checkInvariants(await execute(c, name), invariants) : verdict.violations;
  const error = verdict === 'rerun' ? undefined : verdict.error;
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
