/**
 * The zod schema of a transcript record line (frame, open, close), worded as the reader's
 * messages are: `expected "<field>" to be <what>, got <what came>`, each with its fix. The
 * reader throws the first failure, in the order the checks run.
 */
import { z } from 'zod';
import type { FailureStyle, Pick } from '../protocol/index.js';
import { crossCheck, expecting, isBase64, isPlainObject, pickOne, refuse } from '../protocol/index.js';
import { jsonKind } from './json.js';
import type { CloseBy } from './record.js';

/** A short JSON rendering of a value for messages. */
export function preview(value: unknown): string {
  if (value === undefined) return 'nothing';
  const text = JSON.stringify(value);
  return text.length > 40 ? `${text.slice(0, 37)}…` : text;
}

/** The reader's wording; unknown fields are refused by each record kind in one sentence. */
export const TRANSCRIPT_STYLE: FailureStyle = {
  describe: (value) => preview(value),
  unknownKey: (key) => ({ message: `unexpected "${key}"` }),
};

/** A field named `expected <phrase>`, what came by `got`, with its `fix`. */
function field<T extends z.ZodType>(schema: T, phrase: string, got: (v: unknown) => string, fix: string): T {
  return expecting(schema, phrase, fix, got);
}

const CLOSE_BY: readonly CloseBy[] = ['client', 'server', 'upstream-refused', 'recorder'];
/** The fields of each kind of record. */
export const RECORD_FIELDS = {
  frame: ['t', 'conn', 'dir', 'frame', 'text', 'binary', 'omitted', 'note'],
  open: ['t', 'conn', 'kind', 'url', 'headers', 'protocols', 'protocol'],
  close: ['t', 'conn', 'kind', 'code', 'reason', 'by', 'status'],
} as const;
const BODIES = ['frame', 'text', 'binary', 'omitted'] as const;

const base = z.looseObject({
  t: field(
    z.number().min(0),
    '"t" to be milliseconds ≥ 0 since the connection opened',
    preview,
    'give every record a "t" number',
  ),
  conn: field(
    z.number().int().min(1),
    '"conn" to be a connection number ≥ 1',
    preview,
    'number connections 1, 2, … in order of opening',
  ),
});

const dir = field(
  z.enum(['c2s', 's2c']),
  '"dir" to be "c2s" or "s2c"',
  preview,
  'use "c2s" for client→server frames and "s2c" for server→client frames',
);
const note = field(
  z.string(),
  '"note" to be a string',
  jsonKind,
  'leave "note" out or write why the frame is stored as it is',
);
const OMITTED_FIX = 'write {"omitted":{"binary":false,"bytes":N},"note":"why it was not stored"}';
const omitted = field(
  z
    .looseObject({
      binary: field(z.boolean(), '"omitted.binary" to be true or false', preview, OMITTED_FIX),
      bytes: field(z.number().int().min(0), '"omitted.bytes" to be a byte count ≥ 0', preview, OMITTED_FIX),
    })
    .refine((o) => Object.keys(o).every((k) => k === 'binary' || k === 'bytes'))
    .meta({ additionalProperties: false }),
  '"omitted" to be {"binary","bytes"}',
  preview,
  OMITTED_FIX,
);

const frameBodies = {
  frame: field(
    z.record(z.string(), z.unknown()),
    '"frame" to be a JSON object',
    jsonKind,
    'put non-object text frames in "text" as a string',
  ),
  text: field(z.string(), '"text" to be a string', jsonKind, 'put JSON events in "frame"'),
  binary: field(
    z.string().refine(isBase64),
    '"binary" to be standard padded base64',
    preview,
    'encode binary frames with standard base64 (A-Z a-z 0-9 + /, = padding)',
  ),
  omitted,
};
const frameRecords = Object.fromEntries(
  BODIES.map((body) => {
    const shape = { dir, note: note.optional(), [body]: frameBodies[body] };
    const record = z.looseObject(shape).meta({ additionalProperties: false });
    if (body !== 'omitted') return [body, record];
    const withNote = crossCheck(record, (v, ctx) => {
      if (v['note'] === undefined)
        refuse(ctx, 'expected a "note" saying why the frame was omitted, got none', { hint: OMITTED_FIX });
    });
    return [body, withNote];
  }),
) as unknown as Record<(typeof BODIES)[number], z.ZodType>;

const openRecord = z
  .looseObject({
    kind: z.literal('open'),
    url: field(
      z.string(),
      '"url" to be a string',
      jsonKind,
      'give the path and query the client asked for, e.g. "/v1/realtime"',
    ),
    headers: field(
      z
        .record(z.string(), z.unknown())
        .refine((h) => Object.values(h).every((x) => typeof x === 'string'))
        .meta({ additionalProperties: { type: 'string' } }),
      '"headers" to be an object of strings',
      preview,
      'write headers as {"user-agent":"…"}; use {} for none',
    ),
    protocols: field(
      z
        .array(z.unknown())
        .refine((p) => p.every((x) => typeof x === 'string'))
        .meta({ items: { type: 'string' } }),
      '"protocols" to be an array of strings',
      preview,
      'use [] when the client offered no subprotocol',
    ),
    protocol: field(
      z.string(),
      '"protocol" to be a string',
      jsonKind,
      'leave "protocol" out when none was agreed',
    ).optional(),
  })
  .meta({ additionalProperties: false });

const closeRecord = z
  .looseObject({
    kind: z.literal('close'),
    code: field(
      z.number().int().min(0).max(4999),
      '"code" to be a WebSocket close code',
      preview,
      'use e.g. 1000 (normal), 1005 (no code), 1006 (dropped)',
    ),
    reason: field(z.string(), '"reason" to be a string', jsonKind, 'use "" for no reason'),
    by: field(
      z.enum(CLOSE_BY as [CloseBy, ...CloseBy[]]),
      `"by" to be one of ${CLOSE_BY.map((b) => `"${b}"`).join(', ')}`,
      preview,
      'say which side closed the connection',
    ),
    status: field(
      z.number().int().min(100).max(599),
      '"status" to be an HTTP status',
      preview,
      'leave "status" out unless the upstream refused the handshake',
    ).optional(),
  })
  .meta({ additionalProperties: false });

const quote = (keys: readonly string[]): string => keys.map((k) => `"${k}"`).join(', ');

/** Fields outside `known`, refused in one sentence before anything else of the record. */
function unknownFields(value: Record<string, unknown>, kind: keyof typeof RECORD_FIELDS, what: string): Pick {
  const known: readonly string[] = RECORD_FIELDS[kind];
  const unknown = Object.keys(value).filter((k) => !known.includes(k));
  if (unknown.length === 0) return undefined;
  return {
    message: `expected only ${quote(known)} in ${what}, got ${quote(unknown)}`,
    hint: 'remove the field or check its spelling',
  };
}

const kinds = pickOne('a record', [...Object.values(frameRecords), openRecord, closeRecord], (v): Pick => {
  if (!isPlainObject(v)) return undefined;
  if ('dir' in v) {
    const bodies = BODIES.filter((k) => k in v);
    const refused = unknownFields(v, 'frame', 'a frame');
    if (refused) return refused;
    // A bad "dir" is told before a bad set of bodies: any frame schema reports it.
    if (bodies.length === 1) return frameRecords[bodies[0] as (typeof BODIES)[number]];
    if (!dir.safeParse(v['dir']).success) return frameRecords.frame;
    const got = bodies.length === 0 ? 'none' : bodies.map((b) => `"${b}"`).join(' and ');
    return {
      message: `expected exactly one of "frame", "text", "binary" or "omitted", got ${got}`,
      hint: 'put a JSON event in "frame", other text in "text", bytes (base64) in "binary"',
    };
  }
  if (v['kind'] === 'open') return unknownFields(v, 'open', 'an open record') ?? openRecord;
  if (v['kind'] === 'close') return unknownFields(v, 'close', 'a close record') ?? closeRecord;
  const got = 'kind' in v ? `"kind": ${preview(v['kind'])}` : 'neither';
  return {
    message: `expected "dir" ("c2s" or "s2c") for a frame or "kind" ("open" or "close"), got ${got}`,
    hint: 'add "dir" to frame lines, or "kind" to open and close lines',
  };
});

/** A record line: `t` and `conn`, then a frame, an open or a close record. */
export const recordSchema = z.intersection(base, kinds);
