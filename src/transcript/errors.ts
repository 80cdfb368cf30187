import { RtSimError } from '../protocol/index.js';
import type { ErrorCode } from '../errors/index.js';

/** Stable codes of the errors `src/transcript` throws. */
export const TRANSCRIPT_ERROR_CODES = {
  /** The transcript file could not be read. */
  NOT_FOUND: 'RTSIM_TRANSCRIPT_NOT_FOUND',
  /** The file has no header line. */
  EMPTY: 'RTSIM_TRANSCRIPT_EMPTY',
  /** A line is not JSON. */
  BAD_JSON: 'RTSIM_TRANSCRIPT_BAD_JSON',
  /** The first line is not a transcript header. */
  BAD_HEADER: 'RTSIM_TRANSCRIPT_BAD_HEADER',
  /** The header names a version this code cannot read. */
  BAD_VERSION: 'RTSIM_TRANSCRIPT_BAD_VERSION',
  /** A record has a missing, unknown or mistyped field. */
  BAD_RECORD: 'RTSIM_TRANSCRIPT_BAD_RECORD',
  /** Records are out of order: time going back, a frame before `open` or after `close`. */
  BAD_ORDER: 'RTSIM_TRANSCRIPT_BAD_ORDER',
  /** An audio reference points at a missing file or outside its data. */
  BAD_AUDIO: 'RTSIM_TRANSCRIPT_BAD_AUDIO',
  /** Bytes that are not a 16-bit PCM WAV file. */
  BAD_WAV: 'RTSIM_TRANSCRIPT_BAD_WAV',
  /** `write` after `close`, or a file system error while writing. */
  WRITE_FAILED: 'RTSIM_TRANSCRIPT_WRITE_FAILED',
} as const satisfies Record<string, ErrorCode>;

/** One of {@link TRANSCRIPT_ERROR_CODES}. */
export type TranscriptErrorCode = (typeof TRANSCRIPT_ERROR_CODES)[keyof typeof TRANSCRIPT_ERROR_CODES];

/** Where in a transcript something went wrong. */
export interface TranscriptPlace {
  file: string;
  /** 1-based line; 0 for the file as a whole. */
  line: number;
}

/**
 * An error pointing at `file:line`, saying what was expected, what came, and how to fix it:
 * `rec.rtsim.jsonl:3: expected "dir" to be "c2s" or "s2c", got "up"; fix: …`.
 */
export function transcriptError(
  code: TranscriptErrorCode,
  at: TranscriptPlace,
  problem: string,
  fix: string,
): RtSimError {
  const where = at.line > 0 ? `${at.file}:${at.line}` : at.file;
  return new RtSimError(code, `${where}: ${problem}; fix: ${fix}`, { file: at.file, line: at.line });
}
