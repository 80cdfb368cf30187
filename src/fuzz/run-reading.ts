/**
 * Readers the invariants share: raw frames parsed, harness events by name, and the
 * responses the client saw start and end. Nothing here judges a run.
 */
import type { EventRecord } from '../harness/index.js';
import type { FuzzRun, RawFrame } from './fuzz-run.js';

/** A JSON object. */
export type Json = Record<string, unknown>;

/** The frame's body when it is a JSON object. */
export function parse(frame: RawFrame): Json | undefined {
  try {
    const v: unknown = JSON.parse(frame.text);
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Json) : undefined;
  } catch {
    return undefined;
  }
}

/** The value at `path` inside `v`, or undefined. */
export function field(v: unknown, ...path: string[]): unknown {
  let at = v;
  for (const key of path) {
    if (typeof at !== 'object' || at === null) return undefined;
    at = (at as Json)[key];
  }
  return at;
}

/** `v` when it is a finite number, else undefined. */
export const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

/** The harness events called `name`, with their index in the observation. */
export function events(run: FuzzRun, name: string): { record: EventRecord; index: number }[] {
  return run.outcome.observation.events.flatMap((record, index) => (record.event === name ? [{ record, index }] : []));
}

/** A raw frame with its parsed body and its index in the run's frames. */
export interface ParsedFrame {
  readonly frame: RawFrame;
  /** Shared by every invariant: read it, never change it. */
  readonly body: Json | undefined;
  readonly index: number;
}

/** Each run's frames, parsed once: every invariant reads them, and parsing them each time cost 4% of a campaign. */
const parsedRuns = new WeakMap<FuzzRun, readonly ParsedFrame[]>();

/** Raw frames with their parsed body and index; parsed on the first call for a run, the same list afterwards. */
export function parsed(run: FuzzRun): readonly ParsedFrame[] {
  let frames = parsedRuns.get(run);
  if (frames === undefined) {
    frames = run.frames.map((frame, index) => ({ frame, body: parse(frame), index }));
    parsedRuns.set(run, frames);
  }
  return frames;
}

/** The `type` of a body, when it is a string. */
export function typeOf(body: Json | undefined): string | undefined {
  const t = body?.['type'];
  return typeof t === 'string' ? t : undefined;
}

/**
 * A response the client saw start and end: its `response.done` reached the client while it was the one in flight there.
 */
export interface SeenResponse {
  /** The id as the observation shows it (a placeholder). */
  id: string;
  status: string;
  /** Connection it ran on. */
  conn: number;
  /** Time and frame index of the `response.created` that started it on the client (the first of a run of copies). */
  createdT: number;
  createdIndex: number;
  /** Time and frame index of its `response.done`. */
  t: number;
  frameIndex: number;
}

/**
 * The responses whose `response.done` came on the connection of their `response.created`
 * with no other response created there in between, in order (normalised ids). A correct
 * client ends exactly these with metrics; a `response.done` of any other response is a
 * stray (duplicated, or delayed past a newer response) that it ignores (§5.16). A copy of
 * the `response.created` in flight does not restart it.
 */
export function seenResponses(run: FuzzRun): SeenResponse[] {
  const inFlight = new Map<number, { id: string; t: number; index: number }>();
  const out: SeenResponse[] = [];
  for (const [index, f] of run.outcome.observation.frames.entries()) {
    if (f.from !== 'server') continue;
    const id = field(f.body, 'response', 'id');
    if (typeof id !== 'string') continue;
    if (f.type === 'response.created' && inFlight.get(f.conn)?.id !== id) inFlight.set(f.conn, { id, t: f.t, index });
    const open = inFlight.get(f.conn);
    if (f.type === 'response.done' && open?.id === id) {
      inFlight.delete(f.conn);
      out.push({
        id,
        status: String(field(f.body, 'response', 'status')),
        conn: f.conn,
        createdT: open.t,
        createdIndex: open.index,
        t: f.t,
        frameIndex: index,
      });
    }
  }
  return out;
}
