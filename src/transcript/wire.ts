import { jsonTextDepth, MAX_FRAME_BYTES, MAX_JSON_DEPTH, RtSimError } from '../protocol/index.js';
import { TRANSCRIPT_ERROR_CODES } from './errors.js';
import { isJsonObject, type JsonObject } from './json.js';
import type { FrameDirection, FrameRecord } from './record.js';

/**
 * The record for a frame as it came off the wire: a text frame holding a JSON object
 * becomes `frame` (whitespace is not kept), any other text `text`, bytes `binary`. The
 * protocol's limits (src/protocol/limits.ts) bound what is stored: a frame over
 * `MAX_FRAME_BYTES` becomes `omitted` (kind and size only), and text nested deeper than
 * `MAX_JSON_DEPTH` stays `text`, never parsed, so no later walk can overflow the stack;
 * both carry a `note` saying so.
 */
export function frameRecord(t: number, conn: number, dir: FrameDirection, data: string | Uint8Array): FrameRecord {
  const binary = typeof data !== 'string';
  const bytes = binary ? data.byteLength : Buffer.byteLength(data);
  if (bytes > MAX_FRAME_BYTES) {
    const note =
      `not stored: a ${bytes}-byte ${binary ? 'binary' : 'text'} frame, over the protocol's frame limit of ` +
      `${MAX_FRAME_BYTES} bytes (MAX_FRAME_BYTES)`;
    return { t, conn, dir, omitted: { binary, bytes }, note };
  }
  if (binary)
    return { t, conn, dir, binary: Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('base64') };
  if (jsonTextDepth(data, MAX_JSON_DEPTH) > MAX_JSON_DEPTH) {
    return {
      t,
      conn,
      dir,
      text: data,
      note:
        `kept as text, not parsed: brackets nested deeper than the ` +
        `protocol's limit of ${MAX_JSON_DEPTH} levels (MAX_JSON_DEPTH)`,
    };
  }
  const parsed = parseObject(data);
  return parsed === undefined ? { t, conn, dir, text: data } : { t, conn, dir, frame: parsed };
}

/**
 * What to put back on the wire for a frame record: text for `frame`/`text`, bytes for
 * `binary`. An `omitted` frame has nothing to put back: RTSIM_TRANSCRIPT_BAD_RECORD.
 */
export function wirePayload(record: FrameRecord): string | Uint8Array {
  if ('frame' in record) return JSON.stringify(record.frame);
  if ('text' in record) return record.text;
  if ('binary' in record) return new Uint8Array(Buffer.from(record.binary, 'base64'));
  throw new RtSimError(
    TRANSCRIPT_ERROR_CODES.BAD_RECORD,
    `expected a stored frame to put back on the wire, got an ` +
      `omitted ${record.omitted.bytes}-byte frame (${record.note})`,
  );
}

function parseObject(text: string): JsonObject | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return isJsonObject(value) ? value : undefined;
  } catch {
    return undefined;
  }
}
