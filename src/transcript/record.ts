import type { JsonObject } from './json.js';

/** Which way a frame went: client → server or server → client. */
export type FrameDirection = 'c2s' | 's2c';

/**
 * Who ended a connection. `upstream-refused`: the upstream refused the handshake (then
 * `status` holds its HTTP status) or could not be reached. `recorder`: the recorder ended
 * the connection: it was shut down with the connection still open (1001), or its socket
 * refused a frame of either side that breaks the WebSocket protocol (invalid UTF-8: 1007).
 */
export type CloseBy = 'client' | 'server' | 'upstream-refused' | 'recorder';

/** Fields every record has. */
interface RecordBase {
  /** Milliseconds since this record's connection opened. */
  t: number;
  /** Connection number, from 1, in order of opening. */
  conn: number;
}

/** A connection opened: the client's handshake, secrets redacted. */
export interface OpenRecord extends RecordBase {
  kind: 'open';
  /** Path and query the client asked for, e.g. `/v1/realtime?model=grok-4-1-fast-non-reasoning`. */
  url: string;
  /** Handshake headers, lower-case names, without the per-connection WebSocket plumbing. */
  headers: Record<string, string>;
  /** Subprotocols the client offered. */
  protocols: string[];
  /** Subprotocol the connection agreed on, if any. */
  protocol?: string;
}

/** Fields every frame record has. */
interface FrameBase extends RecordBase {
  dir: FrameDirection;
  /**
   * Why the frame is stored other than as it came, when it is: e.g. JSON nested deeper than
   * the protocol's limit kept as `text`, or a frame too big to store (`omitted`).
   */
  note?: string;
}

/** A text frame holding one JSON object (every event of the protocol). */
export interface JsonFrameRecord extends FrameBase {
  frame: JsonObject;
}

/** A text frame that is not a JSON object (or is one nested too deep to parse safely). */
export interface TextFrameRecord extends FrameBase {
  text: string;
}

/** A binary frame, its bytes in standard base64. */
export interface BinaryFrameRecord extends FrameBase {
  binary: string;
}

/**
 * A frame that was forwarded but not stored, because it was bigger than the protocol's
 * frame limit (`MAX_FRAME_BYTES`): only its kind and size are kept, and `note` says why.
 */
export interface OmittedFrameRecord extends FrameBase {
  omitted: { binary: boolean; bytes: number };
  note: string;
}

/** One frame, in one of its four shapes. */
export type FrameRecord = JsonFrameRecord | TextFrameRecord | BinaryFrameRecord | OmittedFrameRecord;

/** A connection closed. */
export interface CloseRecord extends RecordBase {
  kind: 'close';
  /** Close code the closing side gave (1005 none, 1006 dropped), or the code the recorder sent. */
  code: number;
  reason: string;
  by: CloseBy;
  /** HTTP status of a refused upstream handshake. */
  status?: number;
}

/** One line of a transcript after the header. */
export type TranscriptRecord = OpenRecord | FrameRecord | CloseRecord;

/** True for a frame record (any shape). */
export function isFrameRecord(record: TranscriptRecord): record is FrameRecord {
  return 'dir' in record;
}

/** True for an open record. */
export function isOpenRecord(record: TranscriptRecord): record is OpenRecord {
  return 'kind' in record && record.kind === 'open';
}

/** True for a close record. */
export function isCloseRecord(record: TranscriptRecord): record is CloseRecord {
  return 'kind' in record && record.kind === 'close';
}
