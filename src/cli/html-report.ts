import { mkdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { formatHtmlIndex, formatHtmlPage, pageFileName, timelineData } from '../harness/index.js';
import type { HtmlIndexEntry, ScenarioResult, SuiteFileOutcome, SuiteReport } from '../harness/index.js';
import { RtSimError } from '../protocol/index.js';

/**
 * Checks, before anything runs, that `--out` can take the HTML report: a folder, or a new one
 * whose parent exists (it is created). A file there is a usage error, as is no `--out`.
 */
export async function prepareHtmlFolder(out: string | undefined, cwd: string): Promise<string> {
  if (out === undefined)
    throw new RtSimError(
      'RTSIM_CLI_BAD_FLAGS',
      '--reporter html writes a folder of pages (one per scenario and an index.html): name it with --out DIR',
    );
  const full = path.resolve(cwd, out);
  const target = await stat(full).catch(() => undefined);
  if (target !== undefined && !target.isDirectory())
    throw new RtSimError('RTSIM_CLI_BAD_OUT', `--out ${out}: is a file; --reporter html needs a folder for its pages`);
  if (target === undefined) {
    const parent = await stat(path.dirname(full)).catch(() => undefined);
    if (!parent?.isDirectory())
      throw new RtSimError(
        'RTSIM_CLI_BAD_OUT',
        `--out ${out}: the folder ${path.relative(cwd, path.dirname(full)) || path.dirname(full)} does not exist; ` +
          'create it first',
      );
    await mkdir(full);
  }
  return full;
}

/**
 * The HTML report of `rt-sim run --reporter html --out DIR`: each scenario's page is written as
 * its run finishes (its observation is then dropped), and `index.html` at the end.
 */
export class HtmlReport {
  private readonly entries: HtmlIndexEntry[] = [];
  private readonly writes: Promise<void>[] = [];
  private readonly used = new Set<string>(['index.html']);

  constructor(private readonly dir: string) {}

  /** Writes the page of one finished scenario. */
  add(result: ScenarioResult, outcome: SuiteFileOutcome): void {
    const data = timelineData(result, outcome.observation, outcome.firstDifference);
    let page = pageFileName(result.name);
    for (let n = 2; this.used.has(page); n++) page = pageFileName(`${result.name}-${n}`);
    this.used.add(page);
    this.entries.push({ result, page, frames: data.frames.length });
    this.writes.push(writeFile(path.join(this.dir, page), formatHtmlPage(data)));
  }

  /** Waits for the pages, then writes the index. */
  async finish(report: SuiteReport): Promise<void> {
    await Promise.all(this.writes);
    await writeFile(path.join(this.dir, 'index.html'), formatHtmlIndex(report, this.entries));
  }
}
