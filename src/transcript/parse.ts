import path from 'node:path';
import { audioFieldOf, isAudioReference } from './audio-ref.js';
import { AudioResolver } from './audio-resolver.js';
import { TRANSCRIPT_ERROR_CODES, transcriptError, type TranscriptPlace } from './errors.js';
import { TRANSCRIPT_MAGIC, TRANSCRIPT_VERSION, type TranscriptHeader } from './header.js';
import type { TranscriptRecord } from './record.js';
import type { Transcript } from './transcript.js';
import { validateHeader } from './validate-header.js';
import { preview, validateRecord } from './validate-record.js';

/** Options of {@link parseTranscript}. */
export interface ParseTranscriptOptions {
  /** Name used in error messages, and the folder audio references are relative to. */
  file?: string;
  /**
   * Replace audio references with the base64 of the WAV bytes they point at (read from
   * beside `file`). Default false: references are left in the frames.
   */
  resolveAudio?: boolean;
}

/**
 * Parses the text of a transcript. Blank lines are skipped. Throws RtSimError
 * `RTSIM_TRANSCRIPT_*` naming `file:line`, what was expected, what came and how to fix it:
 * bad JSON, a bad header or version, a bad record, records out of order within a
 * connection (time going back, a frame before its `open` or after its `close`), or (when
 * resolving) a bad audio reference. A transcript may end without `close` records: a
 * recording cut short is still readable. A header without an origin (`source`…) is read,
 * with a warning in `warnings`; an incomplete or invalid origin is an error.
 */
export function parseTranscript(text: string, options: ParseTranscriptOptions = {}): Transcript {
  const file = options.file ?? '<transcript>';
  const resolver = options.resolveAudio === true ? new AudioResolver(path.dirname(path.resolve(file))) : undefined;
  let header: TranscriptHeader | undefined;
  let warnings: string[] = [];
  const records: TranscriptRecord[] = [];
  const lines: number[] = [];
  const state = new Map<number, { closed: boolean; t: number }>();

  const rows = text.split('\n');
  for (let i = 0; i < rows.length; i++) {
    const row = (rows[i] ?? '').replace(/\r$/, '');
    if (row.trim() === '') continue;
    const at: TranscriptPlace = { file, line: i + 1 };
    const value = parseLine(row, at);
    if (header === undefined) {
      ({ header, warnings } = validateHeader(value, at));
      continue;
    }
    const record = validateRecord(value, at);
    checkOrder(record, state, at);
    if (resolver !== undefined) resolveAudio(record, resolver, at);
    records.push(record);
    lines.push(at.line);
  }
  if (header === undefined) {
    throw transcriptError(
      TRANSCRIPT_ERROR_CODES.EMPTY,
      { file, line: 1 },
      'expected a header line, got an empty file',
      `start the file with {"rtsim":"${TRANSCRIPT_MAGIC}","version":${TRANSCRIPT_VERSION}}`,
    );
  }
  return { header, records, lines, warnings, ...(options.file === undefined ? {} : { file }) };
}

function parseLine(row: string, at: TranscriptPlace): unknown {
  try {
    return JSON.parse(row) as unknown;
  } catch (error) {
    throw transcriptError(
      TRANSCRIPT_ERROR_CODES.BAD_JSON,
      at,
      `expected one JSON value on the line, got invalid JSON (${(error as Error).message})`,
      'each line must be one complete JSON object; look for a cut-off or hand-edited line',
    );
  }
}

function checkOrder(
  record: TranscriptRecord,
  state: Map<number, { closed: boolean; t: number }>,
  at: TranscriptPlace,
): void {
  const conn = record.conn;
  const seen = state.get(conn);
  const what = 'dir' in record ? `a ${record.dir} frame` : `a ${record.kind} record`;
  const bad = (problem: string, fix: string): Error =>
    transcriptError(TRANSCRIPT_ERROR_CODES.BAD_ORDER, at, problem, fix);
  if ('kind' in record && record.kind === 'open') {
    if (seen !== undefined)
      throw bad(
        `expected one open record per connection, got a second one for connection ${conn}`,
        'give each connection its own "conn" number',
      );
    state.set(conn, { closed: false, t: record.t });
    return;
  }
  if (seen === undefined) {
    throw bad(
      `expected an open record for connection ${conn} before ${what}`,
      `add {"t":0,"conn":${conn},"kind":"open","url":"/v1/realtime","protocols":[],"headers":{}} ` +
        `before it, or fix "conn"`,
    );
  }
  if (seen.closed)
    throw bad(
      `expected nothing after connection ${conn} closed, got ${what}`,
      'move the line before the close record, or fix "conn"',
    );
  if (record.t < seen.t) {
    throw bad(
      `expected "t" ≥ ${seen.t} (the previous record of connection ${conn}), got ${record.t}`,
      'records of one connection must be in time order; move the line or fix its "t"',
    );
  }
  seen.t = record.t;
  if ('kind' in record) seen.closed = true;
}

function resolveAudio(record: TranscriptRecord, resolver: AudioResolver, at: TranscriptPlace): void {
  if (!('frame' in record)) return;
  const field = audioFieldOf(record.frame);
  if (field === undefined) return;
  const value = record.frame[field];
  if (typeof value === 'string' || value === undefined) return;
  if (!isAudioReference(value)) {
    throw transcriptError(
      TRANSCRIPT_ERROR_CODES.BAD_RECORD,
      at,
      `expected "${field}" to be base64 audio or {"$audio":{"file","offset","bytes"}}, got ${preview(value)}`,
      'fix the audio reference or put the base64 audio inline',
    );
  }
  record.frame = { ...record.frame, [field]: resolver.resolve(value, at) };
}
