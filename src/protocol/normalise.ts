/**
 * Golden-file normalisation. Ids become stable placeholders and audio payloads become
 * `{ bytes, sha }`, so a golden shows what happened, not which random id or sample values
 * a run produced, and stays small enough to review.
 */
import { hash } from 'node:crypto';
import { decodeBase64 } from './base64.js';
import { MAX_JSON_DEPTH } from './limits.js';
import { redactCredentials } from './redact-credentials.js';
import { isPlainObject } from './wire-schema.js';
import { UUID_PATTERN } from './ids.js';

/** What an audio payload becomes: its decoded length and the first 12 hex of its sha256. */
export interface AudioDigest {
  bytes: number;
  sha: string;
}

/** A stateful normaliser: the same id always maps to the same placeholder within it. */
export interface Normaliser {
  /**
   * Deep-copies a JSON value, replacing:
   * - ids (strings shaped `<prefix>_<12+ hex, or 12+ alphanumerics with a digit>`, and any
   *   non-empty string under a key `id`, `…_id` or `…Id`) with `<prefix#n>`, numbered per
   *   prefix in order of first appearance; `"root"`, `""` and `null` are kept;
   * - plain UUIDs (xAI 2026 ids) anywhere, the same way: the prefix comes from the field
   *   (`event_id` → `event`; `id` of an object with `object: "realtime.item"` → `item`,
   *   `realtime.response` → `resp`, `realtime.session` → `sess`, `realtime.conversation` →
   *   `conv`), `uuid` when the field says nothing;
   * - base64 audio (`audio` fields, `delta` of `…audio.delta` events, typed arrays) and
   *   `data:…;base64,` URLs with an {@link AudioDigest} (plus `mime` for data URLs);
   * - an array or object nested deeper than {@link MAX_JSON_DEPTH} with the string
   *   {@link TOO_DEEP}, so a hostile frame cannot overflow the stack.
   * Everything else, including virtual-clock `timestamp`s, is copied as is.
   */
  normalise(value: unknown): unknown;
  /**
   * {@link normalise} for a wire frame, with credentials in its strings redacted
   * (`redactCredentials`): what a server echoes must not reach a golden file. Client
   * events are left as they are, so a golden still shows whether the client redacted.
   */
  normaliseFrame(value: unknown): unknown;
  /**
   * `text` with every id-shaped or UUID word in it (a log line's `item "item_3f2a…" …`)
   * replaced by the placeholder {@link normalise} gives that id, so prose that quotes ids
   * stays as stable as the fields that hold them.
   */
  normaliseText(text: string): string;
  /**
   * {@link normalise} for a log line's fields: every other string gets {@link normaliseText}
   * too, so an id an error message quotes takes its placeholder, in the same one walk.
   */
  normaliseProse(value: unknown): unknown;
}

/** What a walk does to strings that are not ids: keep them, redact credentials, or normalise the ids they quote. */
type StringMode = 'keep' | 'redact' | 'prose';

/** What a value nested deeper than {@link MAX_JSON_DEPTH} becomes. */
export const TOO_DEEP = `<nested deeper than ${MAX_JSON_DEPTH} levels>`;

/** An id's prefix: words joined by `_` (`item`, `response_create`). */
const ID_PREFIX = /[A-Za-z][A-Za-z0-9]*(?:_[A-Za-z][A-Za-z0-9]*)*/.source;
/** An id's suffix: 12 or more hex digits, or 12 or more letters, digits and dashes with a digit among them. */
// `{12}` then `*`, never `{12,}`: V8 overflows its regex stack on a `{n,}` run of millions.
const ID_SUFFIX = /[0-9a-f]{12}[0-9a-f]*|(?=[A-Za-z0-9-]*[0-9])[A-Za-z0-9][A-Za-z0-9-]{11}[A-Za-z0-9-]*/.source;
/** Ids look like `item_3f2a9c1b7d4e`, `response_create_…`, `call_…`, `conv_…`. */
const ID_SHAPE = new RegExp(`^(${ID_PREFIX})_(${ID_SUFFIX})$`);
const ID_KEY = /^(?:id|.+_id|.*[a-z]Id)$/;
const AUDIO_DELTA_TYPE = /(?:^|\.)(?:output_)?audio\.delta$/;
const DATA_URL = /^data:([^;,]*);base64,(.*)$/s;
/** A word of prose that may be an id: one run of id characters, matched in linear time. */
const WORD = /[A-Za-z0-9_-]+/g;
/** Longer words are left as they are: no id is this long, and the id test stays cheap. */
const MAX_ID_WORD = 200;

/** True when `text` has the shape of a generated id. */
export function looksLikeId(text: string): boolean {
  return ID_SHAPE.test(text);
}

/** Digest of raw bytes: length and first 12 hex of sha256. */
export function digestBytes(bytes: Uint8Array): AudioDigest {
  // One-shot hash (Node 20.12+): 3.2 µs for a 4800-byte append where a Hash object took 3.9-4.9.
  return { bytes: bytes.length, sha: hash('sha256', bytes, 'hex').slice(0, 12) };
}

/** Prefix of a UUID under `id`, from the `object` of the object holding it. */
const OBJECT_PREFIX: Readonly<Record<string, string>> = {
  'realtime.item': 'item',
  'realtime.response': 'resp',
  'realtime.session': 'sess',
  'realtime.conversation': 'conv',
};

function prefixFromKey(key: string): string {
  const base = key
    .replace(/Id$/, '')
    .replace(/_id$/, '')
    .replace(/^previous_?/i, '');
  return base === '' ? 'id' : base.charAt(0).toLowerCase() + base.slice(1);
}

/** Creates a fresh normaliser; use one per golden so numbering starts at 1. */
export function createNormaliser(): Normaliser {
  const placeholders = new Map<string, string>();
  const counters = new Map<string, number>();

  const placeholder = (id: string, prefix: string): string => {
    const known = placeholders.get(id);
    if (known !== undefined) return known;
    const n = (counters.get(prefix) ?? 0) + 1;
    counters.set(prefix, n);
    const made = `<${prefix}#${n}>`;
    placeholders.set(id, made);
    return made;
  };

  // An id word is normalised alone ('keep'), so this never recurses into itself.
  const normaliseText = (text: string): string =>
    text.replace(WORD, (word) =>
      word.length <= MAX_ID_WORD && (ID_SHAPE.test(word) || UUID_PATTERN.test(word))
        ? (normaliseString(word, undefined, undefined, 'keep') as string)
        : word,
    );

  const uuidPrefix = (key: string | undefined, objectKind: string | undefined): string => {
    if (key === 'id' && objectKind !== undefined && Object.hasOwn(OBJECT_PREFIX, objectKind))
      return OBJECT_PREFIX[objectKind]!;
    return key !== undefined && ID_KEY.test(key) ? prefixFromKey(key) : 'uuid';
  };

  const normaliseString = (
    text: string,
    key: string | undefined,
    objectKind: string | undefined,
    mode: StringMode,
  ): unknown => {
    const shape = ID_SHAPE.exec(text);
    if (shape) return placeholder(text, shape[1] ?? 'id');
    if (UUID_PATTERN.test(text)) return placeholder(text, uuidPrefix(key, objectKind));
    if (key !== undefined && ID_KEY.test(key) && text !== '' && text !== 'root')
      return placeholder(text, prefixFromKey(key));
    const dataUrl = text.startsWith('data:') ? DATA_URL.exec(text) : null;
    const dataBytes = dataUrl ? decodeBase64(dataUrl[2] ?? '') : undefined;
    if (dataBytes) return { mime: dataUrl?.[1] ?? '', ...digestBytes(dataBytes) };
    return mode === 'redact' ? redactCredentials(text) : mode === 'prose' ? normaliseText(text) : text;
  };

  const visit = (
    value: unknown,
    key: string | undefined,
    isAudio: boolean,
    depth: number,
    mode: StringMode,
    objectKind?: string,
  ): unknown => {
    if (typeof value === 'string') {
      // Checked and decoded in one native pass (decodeBase64), not checked then decoded again.
      const audio = isAudio ? decodeBase64(value) : undefined;
      if (audio) return digestBytes(audio);
      return normaliseString(value, key, objectKind, mode);
    }
    if (typeof value === 'object' && value !== null && depth >= MAX_JSON_DEPTH) return TOO_DEEP;
    if (Array.isArray(value)) return value.map((v) => visit(v, undefined, false, depth + 1, mode));
    if (ArrayBuffer.isView(value)) return digestBytes(new Uint8Array(value.buffer, value.byteOffset, value.byteLength));
    if (value instanceof ArrayBuffer) return digestBytes(new Uint8Array(value));
    if (isPlainObject(value)) {
      const type = value['type'];
      const audioDelta = typeof type === 'string' && AUDIO_DELTA_TYPE.test(type);
      const kind = typeof value['object'] === 'string' ? value['object'] : undefined;
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value))
        out[k] = visit(v, k, k === 'audio' || (audioDelta && k === 'delta'), depth + 1, mode, kind);
      return out;
    }
    return value;
  };

  return {
    normalise: (value) => visit(value, undefined, false, 0, 'keep'),
    // Secrets never reach golden files: a credential a peer echoes is redacted as the client redacts it.
    normaliseFrame: (value) => visit(value, undefined, false, 0, 'redact'),
    normaliseText,
    normaliseProse: (value) => visit(value, undefined, false, 0, 'prose'),
  };
}
