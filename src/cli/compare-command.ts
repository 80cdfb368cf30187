/**
 * `rt-sim compare`: two transcripts lined up, every difference listed; exit 1 when they differ.
 */
import path from 'node:path';
import { compareTranscripts, formatComparison, formatComparisonJson, readTranscript } from '../transcript/index.js';
import { EXIT, type CliIo } from './io.js';

/** The flags of `compare`. */
export interface CompareOpts {
  toleranceMs: number;
  json?: boolean;
}

/** Runs `compare` on two transcript files; returns the exit code. */
export async function compareCommand(fileA: string, fileB: string, opts: CompareOpts, io: CliIo): Promise<number> {
  // Structure only: audio references stay references, so WAV files are not read.
  const a = await readTranscript(path.resolve(io.cwd, fileA), { resolveAudio: false });
  const b = await readTranscript(path.resolve(io.cwd, fileB), { resolveAudio: false });
  const sides = [
    { file: fileA, header: a.header },
    { file: fileB, header: b.header },
  ] as const;
  for (const warning of [...(a.warnings ?? []), ...(b.warnings ?? [])]) io.stderr(`rt-sim: warning: ${warning}\n`);
  const result = compareTranscripts(a, b, { toleranceMs: opts.toleranceMs });
  io.stdout(opts.json === true ? formatComparisonJson(result, ...sides) : formatComparison(result, ...sides));
  return result.same ? EXIT.OK : EXIT.FAILED;
}
