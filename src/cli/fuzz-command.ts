/**
 * `rt-sim fuzz`: generated cases run against the client's invariants, with a progress bar; exit 1
 * when one fails (its scenario file is written to `--out`).
 */
import { writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {
  casesOf,
  formatFuzzJsonReport,
  formatFuzzReport,
  runFuzz,
  toFuzzJsonReport,
  type FuzzReport,
  type FuzzShard,
} from '../fuzz/index.js';
import { parseShard } from '../harness/index.js';
import { RtSimError } from '../protocol/index.js';
import { checkOutputPath } from './flag-checks.js';
import { EXIT, type CliIo } from './io.js';
import { createProgress } from './progress.js';

/** The report formats of `rt-sim fuzz --reporter`. */
export const FUZZ_REPORTERS = ['console', 'json'] as const;

/** The flags of `fuzz`. */
export interface FuzzOpts {
  runs: number;
  seed: number;
  out: string;
  path?: string;
  /** Threads that run the cases (default: the machine's, `os.availableParallelism()`). */
  workers?: number;
  /** `I/N`, as `run --shard` takes it. */
  shard?: string;
  reporter: (typeof FUZZ_REPORTERS)[number];
  /** File for the JSON report (`--report-file`); without it the JSON goes to stdout. */
  reportFile?: string;
}

/** Runs `fuzz`; returns the exit code. */
export async function fuzzCommand(opts: FuzzOpts, io: CliIo): Promise<number> {
  const shard = opts.shard === undefined ? undefined : parseShard(opts.shard);
  checkCombination(opts);
  await checkOutputPath(opts.reportFile, '--report-file', io.cwd);
  const json = opts.reporter === 'json';
  // The console report is live unless stdout carries the JSON.
  const live = !json || opts.reportFile !== undefined;
  const workers = opts.workers ?? os.availableParallelism();
  if (live) io.stdout(`${header(opts, shard, workers)}\n`);
  // A bar on a terminal from the start: a fuzz run is long, and prints nothing until its report.
  const total = opts.path === undefined ? casesOf(opts.runs, shard) : 1;
  const progress = createProgress(live ? io : { ...io, terminal: undefined }, total, { delayMs: 0, label: 'fuzz' });
  let report: FuzzReport;
  try {
    report = await runFuzz({
      runs: opts.runs,
      seed: opts.seed,
      outDir: opts.out,
      cwd: io.cwd,
      workers,
      onRun: (n) => progress.tick(n),
      ...(opts.path === undefined ? {} : { path: opts.path }),
      ...(shard === undefined ? {} : { shard }),
    });
  } finally {
    progress.stop();
  }
  if (live) io.stdout(formatFuzzReport(report, io.cwd));
  if (json) {
    const text = formatFuzzJsonReport(toFuzzJsonReport(report, io.cwd));
    if (opts.reportFile === undefined) io.stdout(text);
    else await writeFile(path.resolve(io.cwd, opts.reportFile), text);
  }
  return report.passed ? EXIT.OK : EXIT.FAILED;
}

/** The first line: what runs (the seed first, so a log always has it). */
function header(opts: FuzzOpts, shard: FuzzShard | undefined, workers: number): string {
  if (opts.path !== undefined) return `fuzz: seed ${opts.seed}, replaying path ${opts.path}`;
  const parts = [`fuzz: seed ${opts.seed}, ${opts.runs} run(s)`];
  if (shard) parts.push(`shard ${shard.index}/${shard.count} (${casesOf(opts.runs, shard)} case(s))`);
  const threads = Math.min(workers, casesOf(opts.runs, shard));
  if (threads > 1) parts.push(`${threads} threads`);
  return parts.join(', ');
}

/** Flags that contradict each other are a usage error before anything runs. */
function checkCombination(opts: FuzzOpts): void {
  if (opts.path !== undefined && opts.shard !== undefined)
    throw new RtSimError(
      'RTSIM_CLI_BAD_FLAGS',
      '--path replays one case of the whole campaign, so it cannot go with --shard (the path printed is global)',
    );
  if (opts.reportFile !== undefined && opts.reporter !== 'json')
    throw new RtSimError('RTSIM_CLI_BAD_FLAGS', '--report-file writes the JSON report: give --reporter json with it');
}
