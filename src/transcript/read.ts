import { readFile } from 'node:fs/promises';
import { TRANSCRIPT_ERROR_CODES, transcriptError } from './errors.js';
import { parseTranscript } from './parse.js';
import type { Transcript } from './transcript.js';

/** Options of {@link readTranscript}. */
export interface ReadTranscriptOptions {
  /** Replace audio references with base64 read from the WAV files. Default true. */
  resolveAudio?: boolean;
}

/**
 * Reads a transcript file, by default with its audio references resolved back to base64, so
 * every frame is what went over the wire (up to JSON whitespace and redaction). Errors as
 * {@link parseTranscript}, plus RTSIM_TRANSCRIPT_NOT_FOUND when the file cannot be read.
 */
export async function readTranscript(file: string, options: ReadTranscriptOptions = {}): Promise<Transcript> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw transcriptError(
      TRANSCRIPT_ERROR_CODES.NOT_FOUND,
      { file, line: 0 },
      `expected a readable transcript file, got ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
      'check the path (transcripts are usually named *.rtsim.jsonl)',
    );
  }
  return parseTranscript(text, { file, resolveAudio: options.resolveAudio ?? true });
}
