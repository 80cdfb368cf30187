import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import {
  DEFAULT_GOLDEN_DIR,
  discoverScenarios,
  formatConsoleSummary,
  formatJsonReport,
  formatJunitReport,
  formatScenarioResult,
  loadOrInvalid,
  parseShard,
  runSuite,
  selectShard,
  wantsColor,
} from '../harness/index.js';
import type {
  ConsoleStyle,
  ScenarioResult,
  SuiteFileOptions,
  SuiteFileOutcome,
  SuiteReport,
} from '../harness/index.js';
import { RtSimError } from '../protocol/index.js';
import { EXIT } from './io.js';
import type { CliIo } from './io.js';
import { createProgress, PROGRESS_DELAY_MS } from './progress.js';
import { openRunPool, workerCount } from './run-dispatch.js';
import { checkOutputPath } from './flag-checks.js';
import { HtmlReport, prepareHtmlFolder } from './html-report.js';
import { sweepSeeds } from './seed-sweep.js';
import type { SeedRange } from './seed-sweep.js';

/** The report formats of `rt-sim run --reporter`. */
export const REPORTERS = ['console', 'json', 'junit', 'html'] as const;

/** The options of `rt-sim run`, as commander parses them. */
export interface RunOpts {
  update?: boolean;
  reporter: (typeof REPORTERS)[number];
  out?: string;
  transport: 'memory' | 'ws';
  shard?: string;
  seed?: number;
  seeds?: SeedRange;
  goldenDir: string;
  bail?: boolean;
  list?: boolean;
  repeat: number;
  /** Worker threads (default: one per core); 1 runs in this thread. */
  workers?: number;
}

/**
 * `rt-sim run`: runs the scenarios under `paths` and returns the exit code: 2 when any file
 * was invalid, else 1 when any scenario failed, else 0. The console report goes out one
 * scenario at a time as each finishes; JSON and JUnit are written whole at the end; HTML is a
 * folder (`--out`) with each scenario's page written as it finishes and an index at the end. With
 * several workers the scenarios run in worker threads and the report is the same, in the
 * same order (run-dispatch.ts); `--list` never starts any.
 */
export async function runCommand(paths: string[], opts: RunOpts, io: CliIo): Promise<number> {
  checkCombination(opts);
  // `--list` writes no report: an HTML folder is neither checked nor created.
  const drawing = opts.reporter === 'html' && opts.list !== true;
  const html = drawing ? new HtmlReport(await prepareHtmlFolder(opts.out, io.cwd)) : undefined;
  if (opts.reporter !== 'html') await checkOutputPath(opts.out, '--out', io.cwd);
  const resolved = paths.map((p) => path.resolve(io.cwd, p));
  let files = await discoverScenarios(resolved);
  if (opts.shard) files = selectShard(files, parseShard(opts.shard));
  if (opts.list === true) return listCommand(files, io);
  const style: ConsoleStyle = { color: wantsColor(io.terminal !== undefined, io.env) };
  // The console report is live unless stdout carries the JSON or JUnit text.
  const live = opts.reporter === 'console' || opts.out !== undefined;
  const total = opts.seeds ? files.length * (opts.seeds.to - opts.seeds.from + 1) : files.length * opts.repeat;
  const progress = createProgress(live ? io : { ...io, terminal: undefined }, total, {
    delayMs: PROGRESS_DELAY_MS,
    label: opts.seeds ? 'runs' : 'scenarios',
  });
  let done = 0;
  const onResult = (r: ScenarioResult, outcome?: SuiteFileOutcome): void => {
    if (live) progress.line(formatScenarioResult(r, style));
    if (html && outcome) html.add(r, outcome);
    if (opts.seeds) return;
    done += opts.repeat;
    progress.tick(done);
  };
  const fileOptions: SuiteFileOptions = {
    goldenDir: path.resolve(io.cwd, opts.goldenDir),
    update: opts.update === true,
    cwd: io.cwd,
    transport: opts.transport,
    repeat: opts.repeat,
    ...(opts.seed === undefined ? {} : { seed: opts.seed }),
    ...(html ? { keepObservation: true } : {}),
  };
  const workers = workerCount(opts, files.length);
  const pool = workers > 1 ? openRunPool(workers) : undefined;
  let report: SuiteReport;
  try {
    report = opts.seeds
      ? await sweepSeeds(
          files,
          opts.seeds,
          { cwd: io.cwd, bail: opts.bail === true, onResult, onRun: (n) => progress.tick(n) },
          pool?.sweep(opts.seeds, io.cwd),
        )
      : await runSuite(files, { ...fileOptions, bail: opts.bail === true, onResult }, pool?.suite(fileOptions));
  } finally {
    progress.stop();
    await pool?.destroy();
  }
  if (live) io.stdout(formatConsoleSummary(report, style));
  if (html) {
    await html.finish(report);
    io.stdout(`HTML timeline: ${path.join(opts.out ?? '.', 'index.html')}\n`);
  } else if (opts.out) await writeFile(path.resolve(io.cwd, opts.out), format(report, opts.reporter));
  else if (!live) io.stdout(format(report, opts.reporter));
  if (report.summary.invalid > 0) return EXIT.USAGE;
  return report.summary.failed > 0 ? EXIT.FAILED : EXIT.OK;
}

/** `--list`: the scenarios a run would run, in order, each checked but none run. */
async function listCommand(files: readonly string[], io: CliIo): Promise<number> {
  let invalid = 0;
  for (const file of files) {
    const loaded = await loadOrInvalid(file, io.cwd);
    if ('failures' in loaded) {
      invalid++;
      io.stdout(
        `INVALID  ${loaded.file}\n${loaded.failures.map((f) => `  ${f.message.split('\n').join('\n  ')}\n`).join('')}`,
      );
    } else {
      const rel = path.relative(io.cwd, loaded.file) || loaded.file;
      io.stdout(`${loaded.name}  ${rel}  seed ${loaded.seed}${loaded.golden ? '' : '  (no golden)'}\n`);
    }
  }
  io.stdout(`${files.length} scenario file(s)${invalid > 0 ? `, ${invalid} invalid` : ''}\n`);
  return invalid > 0 ? EXIT.USAGE : EXIT.OK;
}

/** Flags that contradict each other are a usage error before anything runs. */
function checkCombination(opts: RunOpts): void {
  if (!opts.seeds) return;
  const clash = [
    opts.reporter === 'html' ? '--reporter html (it draws one run per scenario)' : undefined,
    opts.seed !== undefined ? '--seed' : undefined,
    opts.update === true ? '--update' : undefined,
    opts.transport === 'ws' ? '--transport ws' : undefined,
    opts.repeat !== 1 ? '--repeat' : undefined,
    opts.goldenDir !== DEFAULT_GOLDEN_DIR ? '--golden-dir' : undefined,
  ].filter((f) => f !== undefined);
  if (clash.length > 0) {
    throw new RtSimError(
      'RTSIM_CLI_BAD_FLAGS',
      `--seeds sweeps seeds in memory without golden files, so it cannot go with ${clash.join(', ')}`,
    );
  }
}

function format(report: SuiteReport, reporter: RunOpts['reporter']): string {
  if (reporter === 'json') return formatJsonReport(report);
  if (reporter === 'junit') return formatJunitReport(report);
  return `${report.scenarios.map((r) => formatScenarioResult(r)).join('')}${formatConsoleSummary(report)}`;
}
