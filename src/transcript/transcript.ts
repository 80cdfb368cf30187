import type { TranscriptHeader } from './header.js';
import type { TranscriptRecord } from './record.js';

/** A whole transcript: its header and its records in file order. */
export interface Transcript {
  header: TranscriptHeader;
  records: TranscriptRecord[];
  /** 1-based line of each record in its file (same index as `records`), for error messages. */
  lines?: number[];
  /** Problems that did not stop reading, each naming `file:line` (e.g. a header without an origin). */
  warnings?: string[];
  /** The file it was read from, when it was. */
  file?: string;
}

/** Connection numbers of a transcript, in order of first appearance. */
export function connectionsOf(transcript: Pick<Transcript, 'records'>): number[] {
  const seen = new Set<number>();
  for (const record of transcript.records) seen.add(record.conn);
  return [...seen];
}

/** The records of one connection, in file order. */
export function recordsOf(transcript: Pick<Transcript, 'records'>, conn: number): TranscriptRecord[] {
  return transcript.records.filter((record) => record.conn === conn);
}
