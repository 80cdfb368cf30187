/**
 * One recorded connection turned into what the player needs: the client frames it expects,
 * in order, and the server frames (and server close) it sends, each knowing how many
 * expectations come before it in the recording.
 */
import type { CloseBy, JsonObject, Transcript } from '../../transcript/index.js';
import { isCloseRecord, isFrameRecord, isOpenRecord } from '../../transcript/index.js';

/** A recorded client frame: the live client must send its match. */
export interface Expectation {
  line: number;
  /** Recorded time, ms since the connection opened. */
  t: number;
  type: string;
  /** The JSON frame, or the raw text of a frame that was not JSON. */
  frame: JsonObject | string;
}

/** A recorded server frame, or the server's close of the connection. */
export interface Send {
  line: number;
  t: number;
  type: string;
  /** Expectations recorded before it: all must be met before it goes out. */
  needs: number;
  what: { frame: JsonObject | string } | { close: { code: number; reason: string; by: CloseBy } };
}

/** What the player plays on one live connection. */
export interface ConnectionPlan {
  recordedConnection: number;
  /** Line of the `open` record (or of the first record of the connection). */
  openLine: number;
  /** Line of the last record of the connection. */
  lastLine: number;
  expectations: Expectation[];
  sends: Send[];
}

/** The type of a recorded frame, for messages: `(text)` when it was not JSON. */
export function frameType(frame: JsonObject | string): string {
  if (typeof frame === 'string') return '(text)';
  return typeof frame['type'] === 'string' ? frame['type'] : '(no type)';
}

/**
 * Builds the plan of recorded connection `conn`. Binary frames are left out (the xAI
 * protocol is text-only), and so are frames the recorder did not store (`omitted`, too
 * big to keep). A close by the client ends the plan; a close by the server (or the
 * recorder's close after a refused upstream handshake) is replayed; a close by the
 * recorder itself is not part of the session and is left out.
 */
export function planConnection(transcript: Transcript, conn: number): ConnectionPlan {
  const expectations: Expectation[] = [];
  const sends: Send[] = [];
  let openLine: number | undefined;
  let lastLine = 0;
  transcript.records.forEach((record, i) => {
    if (record.conn !== conn) return;
    const line = transcript.lines?.[i] ?? i + 2;
    openLine ??= line;
    lastLine = line;
    if (isOpenRecord(record)) return;
    if (isCloseRecord(record)) {
      if (record.by === 'server' || record.by === 'upstream-refused') {
        sends.push({
          line,
          t: record.t,
          type: '(close)',
          needs: expectations.length,
          what: { close: { code: record.code, reason: record.reason, by: record.by } },
        });
      }
      return;
    }
    if (!isFrameRecord(record) || 'binary' in record || 'omitted' in record) return;
    const frame = 'frame' in record ? record.frame : record.text;
    if (record.dir === 'c2s') expectations.push({ line, t: record.t, type: frameType(frame), frame });
    else sends.push({ line, t: record.t, type: frameType(frame), needs: expectations.length, what: { frame } });
  });
  return { recordedConnection: conn, openLine: openLine ?? 0, lastLine, expectations, sends };
}
