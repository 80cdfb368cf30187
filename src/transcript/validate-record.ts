import { isBase64, type RtSimError } from '../protocol/index.js';
import { TRANSCRIPT_ERROR_CODES, transcriptError, type TranscriptPlace } from './errors.js';
import { isJsonObject, jsonKind, type JsonObject, type JsonValue } from './json.js';
import type { CloseBy, FrameDirection, TranscriptRecord } from './record.js';

const CLOSE_BY: readonly CloseBy[] = ['client', 'server', 'upstream-refused', 'recorder'];
const FIELDS = {
  frame: ['t', 'conn', 'dir', 'frame', 'text', 'binary', 'omitted', 'note'],
  open: ['t', 'conn', 'kind', 'url', 'headers', 'protocols', 'protocol'],
  close: ['t', 'conn', 'kind', 'code', 'reason', 'by', 'status'],
} as const;

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
  const t = value.t;
  if (typeof t !== 'number' || !Number.isFinite(t) || t < 0) {
    throw bad(
      `expected "t" to be milliseconds ≥ 0 since the connection opened, got ${preview(t)}`,
      'give every record a "t" number',
    );
  }
  const conn = value.conn;
  if (typeof conn !== 'number' || !Number.isSafeInteger(conn) || conn < 1) {
    throw bad(
      `expected "conn" to be a connection number ≥ 1, got ${preview(conn)}`,
      'number connections 1, 2, … in order of opening',
    );
  }
  if ('dir' in value) return frameRecord(value, t, conn, bad);
  if (value.kind === 'open') return openRecord(value, t, conn, bad);
  if (value.kind === 'close') return closeRecord(value, t, conn, bad);
  throw bad(
    `expected "dir" ("c2s" or "s2c") for a frame or "kind" ("open" or "close"), got ${'kind' in value ? `"kind": ${preview(value.kind)}` : 'neither'}`,
    'add "dir" to frame lines, or "kind" to open and close lines',
  );
}

type Bad = (problem: string, fix: string) => RtSimError;

function frameRecord(value: JsonObject, t: number, conn: number, bad: Bad): TranscriptRecord {
  rejectUnknown(value, FIELDS.frame, 'a frame', bad);
  const dir = value.dir;
  if (dir !== 'c2s' && dir !== 's2c') {
    throw bad(
      `expected "dir" to be "c2s" or "s2c", got ${preview(dir)}`,
      'use "c2s" for client→server frames and "s2c" for server→client frames',
    );
  }
  const bodies = (['frame', 'text', 'binary', 'omitted'] as const).filter((k) => k in value);
  if (bodies.length !== 1) {
    throw bad(
      `expected exactly one of "frame", "text", "binary" or "omitted", got ${bodies.length === 0 ? 'none' : bodies.map((b) => `"${b}"`).join(' and ')}`,
      'put a JSON event in "frame", other text in "text", bytes (base64) in "binary"',
    );
  }
  const { note } = value;
  if (note !== undefined && typeof note !== 'string')
    throw bad(
      `expected "note" to be a string, got ${jsonKind(note)}`,
      'leave "note" out or write why the frame is stored as it is',
    );
  const noted = note === undefined ? {} : { note };
  const frame = value.frame;
  if (bodies[0] === 'frame') {
    if (!isJsonObject(frame))
      throw bad(
        `expected "frame" to be a JSON object, got ${jsonKind(frame)}`,
        'put non-object text frames in "text" as a string',
      );
    return { t, conn, dir, frame, ...noted };
  }
  if (bodies[0] === 'text') {
    if (typeof value.text !== 'string')
      throw bad(`expected "text" to be a string, got ${jsonKind(value.text)}`, 'put JSON events in "frame"');
    return { t, conn, dir, text: value.text, ...noted };
  }
  if (bodies[0] === 'omitted') return omittedRecord(value.omitted, t, conn, dir, note, bad);
  if (typeof value.binary !== 'string' || !isBase64(value.binary)) {
    throw bad(
      `expected "binary" to be standard padded base64, got ${preview(value.binary)}`,
      'encode binary frames with standard base64 (A-Z a-z 0-9 + /, = padding)',
    );
  }
  return { t, conn, dir, binary: value.binary, ...noted };
}

/** `{"omitted":{"binary":false,"bytes":20000000},"note":"…"}`: a frame forwarded but not stored. */
function omittedRecord(
  omitted: JsonValue | undefined,
  t: number,
  conn: number,
  dir: FrameDirection,
  note: string | undefined,
  bad: Bad,
): TranscriptRecord {
  const fix = 'write {"omitted":{"binary":false,"bytes":N},"note":"why it was not stored"}';
  if (!isJsonObject(omitted) || Object.keys(omitted).some((k) => k !== 'binary' && k !== 'bytes')) {
    throw bad(`expected "omitted" to be {"binary","bytes"}, got ${preview(omitted)}`, fix);
  }
  const { binary, bytes } = omitted;
  if (typeof binary !== 'boolean')
    throw bad(`expected "omitted.binary" to be true or false, got ${preview(binary)}`, fix);
  if (typeof bytes !== 'number' || !Number.isSafeInteger(bytes) || bytes < 0) {
    throw bad(`expected "omitted.bytes" to be a byte count ≥ 0, got ${preview(bytes)}`, fix);
  }
  if (note === undefined) throw bad('expected a "note" saying why the frame was omitted, got none', fix);
  return { t, conn, dir, omitted: { binary, bytes }, note };
}

function openRecord(value: JsonObject, t: number, conn: number, bad: Bad): TranscriptRecord {
  rejectUnknown(value, FIELDS.open, 'an open record', bad);
  const { url, headers, protocols, protocol } = value;
  if (typeof url !== 'string')
    throw bad(
      `expected "url" to be a string, got ${jsonKind(url)}`,
      'give the path and query the client asked for, e.g. "/v1/realtime"',
    );
  if (!isJsonObject(headers) || !Object.values(headers).every((h) => typeof h === 'string')) {
    throw bad(
      `expected "headers" to be an object of strings, got ${preview(headers)}`,
      'write headers as {"user-agent":"…"}; use {} for none',
    );
  }
  if (!Array.isArray(protocols) || !protocols.every((p) => typeof p === 'string')) {
    throw bad(
      `expected "protocols" to be an array of strings, got ${preview(protocols)}`,
      'use [] when the client offered no subprotocol',
    );
  }
  if (protocol !== undefined && typeof protocol !== 'string') {
    throw bad(
      `expected "protocol" to be a string, got ${jsonKind(protocol)}`,
      'leave "protocol" out when none was agreed',
    );
  }
  return {
    t,
    conn,
    kind: 'open',
    url,
    headers: headers as Record<string, string>,
    protocols: protocols as string[],
    ...(protocol === undefined ? {} : { protocol }),
  };
}

function closeRecord(value: JsonObject, t: number, conn: number, bad: Bad): TranscriptRecord {
  rejectUnknown(value, FIELDS.close, 'a close record', bad);
  const { code, reason, by, status } = value;
  if (typeof code !== 'number' || !Number.isInteger(code) || code < 0 || code > 4999) {
    throw bad(
      `expected "code" to be a WebSocket close code, got ${preview(code)}`,
      'use e.g. 1000 (normal), 1005 (no code), 1006 (dropped)',
    );
  }
  if (typeof reason !== 'string')
    throw bad(`expected "reason" to be a string, got ${jsonKind(reason)}`, 'use "" for no reason');
  if (typeof by !== 'string' || !(CLOSE_BY as readonly string[]).includes(by)) {
    throw bad(
      `expected "by" to be one of ${CLOSE_BY.map((b) => `"${b}"`).join(', ')}, got ${preview(by)}`,
      'say which side closed the connection',
    );
  }
  if (
    status !== undefined &&
    (typeof status !== 'number' || !Number.isInteger(status) || status < 100 || status > 599)
  ) {
    throw bad(
      `expected "status" to be an HTTP status, got ${preview(status)}`,
      'leave "status" out unless the upstream refused the handshake',
    );
  }
  return { t, conn, kind: 'close', code, reason, by: by as CloseBy, ...(status === undefined ? {} : { status }) };
}

function rejectUnknown(value: JsonObject, known: readonly string[], what: string, bad: Bad): void {
  const unknown = Object.keys(value).filter((k) => !known.includes(k));
  if (unknown.length > 0) {
    throw bad(
      `expected only ${known.map((k) => `"${k}"`).join(', ')} in ${what}, got ${unknown.map((k) => `"${k}"`).join(', ')}`,
      'remove the field or check its spelling',
    );
  }
}

/** A short JSON rendering of a value for messages. */
export function preview(value: unknown): string {
  if (value === undefined) return 'nothing';
  const text = JSON.stringify(value);
  return text.length > 40 ? `${text.slice(0, 37)}…` : text;
}
