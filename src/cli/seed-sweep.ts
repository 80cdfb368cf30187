import path from 'node:path';
import { InvalidArgumentError } from 'commander';
import { RealClock } from '../clock/index.js';
import { checkInvariants, runFuzzScenario } from '../fuzz/index.js';
import { loadOrInvalid, quote, summarise } from '../harness/index.js';
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
  /** Called after every run, with the number of runs done so far. */
  onRun?: (runs: number) => void;
}

/**
 * Runs every scenario under every seed of `range` and checks its expectations and the fuzz
 * invariants, not its golden file: a golden file holds one seed's run, so another seed
 * changes it by design. A scenario fails when any seed does; its result lists those seeds.
 */
export async function sweepSeeds(
  files: readonly string[],
  range: SeedRange,
  options: SweepOptions,
): Promise<SuiteReport> {
  const wall = new RealClock();
  const started = wall.now();
  const results: ScenarioResult[] = [];
  let runs = 0;
  for (const file of files) {
    const t0 = wall.now();
    const loaded = await loadOrInvalid(file, options.cwd);
    let result: ScenarioResult;
    if ('failures' in loaded) {
      result = loaded;
    } else {
      result = await sweepOne(loaded, range, options.cwd, () => options.onRun?.(++runs));
    }
    result.wallMs = Math.round(wall.now() - t0);
    results.push(result);
    options.onResult?.(result);
    if (options.bail === true && result.status === 'failed') break;
  }
  return summarise(results, Math.round(wall.now() - started));
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
