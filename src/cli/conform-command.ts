/**
 * `rt-sim conform`: the scenarios marked `conform: true` (default: the bundled ones) played
 * through an adapter of any client (docs/conform.md); a report of rules × pass / fail / not
 * applicable. Exit 0 when every applicable scenario passed, 1 when one failed.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import pLimit from 'p-limit';
import {
  buildReport,
  conformScenario,
  DEFAULT_CONFORM_TIMEOUT_MS,
  formatConformConsole,
  formatConformHtml,
  formatConformJson,
  type ConformResult,
} from '../conform/index.js';
import { blockValidators, discoverScenarios, loadScenario } from '../harness/index.js';
import { RtSimError } from '../protocol/index.js';
import { checkOutputPath } from './flag-checks.js';
import { EXIT, type CliIo } from './io.js';

/** The report formats of `conform`. */
export const CONFORM_REPORTERS = ['console', 'json', 'html'] as const;

/** The flags of `conform`. */
export interface ConformOpts {
  adapter: string;
  reporter: (typeof CONFORM_REPORTERS)[number];
  out?: string;
  timeout: number;
  /** Scenarios played at once (`--concurrency`). */
  concurrency: number;
}

export { DEFAULT_CONFORM_TIMEOUT_MS };

/** Runs `conform` on `paths` (the bundled scenarios folder when none); returns the exit code. */
export async function conformCommand(paths: string[], bundled: string, opts: ConformOpts, io: CliIo): Promise<number> {
  if (opts.adapter.trim() === '')
    throw new RtSimError('RTSIM_CONFORM_NO_ADAPTER', '--adapter: give the command that starts the adapter');
  if (opts.reporter === 'html' && opts.out === undefined)
    throw new RtSimError('RTSIM_CONFORM_NEEDS_OUT', '--reporter html needs --out FILE for the page');
  await checkOutputPath(opts.out, '--out', io.cwd);
  const files = await discoverScenarios(paths.length === 0 ? [bundled] : paths.map((p) => path.resolve(io.cwd, p)));
  const scenarios = [];
  for (const file of files) {
    const scenario = await loadScenario(file, blockValidators);
    if (scenario.conform === true) scenarios.push(scenario);
  }
  if (scenarios.length === 0)
    throw new RtSimError(
      'RTSIM_CONFORM_NO_SCENARIOS',
      `none of the ${files.length} scenario(s) given is marked conform: true`,
    );
  const limit = pLimit(opts.concurrency);
  const results: ConformResult[] = await Promise.all(
    scenarios.map((scenario) =>
      limit(async () => {
        const result = await conformScenario(scenario, { adapter: opts.adapter, cwd: io.cwd, timeoutMs: opts.timeout });
        io.stderr(
          `${result.status === 'failed' ? 'FAIL' : result.status === 'passed' ? 'pass' : 'n/a '} ${scenario.name}\n`,
        );
        return result;
      }),
    ),
  );
  const report = buildReport(opts.adapter, results);
  const text =
    opts.reporter === 'html' ? formatConformHtml(report) : opts.reporter === 'json' ? formatConformJson(report) : '';
  if (opts.out !== undefined) await writeFile(path.resolve(io.cwd, opts.out), text || formatConformJson(report));
  if (opts.reporter === 'json' && opts.out === undefined) io.stdout(text);
  else io.stdout(formatConformConsole(report));
  return report.totals.failed > 0 ? EXIT.FAILED : EXIT.OK;
}
