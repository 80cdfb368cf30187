/**
 * Scenario speed: every bundled scenario (scenarios/*.yaml, as `rt-sim run scenarios` finds
 * them) is loaded once and run `runs` times under the virtual clock, as the CLI runs it
 * (runScenario; the golden comparison is left out: it is file I/O, not simulation).
 *
 * Per scenario: the median wall time of one run, the simulated (virtual) time and their
 * ratio. Target: the whole suite (sum of simulated ms over sum of median wall ms) runs at
 * least {@link MIN_SUITE_SPEEDUP} times faster than real time.
 */
import path from 'node:path';
import { blockValidators, discoverScenarios, loadScenario, runScenario } from '../dist/harness/index.js';
import { atLeast, median, table } from './common.js';
import type { Target } from './common.js';

export const MIN_SUITE_SPEEDUP = 20;

export interface ScenarioSpeedRow {
  name: string;
  file: string;
  runs: number;
  wallMsMedian: number;
  wallMsMin: number;
  wallMsMax: number;
  simulatedMs: number;
  speedup: number;
  /** Failures of the last run (expectations, timeouts): reported, not a speed target. */
  failures: string[];
}

export interface ScenarioSpeedResult {
  runs: number;
  scenarios: ScenarioSpeedRow[];
  total: { wallMsMedian: number; simulatedMs: number; speedup: number };
  targets: Target[];
}

export async function scenarioSpeed(opts: { dir: string; runs: number; cwd: string }): Promise<ScenarioSpeedResult> {
  const files = await discoverScenarios([opts.dir]);
  const rows: ScenarioSpeedRow[] = [];
  for (const file of files) {
    const scenario = await loadScenario(file, blockValidators);
    const walls: number[] = [];
    let simulatedMs = 0;
    let failures: string[] = [];
    for (let i = 0; i < opts.runs; i++) {
      const t0 = performance.now();
      const outcome = await runScenario(scenario);
      walls.push(performance.now() - t0);
      simulatedMs = outcome.simulatedMs;
      failures = outcome.failures.map((f) => `${f.kind}: ${f.message.split('\n')[0]}`);
    }
    const wallMsMedian = median(walls);
    rows.push({
      name: scenario.name,
      file: path.relative(opts.cwd, file),
      runs: opts.runs,
      wallMsMedian,
      wallMsMin: Math.min(...walls),
      wallMsMax: Math.max(...walls),
      simulatedMs,
      speedup: simulatedMs / wallMsMedian,
      failures,
    });
  }
  const wall = rows.reduce((n, r) => n + r.wallMsMedian, 0);
  const simulated = rows.reduce((n, r) => n + r.simulatedMs, 0);
  const speedup = simulated / wall;
  return {
    runs: opts.runs,
    scenarios: rows,
    total: { wallMsMedian: wall, simulatedMs: simulated, speedup },
    targets: [
      atLeast(
        `scenario suite speed-up (${rows.length} scenarios, simulated / median wall)`,
        speedup,
        MIN_SUITE_SPEEDUP,
        'x realtime',
      ),
    ],
  };
}

export function formatScenarioSpeed(r: ScenarioSpeedResult): string {
  const rows = r.scenarios.map((s) => [
    s.name,
    s.wallMsMedian.toFixed(1),
    `${s.wallMsMin.toFixed(1)}-${s.wallMsMax.toFixed(1)}`,
    String(s.simulatedMs),
    s.speedup.toFixed(1),
    s.failures.length === 0 ? 'ok' : `FAILED (${s.failures.length})`,
  ]);
  rows.push([
    'total',
    r.total.wallMsMedian.toFixed(1),
    '',
    String(r.total.simulatedMs),
    r.total.speedup.toFixed(1),
    '',
  ]);
  const lines = [
    `Scenario speed: each scenario run ${r.runs} times (virtual clock, no golden I/O)`,
    table(['scenario', 'wall ms (median)', 'wall ms (min-max)', 'simulated ms', 'x realtime', 'run'], rows),
  ];
  for (const s of r.scenarios)
    for (const f of s.failures) lines.push(`  note: ${s.name} did not pass (${f}); its speed is still reported`);
  return lines.join('\n');
}
