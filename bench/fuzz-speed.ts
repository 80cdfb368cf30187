/**
 * Fuzz speed (P3): `rt-sim fuzz --runs N` as CI runs it (the built CLI, full client and
 * simulator, every invariant), with one worker thread (the baseline) and with every core
 * (`os.availableParallelism()`), each `repeats` times, alternating so both see the same load.
 *
 * A figure is cases per second of the campaign's wall time as the fuzz report gives it
 * (`wallMs` of `--reporter json`: worker start-up included, node's own start-up not).
 * Target: {@link MIN_FUZZ_CASES_PER_SECOND} on every core. Runs dist/ (`npm run bench` builds it first).
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { atLeast, median, table } from './common.js';
import type { Target } from './common.js';

export const MIN_FUZZ_CASES_PER_SECOND = 400;

const ROOT = path.resolve(import.meta.dirname, '..');
const BIN = path.join(ROOT, 'bin', 'rt-sim.js');

export interface FuzzSpeedRow {
  workers: number;
  /** Cases per second of each repeat, in order. */
  casesPerSecond: number[];
  median: number;
}

export interface FuzzSpeedResult {
  runs: number;
  repeats: number;
  cores: number;
  rows: FuzzSpeedRow[];
  /** Median with every core over median with one. */
  speedup: number;
  targets: Target[];
}

/** One `rt-sim fuzz` process; its cases per second from its JSON report. */
async function once(runs: number, workers: number, cwd: string): Promise<number> {
  const args = [BIN, 'fuzz', '--runs', String(runs), '--workers', String(workers), '--reporter', 'json'];
  const { stdout } = await promisify(execFile)(process.execPath, args, { cwd, maxBuffer: 64 * 1024 * 1024 });
  const report = JSON.parse(stdout) as { casesRun: number; wallMs: number; passed: boolean };
  if (!report.passed) throw new Error(`fuzz --runs ${runs} --workers ${workers} failed: the figures would not compare`);
  return report.casesRun / (report.wallMs / 1000);
}

export async function fuzzSpeed(opts: { runs: number; repeats: number }): Promise<FuzzSpeedResult> {
  if (!existsSync(path.join(ROOT, 'dist', 'cli', 'main.js')))
    throw new Error('bench fuzz runs the built CLI: run `npm run build` first');
  const cores = os.availableParallelism();
  const counts = cores > 1 ? [1, cores] : [1];
  const figures = new Map<number, number[]>(counts.map((w) => [w, []]));
  // An empty folder: a failure's scenario file must not land in the repo.
  const cwd = await mkdtemp(path.join(os.tmpdir(), 'rtsim-bench-fuzz-'));
  try {
    for (let i = 0; i < opts.repeats; i++)
      for (const workers of counts) figures.get(workers)!.push(await once(opts.runs, workers, cwd));
  } finally {
    await rm(cwd, { recursive: true, force: true });
  }
  const rows = counts.map((workers) => {
    const casesPerSecond = figures.get(workers)!;
    return { workers, casesPerSecond, median: median(casesPerSecond) };
  });
  const all = rows.at(-1)!;
  return {
    runs: opts.runs,
    repeats: opts.repeats,
    cores,
    rows,
    speedup: all.median / rows[0]!.median,
    targets: [
      {
        ...atLeast(
          `P3 fuzz cases per second, every core (${all.workers} worker(s), median of ${opts.repeats})`,
          all.median,
          MIN_FUZZ_CASES_PER_SECOND,
          'cases/s',
          0,
        ),
        beside: { label: 'one worker', figure: rows[0]!.median },
      },
    ],
  };
}

export function formatFuzzSpeed(r: FuzzSpeedResult): string {
  const rows = r.rows.map((row) => [
    String(row.workers),
    row.median.toFixed(0),
    row.casesPerSecond.map((x) => x.toFixed(0)).join(' '),
  ]);
  return [
    `Fuzz speed: rt-sim fuzz --runs ${r.runs}, ${r.repeats} time(s) per worker count, ${r.cores} core(s)`,
    table(['workers', 'cases/s (median)', 'cases/s (each run)'], rows),
    `every core / one worker: ${r.speedup.toFixed(2)}x`,
  ].join('\n');
}
