import path from 'node:path';
import { RealClock } from '../clock/index.js';
import { describeFirst } from './diff.js';
import { checkGolden, goldenPath } from './golden.js';
import { loadScenario } from './load.js';
import { serializeObservation } from './observation.js';
import { summarise } from './report.js';
import type { Failure, ScenarioResult, SuiteReport } from './report.js';
import { runScenario } from './runner.js';
import { blockValidators } from './validators.js';

/** How to run a set of scenarios. */
export interface SuiteOptions {
  /** Folder of the golden files; `<cwd>/golden` by default. */
  goldenDir: string;
  update?: boolean;
  seed?: number;
  /** Working folder, for the file names in reports and reproduce lines. */
  cwd: string;
  /** What carries the frames (see `RunOptions.transport`); the golden files are the same. */
  transport?: 'memory' | 'ws';
  /** Called after each scenario, for live progress. */
  onResult?: (result: ScenarioResult) => void;
}

/**
 * Loads every file first (an invalid file stops the suite before anything runs: exit 2),
 * then runs them one by one and compares each with its golden file.
 */
export async function runSuite(files: readonly string[], options: SuiteOptions): Promise<SuiteReport> {
  const wall = new RealClock();
  const started = wall.now();
  const scenarios = [];
  for (const file of files) scenarios.push(await loadScenario(file, blockValidators));
  const results: ScenarioResult[] = [];
  for (const scenario of scenarios) {
    const t0 = wall.now();
    const outcome = await runScenario(scenario, {
      ...(options.seed === undefined ? {} : { seed: options.seed }),
      ...(options.transport === undefined ? {} : { transport: options.transport }),
    });
    const failures: Failure[] = [...outcome.failures];
    const relFile = path.relative(options.cwd, scenario.file) || scenario.file;
    const result: ScenarioResult = {
      name: scenario.name,
      file: relFile,
      status: 'passed',
      wallMs: 0,
      simulatedMs: outcome.simulatedMs,
      seed: outcome.seed,
      failures,
      reproduce: `npx rt-sim run ${relFile} --seed ${outcome.seed}${options.transport === 'ws' ? ' --transport ws' : ''}`,
    };
    if (scenario.golden) {
      const file = goldenPath(options.goldenDir, scenario.name);
      const relGolden = path.relative(options.cwd, file) || file;
      // A run that failed is not written as a golden: it would bless the failure.
      const update = options.update === true && failures.length === 0;
      const golden = await checkGolden(file, serializeObservation(outcome.observation), update);
      if (golden.status === 'written') result.goldenWritten = true;
      if (golden.status === 'missing') {
        failures.push({ kind: 'golden-missing', message: `no golden file ${relGolden}; run with --update to write it, then review and commit it` });
      }
      if (golden.status === 'differs') {
        const sections = golden.diff.sections.length > 0 ? ` (${golden.diff.sections.join(', ')})` : '';
        failures.push({ kind: 'golden-diff', message: `the run differs from ${relGolden}${sections} first at ${describeFirst(golden.diff)}; - golden, + this run:\n${golden.diff.text}` });
      }
    }
    result.wallMs = Math.round(wall.now() - t0);
    result.status = failures.length === 0 ? 'passed' : 'failed';
    results.push(result);
    options.onResult?.(result);
  }
  return summarise(results, Math.round(wall.now() - started));
}
