import { alignSequences } from './compare-align.js';
import { compareShapes, shapeOf } from './compare-shape.js';
import type { FrameDirection, FrameRecord, TranscriptRecord } from './record.js';
import { isCloseRecord, isFrameRecord } from './record.js';
import { connectionsOf, type Transcript } from './transcript.js';

/** Default of {@link CompareOptions.toleranceMs}: more than network jitter, less than a turn. */
export const DEFAULT_COMPARE_TOLERANCE_MS = 250;

/** Options of {@link compareTranscripts}. */
export interface CompareOptions {
  /**
   * How far apart (ms since the connection opened) two aligned events may be before it is a
   * timing difference. Default {@link DEFAULT_COMPARE_TOLERANCE_MS}.
   */
  toleranceMs?: number;
}

/** Where an event is in one transcript. */
export interface EventPlace {
  /** Position among the frames of that connection and direction, from 0. */
  index: number;
  /** Line in the file, when known. */
  line?: number;
  /** Milliseconds since the connection opened. */
  t: number;
}

/**
 * One difference between transcript A and transcript B:
 * - `connection`: a connection only one of them has;
 * - `missing`: an event of A that B does not have (in order); `extra`: one B has and A not;
 * - `reordered`: an event both have, but not in the same order;
 * - `shape`: an aligned event whose fields, value types or id forms differ at `path`;
 * - `timing`: an aligned event more than the tolerance apart (`deltaMs` = B − A);
 * - `close`: the connections closed differently (code or side).
 */
export type CompareDifference =
  | { kind: 'connection'; conn: number; only: 'a' | 'b' }
  | { kind: 'missing' | 'extra'; conn: number; dir: FrameDirection; type: string; a?: EventPlace; b?: EventPlace }
  | { kind: 'reordered'; conn: number; dir: FrameDirection; type: string; a: EventPlace; b: EventPlace }
  | {
      kind: 'shape';
      conn: number;
      dir: FrameDirection;
      type: string;
      a: EventPlace;
      b: EventPlace;
      path: string;
      aKinds: string[];
      bKinds: string[];
    }
  | { kind: 'timing'; conn: number; dir: FrameDirection; type: string; a: EventPlace; b: EventPlace; deltaMs: number }
  | { kind: 'close'; conn: number; a: string; b: string };

/** Counts per connection and direction. */
export interface CompareStream {
  conn: number;
  dir: FrameDirection;
  aligned: number;
  missing: number;
  extra: number;
  reordered: number;
}

/** What {@link compareTranscripts} found. */
export interface TranscriptComparison {
  same: boolean;
  toleranceMs: number;
  streams: CompareStream[];
  differences: CompareDifference[];
}

/**
 * Lines two transcripts up, connection by connection (A's n-th with B's n-th) and direction
 * by direction: events are aligned by type (longest common subsequence), then each aligned
 * pair is compared by structure (fields, value types, id forms; never values such as ids,
 * audio or text) and by time. An event only one side has at its place is `reordered` when the
 * other side has an unmatched event of the same type elsewhere, otherwise `missing`/`extra`.
 * Differences come per connection, direction, then in event order.
 */
export function compareTranscripts(a: Transcript, b: Transcript, options: CompareOptions = {}): TranscriptComparison {
  const toleranceMs = options.toleranceMs ?? DEFAULT_COMPARE_TOLERANCE_MS;
  const differences: CompareDifference[] = [];
  const streams: CompareStream[] = [];
  const connsA = connectionsOf(a);
  const connsB = connectionsOf(b);
  for (const conn of [...new Set([...connsA, ...connsB])].sort((x, y) => x - y)) {
    if (!connsB.includes(conn)) {
      differences.push({ kind: 'connection', conn, only: 'a' });
      continue;
    }
    if (!connsA.includes(conn)) {
      differences.push({ kind: 'connection', conn, only: 'b' });
      continue;
    }
    const recA = withLines(a, conn);
    const recB = withLines(b, conn);
    for (const dir of ['c2s', 's2c'] as const) {
      const found = compareStream(conn, dir, recA, recB, toleranceMs);
      streams.push(found.stream);
      differences.push(...found.differences);
    }
    const closeA = closeText(recA.map((r) => r.record));
    const closeB = closeText(recB.map((r) => r.record));
    if (closeA !== closeB) differences.push({ kind: 'close', conn, a: closeA, b: closeB });
  }
  return { same: differences.length === 0, toleranceMs, streams, differences };
}

interface Located {
  record: TranscriptRecord;
  line?: number;
}

interface Event {
  type: string;
  record: FrameRecord;
  place: EventPlace;
}

function withLines(transcript: Transcript, conn: number): Located[] {
  const out: Located[] = [];
  transcript.records.forEach((record, i) => {
    if (record.conn !== conn) return;
    const line = transcript.lines?.[i];
    out.push(line === undefined ? { record } : { record, line });
  });
  return out;
}

function eventsOf(located: Located[], dir: FrameDirection): Event[] {
  const events: Event[] = [];
  for (const { record, line } of located) {
    if (!isFrameRecord(record) || record.dir !== dir) continue;
    const place: EventPlace = { index: events.length, t: record.t, ...(line === undefined ? {} : { line }) };
    events.push({ type: eventType(record), record, place });
  }
  return events;
}

/** The event's `type`, or `<text>` / `<binary>` / `<omitted>` for frames that are not JSON events. */
function eventType(record: FrameRecord): string {
  if ('frame' in record) return typeof record.frame.type === 'string' ? record.frame.type : '<no type>';
  return 'text' in record ? '<text>' : 'binary' in record ? '<binary>' : '<omitted>';
}

function compareStream(
  conn: number,
  dir: FrameDirection,
  recA: Located[],
  recB: Located[],
  toleranceMs: number,
): { stream: CompareStream; differences: CompareDifference[] } {
  const evA = eventsOf(recA, dir);
  const evB = eventsOf(recB, dir);
  const pairs = alignSequences(
    evA.map((e) => e.type),
    evB.map((e) => e.type),
  );
  const matchedA = new Set(pairs.map(([i]) => i));
  const matchedB = new Set(pairs.map(([, j]) => j));
  const onlyA = evA.filter((_, i) => !matchedA.has(i));
  const onlyB = evB.filter((_, j) => !matchedB.has(j));

  // An unmatched event of A with an unmatched twin (same type) in B moved: reordered.
  const reordered: [Event, Event][] = [];
  const usedB = new Set<Event>();
  const missing: Event[] = [];
  for (const e of onlyA) {
    const twin = onlyB.find((o) => o.type === e.type && !usedB.has(o));
    if (twin === undefined) missing.push(e);
    else {
      usedB.add(twin);
      reordered.push([e, twin]);
    }
  }
  const extra = onlyB.filter((o) => !usedB.has(o));

  // Every difference keyed by the place it happens, to list them in event order.
  const keyed: { at: number; order: number; diff: CompareDifference }[] = [];
  const push = (at: number, diff: CompareDifference): void => {
    keyed.push({ at, order: keyed.length, diff });
  };
  for (const [i, j] of pairs) {
    const ea = evA[i]!;
    const eb = evB[j]!;
    for (const d of shapeDifferences(ea, eb))
      push(i, { kind: 'shape', conn, dir, type: ea.type, a: ea.place, b: eb.place, ...d });
    const deltaMs = eb.place.t - ea.place.t;
    if (Math.abs(deltaMs) > toleranceMs)
      push(i, { kind: 'timing', conn, dir, type: ea.type, a: ea.place, b: eb.place, deltaMs });
  }
  for (const [ea, eb] of reordered) {
    push(ea.place.index, { kind: 'reordered', conn, dir, type: ea.type, a: ea.place, b: eb.place });
    for (const d of shapeDifferences(ea, eb))
      push(ea.place.index, { kind: 'shape', conn, dir, type: ea.type, a: ea.place, b: eb.place, ...d });
  }
  for (const e of missing) push(e.place.index, { kind: 'missing', conn, dir, type: e.type, a: e.place });
  // An extra event of B sits after the A event aligned just before it.
  for (const e of extra)
    push(positionInA(e.place.index, pairs) + 0.5, { kind: 'extra', conn, dir, type: e.type, b: e.place });
  keyed.sort((x, y) => x.at - y.at || x.order - y.order);

  return {
    stream: {
      conn,
      dir,
      aligned: pairs.length,
      missing: missing.length,
      extra: extra.length,
      reordered: reordered.length,
    },
    differences: keyed.map((k) => k.diff),
  };
}

function shapeDifferences(a: Event, b: Event): { path: string; aKinds: string[]; bKinds: string[] }[] {
  if (!('frame' in a.record) || !('frame' in b.record)) return [];
  return compareShapes(shapeOf(a.record.frame), shapeOf(b.record.frame)).map((d) => ({
    path: d.path,
    aKinds: d.a,
    bKinds: d.b,
  }));
}

/** The index in A of the last aligned event before B's event `j` (−1 when none). */
function positionInA(j: number, pairs: [number, number][]): number {
  let at = -1;
  for (const [i, pj] of pairs) if (pj < j) at = i;
  return at;
}

function closeText(records: TranscriptRecord[]): string {
  const close = records.find(isCloseRecord);
  return close === undefined ? 'no close (cut short)' : `${close.code} by ${close.by}`;
}
