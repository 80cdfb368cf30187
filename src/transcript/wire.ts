import { isJsonObject, type JsonObject } from './json.js';
import type { FrameDirection, FrameRecord } from './record.js';

/**
 * The record for a frame as it came off the wire: a text frame holding a JSON object
 * becomes `frame` (whitespace is not kept), any other text `text`, bytes `binary`.
 */
export function frameRecord(t: number, conn: number, dir: FrameDirection, data: string | Uint8Array): FrameRecord {
  if (typeof data !== 'string') return { t, conn, dir, binary: Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('base64') };
  const parsed = parseObject(data);
  return parsed === undefined ? { t, conn, dir, text: data } : { t, conn, dir, frame: parsed };
}

/** What to put back on the wire for a frame record: text for `frame`/`text`, bytes for `binary`. */
export function wirePayload(record: FrameRecord): string | Uint8Array {
  if ('frame' in record) return JSON.stringify(record.frame);
  if ('text' in record) return record.text;
  return new Uint8Array(Buffer.from(record.binary, 'base64'));
}

function parseObject(text: string): JsonObject | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return isJsonObject(value) ? value : undefined;
  } catch {
    return undefined;
  }
}
