/**
 * `rt-sim merge`: the JSON reports of a fuzz campaign's shards merged into one; exit 1 when a
 * shard failed, 2 when the reports do not make one campaign.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { formatFuzzJsonReport, mergeFuzzReports, type NamedReport } from '../fuzz/index.js';
import { RtSimError } from '../protocol/index.js';
import { checkOutputPath } from './flag-checks.js';
import { EXIT, type CliIo } from './io.js';

/** The flags of `merge`. */
export interface MergeOpts {
  out?: string;
}

/** Runs `merge`; returns the exit code. */
export async function mergeCommand(files: readonly string[], opts: MergeOpts, io: CliIo): Promise<number> {
  await checkOutputPath(opts.out, '--out', io.cwd);
  const inputs: NamedReport[] = [];
  for (const file of files) inputs.push({ file, report: await readJson(file, io.cwd) });
  const merged = mergeFuzzReports(inputs);
  const text = formatFuzzJsonReport(merged);
  if (opts.out === undefined) io.stdout(text);
  else {
    await writeFile(path.resolve(io.cwd, opts.out), text);
    const verdict = merged.failure
      ? `FAILED: seed ${merged.seed}, path ${merged.failure.path}; reproduce: ${merged.failure.reproduce[0] ?? ''}`
      : `all ${merged.invariants.length} invariants held`;
    const cases = `${merged.casesRun} case(s) of ${merged.runs}`;
    io.stdout(`merge: ${files.length} report(s), ${cases}, seed ${merged.seed}; ${verdict}\n`);
  }
  return merged.passed ? EXIT.OK : EXIT.FAILED;
}

async function readJson(file: string, cwd: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path.resolve(cwd, file), 'utf8');
  } catch (e) {
    throw new RtSimError(
      'RTSIM_FUZZ_BAD_REPORT',
      `${file}: cannot be read (${(e as NodeJS.ErrnoException).code ?? e})`,
    );
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new RtSimError('RTSIM_FUZZ_BAD_REPORT', `${file}: not JSON (write fuzz reports with --reporter json)`);
  }
}
