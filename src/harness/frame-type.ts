/**
 * The top-level `type` of a frame's JSON text, read as `JSON.parse` reads it but, for the long
 * flat frames of audio (an append, an audio delta), without building the value: `rt-sim serve`
 * counts every frame by type, and parsing each 6 KB audio frame only to drop it cost its
 * observer most of its time and allocation under load (bench/serve-load.ts).
 */

/** Not JSON, or JSON whose top-level `type` is this string (undefined: there is none, or it is no string). */
export type FrameKind = { json: false } | { json: true; type: string | undefined };

/** Shorter texts are parsed: the scan below pays off on long ones only. */
const SCAN_FROM = 512;
/** Characters JSON allows only escaped inside strings, or as whitespace outside them. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const CONTROL = /[\u0000-\u001f]/;
/** A JSON number, at the position `lastIndex` names. */
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

/** The frame's kind, exactly as `JSON.parse(text)` would show it. */
export function frameKindOf(text: string): FrameKind {
  if (text.length >= SCAN_FROM) {
    const scanned = scanFlat(text);
    if (scanned !== undefined) return scanned;
  }
  try {
    const value = JSON.parse(text) as unknown;
    const type = value !== null && typeof value === 'object' ? (value as { type?: unknown }).type : undefined;
    return { json: true, type: typeof type === 'string' ? type : undefined };
  } catch {
    return { json: false };
  }
}

/**
 * A string value of a flat frame (see {@link scanFlat}): its key, and the indexes of its
 * opening and closing quotes. With no escapes in the text, the value is exactly the
 * characters between the quotes.
 */
export interface FlatString {
  key: string;
  open: number;
  close: number;
}

/**
 * The kind of a flat object as `JSON.stringify` writes one: no whitespace, no escapes, no
 * control characters, every value a string, number, `true`, `false` or `null`. Undefined for
 * anything else (then the caller parses), so a text this accepts is valid JSON and its last
 * `type` key (`JSON.parse` keeps the last of duplicates) is the one returned. With `strings`,
 * its `onString` is called for every string value whose key is among its `keys`, in text order
 * (duplicates too); the calls count only when the scan returns a kind.
 */
export function scanFlat(
  text: string,
  strings?: { keys: ReadonlySet<string>; onString: (value: FlatString) => void },
): FrameKind | undefined {
  if (text.charCodeAt(0) !== 123 /* { */ || text.includes('\\') || CONTROL.test(text)) return undefined;
  let type: string | undefined;
  let at = 1;
  if (text.charCodeAt(at) === 125 /* } */) return at === text.length - 1 ? { json: true, type } : undefined;
  for (;;) {
    if (text.charCodeAt(at) !== 34 /* " */) return undefined;
    const keyEnd = text.indexOf('"', at + 1);
    if (keyEnd < 0 || text.charCodeAt(keyEnd + 1) !== 58 /* : */) return undefined;
    const keyAt = at;
    const isType = keyEnd - at === 5 && text.startsWith('type', at + 1);
    at = keyEnd + 2;
    const c = text.charCodeAt(at);
    if (c === 34) {
      const end = text.indexOf('"', at + 1);
      if (end < 0) return undefined;
      if (strings) {
        const key = text.slice(keyAt + 1, keyEnd);
        if (strings.keys.has(key)) strings.onString({ key, open: at, close: end });
      }
      // Parsed, not sliced: a slice would keep the whole frame alive as long as the type is kept
      // (serve's rings keep it in every line), and the quoted text has no escape to parse.
      if (isType) type = JSON.parse(text.slice(at, end + 1)) as string;
      at = end + 1;
    } else {
      const length = literalLength(text, at, c);
      if (length === 0) return undefined;
      if (isType) type = undefined;
      at += length;
    }
    const next = text.charCodeAt(at);
    if (next === 125) return at === text.length - 1 ? { json: true, type } : undefined;
    if (next !== 44 /* , */) return undefined;
    at++;
  }
}

/** Length of the number, `true`, `false` or `null` at `at` (first character `c`); 0 for anything else. */
function literalLength(text: string, at: number, c: number): number {
  if (c === 116 /* t */) return text.startsWith('true', at) ? 4 : 0;
  if (c === 102 /* f */) return text.startsWith('false', at) ? 5 : 0;
  if (c === 110 /* n */) return text.startsWith('null', at) ? 4 : 0;
  NUMBER.lastIndex = at;
  return NUMBER.test(text) ? NUMBER.lastIndex - at : 0;
}
