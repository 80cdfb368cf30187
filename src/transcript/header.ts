/** First value of every transcript header line; tells a transcript from any other JSONL file. */
export const TRANSCRIPT_MAGIC = 'transcript';
/** The format version this code writes and reads. */
export const TRANSCRIPT_VERSION = 1;

/**
 * First line of a transcript. Everything but `rtsim` and `version` is informative: the
 * replay engine does not need it.
 */
export interface TranscriptHeader {
  rtsim: typeof TRANSCRIPT_MAGIC;
  version: typeof TRANSCRIPT_VERSION;
  /** ISO 8601 time the recording started. */
  recordedAt?: string;
  /** The upstream the recorder forwarded to, secrets redacted. */
  upstream?: string;
  /** The model asked for, when known (`?model=` of the upstream URL). */
  model?: string;
  /** Free text for humans. */
  notes?: string;
}

/** A header with the given optional fields. */
export function transcriptHeader(fields: Omit<TranscriptHeader, 'rtsim' | 'version'> = {}): TranscriptHeader {
  return { rtsim: TRANSCRIPT_MAGIC, version: TRANSCRIPT_VERSION, ...fields };
}
