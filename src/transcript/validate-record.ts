import { type RtSimError, checkSchema } from '../protocol/index.js';
import { TRANSCRIPT_ERROR_CODES, transcriptError, type TranscriptPlace } from './errors.js';
import { isJsonObject, jsonKind, type JsonObject } from './json.js';
import type { CloseBy, FrameDirection, TranscriptRecord } from './record.js';
import { TRANSCRIPT_STYLE, preview, recordSchema } from './record-schema.js';

/**
 * Checks one parsed record line and returns it typed, or throws RTSIM_TRANSCRIPT_BAD_RECORD
 * naming the field, what was expected, what came, and a fix.
 */
export function validateRecord(value: unknown, at: TranscriptPlace): TranscriptRecord {
  const bad = (problem: string, fix: string): RtSimError =>
    transcriptError(TRANSCRIPT_ERROR_CODES.BAD_RECORD, at, problem, fix);
  if (!isJsonObject(value)) {
    throw bad(
      `expected a record object, got ${jsonKind(value)}`,
      'write one JSON object per line, e.g. {"t":0,"conn":1,"dir":"c2s","frame":{…}}',
    );
  }
  const checked = checkSchema(recordSchema, value, TRANSCRIPT_STYLE, 'checks');
  if (!checked.ok) {
    const first = checked.failures[0];
    throw bad(first?.message ?? 'expected a valid record', first?.hint ?? 'see docs/transcripts.md');
  }
  const { t, conn } = value as { t: number; conn: number };
  if ('dir' in value) return frameRecord(value, t, conn);
  if (value.kind === 'open') return openRecord(value, t, conn);
  return closeRecord(value, t, conn);
}

/** A frame record the schema has vouched for, with its keys in the order the writer writes them. */
function frameRecord(value: JsonObject, t: number, conn: number): TranscriptRecord {
  const dir = value.dir as FrameDirection;
  const noted = value.note === undefined ? {} : { note: value.note as string };
  if (value.frame !== undefined) return { t, conn, dir, frame: value.frame as JsonObject, ...noted };
  if (value.text !== undefined) return { t, conn, dir, text: value.text as string, ...noted };
  if (value.binary !== undefined) return { t, conn, dir, binary: value.binary as string, ...noted };
  const { binary, bytes } = value.omitted as { binary: boolean; bytes: number };
  return { t, conn, dir, omitted: { binary, bytes }, note: value.note as string };
}

function openRecord(value: JsonObject, t: number, conn: number): TranscriptRecord {
  const { url, headers, protocols, protocol } = value;
  return {
    t,
    conn,
    kind: 'open',
    url: url as string,
    headers: headers as Record<string, string>,
    protocols: protocols as string[],
    ...(protocol === undefined ? {} : { protocol: protocol as string }),
  };
}

function closeRecord(value: JsonObject, t: number, conn: number): TranscriptRecord {
  const { code, reason, by, status } = value;
  return {
    t,
    conn,
    kind: 'close',
    code: code as number,
    reason: reason as string,
    by: by as CloseBy,
    ...(status === undefined ? {} : { status: status as number }),
  };
}

export { preview };
