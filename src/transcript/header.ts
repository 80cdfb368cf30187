/** First value of every transcript header line; tells a transcript from any other JSONL file. */
export const TRANSCRIPT_MAGIC = 'transcript';
/** The format version this code writes and reads. */
export const TRANSCRIPT_VERSION = 1;

/**
 * Where a transcript came from (header `source`):
 * - `xai`: recorded by `rt-sim record` from the xAI service (an upstream host under `x.ai`);
 * - `recorded`: recorded by `rt-sim record` from another upstream, named in `upstream`;
 * - `simulator`: made by rt-sim's simulator, not by any real service;
 * - `rebuilt`: rebuilt from published captures of the service; not a recording.
 */
export const TRANSCRIPT_SOURCES = ['xai', 'recorded', 'simulator', 'rebuilt'] as const;

/** One of {@link TRANSCRIPT_SOURCES}. */
export type TranscriptSource = (typeof TRANSCRIPT_SOURCES)[number];

/** Header fields that together say where a transcript came from; all or none. */
export const ORIGIN_FIELDS = ['source', 'date', 'client', 'model'] as const;

/**
 * First line of a transcript. Everything but `rtsim` and `version` is informative: the
 * replay engine does not need it. The origin (`source`, `date`, `client`, `model`) is written
 * by every new recording and required of bundled transcripts; a file without it is still
 * read, with a warning.
 */
export interface TranscriptHeader {
  rtsim: typeof TRANSCRIPT_MAGIC;
  version: typeof TRANSCRIPT_VERSION;
  /** Where the transcript came from; see {@link TRANSCRIPT_SOURCES}. */
  source?: TranscriptSource;
  /** ISO date (`YYYY-MM-DD`) the transcript was recorded, made or rebuilt. */
  date?: string;
  /** What made the client side, e.g. `rt-sim`, `LiveKit Agents 1.2`, or `unknown`. */
  client?: string;
  /** The model the session ran, or `unknown`. */
  model?: string;
  /** ISO 8601 time the recording started. */
  recordedAt?: string;
  /** The upstream the recorder forwarded to, secrets redacted. */
  upstream?: string;
  /** Free text for humans. */
  notes?: string;
}

/** A header with the given optional fields. */
export function transcriptHeader(fields: Omit<TranscriptHeader, 'rtsim' | 'version'> = {}): TranscriptHeader {
  return { rtsim: TRANSCRIPT_MAGIC, version: TRANSCRIPT_VERSION, ...fields };
}

/** True for a valid ISO calendar date `YYYY-MM-DD`. */
export function isIsoDate(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (match === null) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return month >= 1 && month <= 12 && day >= 1 && day <= days;
}
