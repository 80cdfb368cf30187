import type { TranscriptHeader } from './header.js';
import type { TranscriptRecord } from './record.js';

/** Header fields in the order they are written; unknown extra fields follow. */
const HEADER_ORDER = [
  'rtsim',
  'version',
  'source',
  'date',
  'client',
  'model',
  'recordedAt',
  'upstream',
  'notes',
] as const;

/**
 * One record as one JSON line (no newline), keys in a stable order so transcripts diff well:
 * `t`, `conn`, then `dir` or `kind`, then the rest (`frame`/`text`/`binary`/`omitted`, `note`; `url`,
 * `protocols`, `protocol`, `headers` sorted by name; `code`, `reason`, `by`, `status`).
 * A frame's own keys keep the order they had on the wire.
 */
export function serializeRecord(record: TranscriptRecord): string {
  const out: Record<string, unknown> = { t: record.t, conn: record.conn };
  if ('dir' in record) {
    out.dir = record.dir;
    if ('frame' in record) out.frame = record.frame;
    else if ('text' in record) out.text = record.text;
    else if ('binary' in record) out.binary = record.binary;
    else out.omitted = { binary: record.omitted.binary, bytes: record.omitted.bytes };
    if (record.note !== undefined) out.note = record.note;
  } else if (record.kind === 'open') {
    out.kind = 'open';
    out.url = record.url;
    out.protocols = record.protocols;
    if (record.protocol !== undefined) out.protocol = record.protocol;
    out.headers = sortedKeys(record.headers);
  } else {
    out.kind = 'close';
    out.code = record.code;
    out.reason = record.reason;
    out.by = record.by;
    if (record.status !== undefined) out.status = record.status;
  }
  return JSON.stringify(out);
}

/** The header line (no newline), known keys first in a fixed order. */
export function serializeHeader(header: TranscriptHeader): string {
  const source = header as unknown as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const key of HEADER_ORDER) if (source[key] !== undefined) out[key] = source[key];
  for (const [key, value] of Object.entries(source)) if (!(key in out) && value !== undefined) out[key] = value;
  return JSON.stringify(out);
}

function sortedKeys(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of Object.keys(headers).sort()) out[name] = headers[name] ?? '';
  return out;
}
