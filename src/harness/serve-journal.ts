/**
 * The journal of a running `serve` (its control API's `GET /__rt-sim/journal`): handshakes,
 * frames, closes and control actions in the order they happened, each with a sequence number
 * and its time, in a ring of the most recent entries so that a long-running server stays bounded.
 */
import type { Simulator } from '../simulator/index.js';
import { frameKindOf, scanFlat } from './frame-type.js';
import type { FlatString } from './frame-type.js';
import { Ring } from './ring.js';

/** Entries kept by default (`rt-sim serve --journal`). */
export const DEFAULT_JOURNAL = 1000;
/** Frame texts longer than this are journaled by type and size only, so the ring stays small. */
const MAX_TEXT_KEPT = 64 * 1024;

/** One entry of the journal. `t`: ms since the server started (or was last reset). */
export type JournalEntry =
  | { seq: number; t: number; kind: 'connection'; connection: number; attempt: number; url: string }
  | { seq: number; t: number; kind: 'refused'; attempt: number; status: number; reason: string }
  | {
      seq: number;
      t: number;
      kind: 'frame';
      connection: number;
      from: 'client' | 'server';
      type: string;
      /** Characters of the frame's text. */
      chars: number;
      /** The frame's JSON, its base64 audio shown by length; absent for a frame over 64 KiB. */
      body?: unknown;
    }
  | { seq: number; t: number; kind: 'close'; connection: number; code: number; reason: string; initiator: string }
  | { seq: number; t: number; kind: 'action'; connection?: number; do: unknown[] }
  | { seq: number; t: number; kind: 'reset' };

/** What an entry holds before it gets its sequence number and time. */
type Stored =
  | Exclude<JournalEntry, { kind: 'frame' }>
  // A frame kept whole has its type read from its text when the journal is read, not as it passes;
  // `shown`: the text of a long flat frame with its audio already shown by length.
  | (Omit<Extract<JournalEntry, { kind: 'frame' }>, 'body' | 'type'> &
      ({ text: string } | { shown: string } | { type: string }));

type Fields<E> = E extends unknown ? Omit<E, 'seq' | 't'> : never;

/** A page of the journal. */
export interface JournalPage {
  entries: JournalEntry[];
  /** Pass as `since` to read only what comes after this page. */
  next: number;
  /** Entries pushed out of the ring since the start: older than the oldest one kept. */
  dropped: number;
}

/** The journal: a ring of entries; frame texts are kept as they came and read only when asked for. */
export class ServeJournal {
  private ring: Ring<Stored>;
  private seq = 0;

  constructor(
    readonly capacity: number,
    private start: number,
    private readonly now: () => number,
  ) {
    this.ring = new Ring(capacity);
  }

  /** Journals `simulator`'s handshakes, frames and closes. */
  attach(simulator: Pick<Simulator, 'onConnection' | 'onFrame' | 'onClose'>): void {
    simulator.onConnection((c) =>
      c.accepted
        ? this.add({ kind: 'connection', connection: c.connection, attempt: c.attempt, url: c.url })
        : this.add({ kind: 'refused', attempt: c.attempt, status: c.status, reason: c.reason }),
    );
    simulator.onFrame((f) =>
      this.add({
        kind: 'frame',
        connection: f.connection,
        from: f.direction === 'in' ? 'client' : 'server',
        chars: f.text.length,
        ...kept(f.text),
      }),
    );
    simulator.onClose((c) =>
      this.add({ kind: 'close', connection: c.connection, code: c.code, reason: c.reason, initiator: c.initiator }),
    );
  }

  /** Sequence number of the latest entry (0 before the first). */
  get last(): number {
    return this.seq;
  }

  /** Adds an entry now. */
  add(entry: Fields<Stored>): void {
    this.ring.push({ seq: ++this.seq, t: this.ms(this.now()), ...entry } as Stored);
  }

  /** Entries after sequence number `since` (0: all kept), at most `limit`, oldest first. */
  read(since = 0, limit = this.capacity): JournalPage {
    const kept = this.ring.toArray().filter((e) => e.seq > since);
    const entries = kept.slice(0, limit).map(readable);
    return { entries, next: entries.at(-1)?.seq ?? Math.max(since, this.seq), dropped: this.ring.dropped };
  }

  /** Forgets every entry and counts time from `now` (sequence numbers go on). */
  reset(): void {
    this.ring = new Ring(this.capacity);
    this.start = this.now();
    this.add({ kind: 'reset' });
  }

  private ms(time: number): number {
    return Math.round((time - this.start) * 1000) / 1000;
  }
}

/** What the journal keeps of a frame's text. */
function kept(text: string): { text: string } | { shown: string } | { type: string } {
  if (text.length > MAX_TEXT_KEPT) return { type: typeOf(text) };
  const shown = audioShownByLength(text);
  return shown === undefined ? { text } : { shown };
}

/** A stored entry as the API shows it: a frame's text parsed, its audio shown by length. */
function readable(e: Stored): JournalEntry {
  if (e.kind !== 'frame') return e;
  if ('shown' in e) {
    const { shown, ...rest } = e;
    return { ...rest, type: typeOf(shown), body: JSON.parse(shown) as unknown };
  }
  if (!('text' in e)) return e;
  const { text, ...rest } = e;
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // Not JSON: the text is the evidence.
  }
  return { ...rest, type: typeOf(text), body: withAudioLengths(body) };
}

/** A frame's type as the journal shows it, read no further than the type. */
function typeOf(text: string): string {
  const kind = frameKindOf(text);
  return !kind.json ? '(not JSON)' : (kind.type ?? '(no type)');
}

/** A shallow copy of `body`, its base64 audio (`audio`; an audio delta's `delta`) as `<N chars of base64>`. */
function withAudioLengths(body: unknown): unknown {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return body;
  const b = body as Record<string, unknown>;
  const out: Record<string, unknown> = { ...b };
  for (const key of audioKeys(typeof b['type'] === 'string' ? b['type'] : undefined)) {
    const v = b[key];
    if (typeof v === 'string') out[key] = `<${v.length} chars of base64>`;
  }
  return out;
}

/** The keys whose string values a frame of `type` holds base64 audio in: `audio`, and an audio delta's `delta`. */
function audioKeys(type: string | undefined): readonly string[] {
  return type?.endsWith('audio.delta') ? ['audio', 'delta'] : ['audio'];
}

/** Frames shorter than this are kept as they came: only audio frames are worth shortening. */
const SHORTEN_FROM = 512;
/** Every key {@link audioKeys} may name, for the scan (which reads the type only at its end). */
const AUDIO_KEYS: ReadonlySet<string> = new Set(['audio', 'delta']);

/**
 * A long flat frame's text (frame-type.ts) with its audio shown by length, exactly as
 * {@link withAudioLengths} shows the parsed frame; undefined for any other frame. The journal
 * keeps this rather than the frame: under load its ring of 1000 frames held about 6 MB of
 * appends at any time, each living through one or two scavenges before it left the ring, and
 * at 500 sessions (bench/serve-load.ts) scavenges took 550-640 ms of 6 s, with pauses up to 20 ms.
 */
function audioShownByLength(text: string): string | undefined {
  if (text.length < SHORTEN_FROM) return undefined;
  const strings: FlatString[] = [];
  const kind = scanFlat(text, { keys: AUDIO_KEYS, onString: (s) => strings.push(s) });
  if (kind === undefined || !kind.json) return undefined;
  const keys = audioKeys(kind.type);
  const parts: string[] = [];
  let from = 0;
  for (const s of strings) {
    if (!keys.includes(s.key)) continue;
    parts.push(text.slice(from, s.open), JSON.stringify(`<${s.close - s.open - 1} chars of base64>`));
    from = s.close + 1;
  }
  if (parts.length === 0) return undefined;
  parts.push(text.slice(from));
  // join copies into a new flat string: the slices of `text` (and `text`) are not kept.
  return parts.join('');
}
