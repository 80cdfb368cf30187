import path from 'node:path';
import { InvalidArgumentError } from 'commander';
import { RealClock } from '../clock/index.js';
import { checkInvariants, runFuzzScenario } from '../fuzz/index.js';
import { crashedResult, loadOrInvalid, quote, runInOrder, summarise } from '../harness/index.js';
import type { Failure, Scenario, ScenarioResult, SuiteReport } from '../harness/index.js';
import type { Violation } from '../fuzz/index.js';

/** The most runs one `--seeds` range may ask for per scenario. */
const MAX_SEEDS = 100_000;
/** Failing seeds whose failures are printed in full; the others are only counted. */
const SEEDS_SHOWN = 3;

/** A closed range of seeds, `A..B`. */
export interface SeedRange {
  from: number;
  to: number;
}

/** Parses `--seeds A..B` (inclusive, A ≤ B, at most 100000 seeds). */
export function parseSeedRange(value: string): SeedRange {
  const m = /^(\d+)\.\.(\d+)$/.exec(value);
  const from = m ? Number(m[1]) : NaN;
  const to = m ? Number(m[2]) : NaN;
  if (!m || from > to || to > 0xffffffff || to - from + 1 > MAX_SEEDS) {
    throw new InvalidArgumentError(`expected A..B with whole numbers A ≤ B (at most ${MAX_SEEDS} seeds), e.g. 1..50.`);
  }
  return { from, to };
}

/** How to sweep. */
export interface SweepOptions {
  cwd: string;
  bail?: boolean;
  onResult?: (result: ScenarioResult) => void;
  /** Called as runs finish, with the number of runs done so far (per scenario when another thread runs them). */
  onRun?: (runs: number) => void;
}

/** Where the scenarios of a sweep run: how many at once, and what sweeps one (by default {@link sweepFile}). */
export interface SweepDispatch {
  concurrency: number;
  sweepFile: (file: string) => Promise<ScenarioResult>;
}

/**
 * Runs every scenario under every seed of `range` and checks its expectations and the fuzz
 * invariants, not its golden file: a golden file holds one seed's run, so another seed
 * changes it by design. A scenario fails when any seed does; its result lists those seeds.
 * Results, `onResult` and `bail` go by the order of the files, however many run at once.
 */
export async function sweepSeeds(
  files: readonly string[],
  range: SeedRange,
  options: SweepOptions,
  dispatch?: SweepDispatch,
): Promise<SuiteReport> {
  const wall = new RealClock();
  const started = wall.now();
  let runs = 0;
  const seeds = range.to - range.from + 1;
  const sweep =
    dispatch?.sweepFile ?? ((file: string) => sweepFile(file, range, options.cwd, () => options.onRun?.(++runs)));
  const results = await runInOrder(files.length, {
    concurrency: dispatch?.concurrency ?? 1,
    run: (i) =>
      sweep(files[i]!).catch((e: unknown) => {
        const relFile = path.relative(options.cwd, files[i]!) || files[i]!;
        return crashedResult(relFile, e, `npx rt-sim run ${quote(relFile)} --seeds ${range.from}..${range.to}`);
      }),
    onResult: (result) => {
      // Another thread's runs are counted when their scenario's result is in.
      if (dispatch !== undefined) {
        runs += seeds;
        options.onRun?.(runs);
      }
      options.onResult?.(result);
    },
    stopAfter: (result) => options.bail === true && result.status === 'failed',
  });
  return summarise(results, Math.round(wall.now() - started));
}

/** Loads one scenario file and runs it under every seed of `range`, timed (wall); `ran` after each run. */
export async function sweepFile(
  file: string,
  range: SeedRange,
  cwd: string,
  ran: () => void = () => {},
): Promise<ScenarioResult> {
  const wall = new RealClock();
  const t0 = wall.now();
  const loaded = await loadOrInvalid(file, cwd);
  const result = 'failures' in loaded ? loaded : await sweepOne(loaded, range, cwd, ran);
  result.wallMs = Math.round(wall.now() - t0);
  return result;
}

async function sweepOne(scenario: Scenario, range: SeedRange, cwd: string, ran: () => void): Promise<ScenarioResult> {
  const relFile = path.relative(cwd, scenario.file) || scenario.file;
  const failingSeeds: number[] = [];
  const failures: Failure[] = [];
  let simulatedMs = 0;
  for (let seed = range.from; seed <= range.to; seed++) {
    const run = await runFuzzScenario({ ...scenario, seed });
    ran();
    simulatedMs += run.outcome.simulatedMs;
    const found: Failure[] = [
      ...run.outcome.failures,
      ...checkInvariants(run)
        .filter((v) => !scenarioAsksFor(scenario, v))
        .map((v): Failure => ({ kind: 'invariant', message: `${v.invariant} (${v.rule}): ${v.message}` })),
    ];
    if (found.length === 0) continue;
    failingSeeds.push(seed);
    if (failingSeeds.length <= SEEDS_SHOWN)
      for (const f of found) failures.push({ kind: f.kind, message: `seed ${seed}: ${f.message}` });
  }
  if (failingSeeds.length > SEEDS_SHOWN) {
    failures.push({
      kind: 'error',
      message:
        `${failingSeeds.length - SEEDS_SHOWN} more failing seed(s) not shown: ` +
        `${failingSeeds.slice(SEEDS_SHOWN).join(', ')}`,
    });
  }
  const first = failingSeeds[0] ?? range.from;
  return {
    name: scenario.name,
    file: relFile,
    status: failingSeeds.length === 0 ? 'passed' : 'failed',
    wallMs: 0,
    simulatedMs,
    seed: range.from,
    failures,
    reproduce: `npx rt-sim run ${quote(relFile)} --seeds ${first}..${first}`,
    failingSeeds,
  };
}

/**
 * Whether the scenario's own expectations ask for what the violation forbids: a scenario that
 * expects a fatal error (or a `session_failed`) tests that path on purpose, so the fuzz
 * invariant against it does not apply. Matched by the event or frame type the violation's
 * would-be expectation counts.
 */
function scenarioAsksFor(scenario: Scenario, v: Violation): boolean {
  const wanted = (e: Scenario['expect'][number]): string | undefined => {
    if ('event' in e && e.count !== 0 && e.max !== 0) return `event:${e.event}`;
    if ('frame' in e && e.count !== 0 && e.max !== 0) return `frame:${e.frame}`;
    return undefined;
  };
  const asked = new Set(scenario.expect.map(wanted).filter((k) => k !== undefined));
  return (v.expect ?? []).some((e) => {
    const key = 'event' in e ? `event:${e.event}` : 'frame' in e ? `frame:${e.frame}` : undefined;
    return key !== undefined && asked.has(key);
  });
}
