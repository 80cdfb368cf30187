import path from 'node:path';

/** Conventional extension of a transcript file. */
export const TRANSCRIPT_EXTENSION = '.rtsim.jsonl';

/**
 * Folder holding a transcript's WAV files, beside it: `calls/hello.rtsim.jsonl` →
 * `calls/hello.audio`.
 */
export function audioDirFor(file: string): string {
  const base = path.basename(file);
  const stem = base.endsWith(TRANSCRIPT_EXTENSION)
    ? base.slice(0, -TRANSCRIPT_EXTENSION.length)
    : base.endsWith('.jsonl')
      ? base.slice(0, -'.jsonl'.length)
      : base;
  return path.join(path.dirname(file), `${stem}.audio`);
}

/** Name of the WAV file holding the audio of one direction of one connection. */
export function audioFileName(conn: number, dir: 'c2s' | 's2c'): string {
  return `conn-${conn}-${dir}.wav`;
}
