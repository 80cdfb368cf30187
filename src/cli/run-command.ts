import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { discoverScenarios, formatConsoleReport, formatJsonReport, formatJunitReport, parseShard, runSuite, selectShard } from '../harness/index.js';
import type { SuiteReport } from '../harness/index.js';
import { EXIT } from './io.js';
import type { CliIo } from './io.js';

/** The report formats of `rt-sim run --reporter`. */
export const REPORTERS = ['console', 'json', 'junit'] as const;

/** The options of `rt-sim run`, as commander parses them. */
export interface RunOpts {
  update?: boolean;
  reporter: (typeof REPORTERS)[number];
  out?: string;
  transport: 'memory' | 'ws';
  shard?: string;
  seed?: number;
  goldenDir: string;
}

/** `rt-sim run`: runs the scenarios under `paths` and returns the exit code. */
export async function runCommand(paths: string[], opts: RunOpts, io: CliIo): Promise<number> {
  const resolved = paths.map((p) => path.resolve(io.cwd, p));
  let files = await discoverScenarios(resolved);
  if (opts.shard) files = selectShard(files, parseShard(opts.shard));
  const live = opts.reporter === 'console' && !opts.out;
  const report = await runSuite(files, {
    goldenDir: path.resolve(io.cwd, opts.goldenDir),
    update: opts.update === true,
    cwd: io.cwd,
    transport: opts.transport,
    ...(opts.seed === undefined ? {} : { seed: opts.seed }),
  });
  const text = format(report, opts.reporter);
  if (opts.out) {
    await writeFile(path.resolve(io.cwd, opts.out), text);
    io.stdout(formatConsoleReport(report));
  } else {
    io.stdout(live ? formatConsoleReport(report) : text);
  }
  return report.summary.failed > 0 ? EXIT.FAILED : EXIT.OK;
}

function format(report: SuiteReport, reporter: RunOpts['reporter']): string {
  if (reporter === 'json') return formatJsonReport(report);
  if (reporter === 'junit') return formatJunitReport(report);
  return formatConsoleReport(report);
}
