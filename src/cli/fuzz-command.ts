/**
 * `rt-sim fuzz`: generated cases run against the client's invariants, with a progress bar; exit 1
 * when one fails (its scenario file is written to `--out`).
 */
import { formatFuzzReport, runFuzz, type FuzzReport } from '../fuzz/index.js';
import { EXIT, type CliIo } from './io.js';
import { createProgress } from './progress.js';

/** The flags of `fuzz`. */
export interface FuzzOpts {
  runs: number;
  seed: number;
  out: string;
  path?: string;
}

/** Runs `fuzz`; returns the exit code. */
export async function fuzzCommand(opts: FuzzOpts, io: CliIo): Promise<number> {
  io.stdout(
    `fuzz: seed ${opts.seed}, ${opts.path === undefined ? `${opts.runs} run(s)` : `replaying path ${opts.path}`}\n`,
  );
  // A bar on a terminal from the start: a fuzz run is long, and prints nothing until its report.
  const progress = createProgress(io, opts.runs, { delayMs: 0, label: 'fuzz' });
  let report: FuzzReport;
  try {
    report = await runFuzz({
      runs: opts.runs,
      seed: opts.seed,
      outDir: opts.out,
      cwd: io.cwd,
      onRun: (n) => progress.tick(n),
      ...(opts.path === undefined ? {} : { path: opts.path }),
    });
  } finally {
    progress.stop();
  }
  io.stdout(formatFuzzReport(report, io.cwd));
  return report.passed ? EXIT.OK : EXIT.FAILED;
}
