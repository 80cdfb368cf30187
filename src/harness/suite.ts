import path from 'node:path';
import { RealClock } from '../clock/index.js';
import { describeFirst, goldenDiff } from './diff.js';
import type { GoldenDiff } from './diff.js';
import { formatIssue } from './issue.js';
import { crashedResult, unrunResult } from './crashed-result.js';
import { checkGolden, goldenPath, unownedGoldens } from './golden.js';
import { runInOrder } from './in-order.js';
import { loadScenario, ScenarioError } from './load.js';
import { serializeObservation } from './observation.js';
import type { Observation } from './observation.js';
import { summarise } from './report.js';
import type { Failure, ScenarioResult, SuiteReport } from './report.js';
import { runScenario } from './runner.js';
import type { Scenario } from './scenario.js';
import { blockValidators } from './validators.js';

/** The golden folder the CLI uses unless `--golden-dir` says otherwise. */
export const DEFAULT_GOLDEN_DIR = 'golden';

/** What a scenario run needs to know, all plain data: it may cross to a worker thread. */
export interface SuiteFileOptions {
  /** Folder of the golden files; `<cwd>/golden` by default. */
  goldenDir: string;
  update?: boolean;
  seed?: number;
  /** Working folder, for the file names in reports and reproduce lines. */
  cwd: string;
  /** What carries the frames (see `RunOptions.transport`); the golden files are the same. */
  transport?: 'memory' | 'ws';
  /** Run each scenario this many times (default 1); a run that observes something else than the first fails. */
  repeat?: number;
  /**
   * Hand each run's observation (the first run's, with `repeat`) back on its outcome, for the
   * HTML timeline. Off by default: a long scenario's observation is large, and only a reporter
   * that draws it needs it.
   */
  keepObservation?: boolean;
}

/** How to run a set of scenarios. */
export interface SuiteOptions extends SuiteFileOptions {
  /** Stop after the first scenario that fails (or does not load). */
  bail?: boolean;
  /** Called after each scenario, in the order of the files, for live progress; `outcome` is the whole of it. */
  onResult?: (result: ScenarioResult, outcome: SuiteFileOutcome) => void;
}

/** Where a run first differs from its golden file, as the `golden-diff` failure's message names it. */
export type GoldenDifference = Pick<GoldenDiff, 'line' | 'record' | 'path'>;

/** One scenario file's run: its result, and the golden file it owns (absolute), if it has one. */
export interface SuiteFileOutcome {
  result: ScenarioResult;
  golden?: string;
  /** The run's observation, when `keepObservation` asked for it and the file ran. */
  observation?: Observation;
  /** Where the run first differs from its golden file, when it does. */
  firstDifference?: GoldenDifference;
}

/**
 * Where the files of a suite run: how many at once, and what runs one of them (a worker
 * pool, say). Whatever runs them, the results are reported in the order of the files.
 */
export interface SuiteDispatch {
  concurrency: number;
  runFile: (file: string) => Promise<SuiteFileOutcome>;
}

/**
 * Runs the files in order and compares each with its golden file. A file that does not load
 * is one failing entry (kind `invalid`, with file:line) and the others still run; the CLI
 * exits 2 for it. A run that throws is that file's failure (kind `error`). By default the
 * files run one by one in this thread; `dispatch` (the CLI's `--workers`) may run several at
 * once elsewhere, and results, `onResult` and `bail` still go by the order of the files, so
 * the report is the same however they ran.
 */
export async function runSuite(
  files: readonly string[],
  options: SuiteOptions,
  dispatch: SuiteDispatch = { concurrency: 1, runFile: (file) => runSuiteFile(file, options) },
): Promise<SuiteReport> {
  const wall = new RealClock();
  const started = wall.now();
  const outcomes = await runInOrder(files.length, {
    concurrency: dispatch.concurrency,
    run: (i) =>
      dispatch.runFile(files[i]!).catch((e: unknown): SuiteFileOutcome => ({ result: crashed(files[i]!, e, options) })),
    onResult: (o) => {
      options.onResult?.(o.result, o);
      // Drawn by now: the report keeps results only, and a suite of long runs would hold every observation.
      delete o.observation;
    },
    stopAfter: (o) => options.bail === true && o.result.status === 'failed',
  });
  const results = outcomes.map((o) => o.result);
  const report = summarise(results, Math.round(wall.now() - started));
  // Only a whole run knows which goldens are left over; a bailed one saw too few scenarios.
  if (options.update === true && results.length === files.length) {
    const owned = outcomes.flatMap((o) => (o.golden === undefined ? [] : [o.golden]));
    report.unownedGoldens = (await unownedGoldens(options.goldenDir, owned)).map(
      (f) => path.relative(options.cwd, f) || f,
    );
  }
  return report;
}

/** Loads and runs one scenario file, compares it with its golden file, and times it (wall). */
export async function runSuiteFile(file: string, options: SuiteFileOptions): Promise<SuiteFileOutcome> {
  const wall = new RealClock();
  const t0 = wall.now();
  const loaded = await loadOrInvalid(file, options.cwd);
  if ('failures' in loaded) {
    loaded.wallMs = Math.round(wall.now() - t0);
    return { result: loaded };
  }
  const outcome = await runOne(loaded, options);
  outcome.result.wallMs = Math.round(wall.now() - t0);
  if (loaded.golden) outcome.golden = goldenPath(options.goldenDir, loaded.name);
  return outcome;
}

/** The failing result of a file whose run threw, or whose worker thread died, instead of giving one. */
function crashed(file: string, error: unknown, options: SuiteFileOptions): ScenarioResult {
  const relFile = path.relative(options.cwd, file) || file;
  return crashedResult(relFile, error, reproduceLine(relFile, undefined, options));
}

/** Loads a scenario, or turns the reason it cannot load into a failing result. */
export async function loadOrInvalid(file: string, cwd: string): Promise<Scenario | ScenarioResult> {
  try {
    return await loadScenario(file, blockValidators);
  } catch (e) {
    if (!(e instanceof ScenarioError)) throw e;
    const relFile = path.relative(cwd, file) || file;
    // The issues name the file relative to the process; the report names it relative to `cwd`.
    const message =
      `${e.issues.length} problem${e.issues.length === 1 ? '' : 's'} in ${relFile}:\n` +
      `${e.issues.map((i) => formatIssue({ ...i, file: relFile })).join('\n')}`;
    return unrunResult(relFile, { kind: 'invalid', message }, `npx rt-sim validate ${quote(relFile)}`);
  }
}

async function runOne(scenario: Scenario, options: SuiteFileOptions): Promise<SuiteFileOutcome> {
  const runOptions = {
    ...(options.seed === undefined ? {} : { seed: options.seed }),
    ...(options.transport === undefined ? {} : { transport: options.transport }),
  };
  const outcome = await runScenario(scenario, runOptions);
  const failures: Failure[] = [...outcome.failures];
  const text = serializeObservation(outcome.observation);
  const relFile = path.relative(options.cwd, scenario.file) || scenario.file;
  const result: ScenarioResult = {
    name: scenario.name,
    file: relFile,
    status: 'passed',
    wallMs: 0,
    simulatedMs: outcome.simulatedMs,
    seed: outcome.seed,
    failures,
    reproduce: reproduceLine(relFile, outcome.seed, options),
  };
  const kept: SuiteFileOutcome = { result };
  if (options.keepObservation === true) kept.observation = outcome.observation;

  const repeat = options.repeat ?? 1;
  for (let k = 2; k <= repeat; k++) {
    const again = await runScenario(scenario, runOptions);
    const diff = goldenDiff(text, serializeObservation(again.observation));
    if (diff !== '') {
      failures.push({
        kind: 'nondeterministic',
        message:
          `run ${k} of ${repeat} observed something else than run 1 (same seed ${outcome.seed}); - run 1, + run ` +
          `${k}:\n${diff.replace(/^[^\n]*\n/, '')}`,
      });
      break;
    }
  }
  if (scenario.golden) {
    const file = goldenPath(options.goldenDir, scenario.name);
    const relGolden = path.relative(options.cwd, file) || file;
    // A run that failed is not written as a golden: it would bless the failure.
    const update = options.update === true && failures.length === 0;
    const golden = await checkGolden(file, text, update);
    if (golden.status === 'written') result.goldenWritten = true;
    if (golden.status === 'missing') {
      failures.push({
        kind: 'golden-missing',
        message: `no golden file ${relGolden}; run with --update to write it, then review and commit it`,
      });
    }
    if (golden.status === 'differs') {
      const { line, record, path: at } = golden.diff;
      kept.firstDifference = {
        line,
        ...(record === undefined ? {} : { record }),
        ...(at === undefined ? {} : { path: at }),
      };
      const sections = golden.diff.sections.length > 0 ? ` (${golden.diff.sections.join(', ')})` : '';
      failures.push({
        kind: 'golden-diff',
        message:
          `the run differs from ${relGolden}${sections} first at ` +
          `${describeFirst(golden.diff)}; - golden, + this run:\n${golden.diff.text}`,
      });
    }
  }
  result.status = failures.length === 0 ? 'passed' : 'failed';
  if (result.status === 'failed' && outcome.clientLog.length > 0) result.clientLog = outcome.clientLog;
  return kept;
}

/** The command that reruns one scenario the same way: every flag that changed the run. */
function reproduceLine(relFile: string, seed: number | undefined, options: SuiteFileOptions): string {
  const parts = ['npx rt-sim run', quote(relFile)];
  if (seed !== undefined) parts.push('--seed', String(seed));
  const goldenDir = path.relative(options.cwd, options.goldenDir) || '.';
  if (goldenDir !== DEFAULT_GOLDEN_DIR) parts.push('--golden-dir', quote(goldenDir));
  if (options.transport === 'ws') parts.push('--transport ws');
  return parts.join(' ');
}

/** Quotes a path for a POSIX shell when it holds anything but plain characters. */
export function quote(text: string): string {
  return /^[\w./@:+-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;
}
