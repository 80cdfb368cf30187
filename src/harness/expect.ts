import { deepEqual, readPath } from '../protocol/index.js';
import { INPUT_AUDIO_TOLERANCE, type CountFilter, type Expectation, type InputAudioExpectation } from './scenario.js';
import { NO_SOUND, type InputSound } from './input-sound.js';
import type { FrameRecord, Observation } from './observation.js';

/** An expectation about frames on the wire. */
export type FrameExpectation = Extract<Expectation, { frame: string }>;

/** A failed expectation, in words. */
export interface ExpectationFailure {
  index: number;
  message: string;
}

/** Whether a record at time `t` with `payload` counts for `e` (its `match` and time bounds). */
export function selects(e: CountFilter, t: number, payload: unknown): boolean {
  if (e.afterMs !== undefined && t < e.afterMs) return false;
  if (e.beforeMs !== undefined && t > e.beforeMs) return false;
  for (const [path, want] of Object.entries(e.match ?? {})) if (!deepEqual(readPath(payload, path), want)) return false;
  return true;
}

/** " matching {…} between 0 and 100 ms", for messages. */
function filterText(e: CountFilter): string {
  let s = '';
  if (e.match) s += ` matching ${JSON.stringify(e.match)}`;
  // A mapping is compared whole: `{ error: { code: X } }` misses an error that has other keys too.
  const mapping = Object.entries(e.match ?? {}).find(
    ([, v]) => typeof v === 'object' && v !== null && !Array.isArray(v),
  );
  if (mapping)
    s +=
      ` (the mapping under "${mapping[0]}" must equal the value whole, every key; to match one field give its ` +
      `dotted path, e.g. "${mapping[0]}.${Object.keys(mapping[1] as object)[0] ?? 'field'}")`;
  if (e.afterMs !== undefined && e.beforeMs !== undefined) s += ` between ${e.afterMs} and ${e.beforeMs} ms`;
  else if (e.afterMs !== undefined) s += ` at or after ${e.afterMs} ms`;
  else if (e.beforeMs !== undefined) s += ` at or before ${e.beforeMs} ms`;
  return s;
}

/** What is wrong with seeing `n` of `what` against a `count`, `min` and `max` (none of them: at least one). */
export function countCheck(
  what: string,
  n: number,
  e: { count?: number; min?: number; max?: number },
): string | undefined {
  if (e.count !== undefined && n !== e.count) return `expected ${e.count} ${what}, saw ${n}`;
  if (e.min !== undefined && n < e.min) return `expected at least ${e.min} ${what}, saw ${n}`;
  if (e.max !== undefined && n > e.max) return `expected at most ${e.max} ${what}, saw ${n}`;
  if (e.count === undefined && e.min === undefined && e.max === undefined && n === 0)
    return `expected at least one ${what}, saw none`;
  return undefined;
}

/** Whether frame `f` counts for expectation `e` (type, direction, time window, `match`). */
export function frameCounts(e: FrameExpectation, f: Omit<FrameRecord, 'conn'>): boolean {
  return f.type === e.frame && f.from === e.from && selects(e, f.t, f.body);
}

/** Why `n` counted frames fail expectation `e`, or undefined when they meet it. */
export function frameCountFailure(e: FrameExpectation, n: number): string | undefined {
  return countCheck(`"${e.frame}" frame(s) from the ${e.from}${filterText(e)}`, n, e);
}

/** Why `n` open connections fail `{ connections }`, or undefined. */
export function connectionCountFailure(e: { connections: number }, n: number): string | undefined {
  return n === e.connections ? undefined : `expected ${e.connections} open connection(s), saw ${n}`;
}

/** Checks a scenario's `expect` list (those `applies` selects) against what the run observed. */
export function checkExpectations(
  expectations: readonly Expectation[],
  o: Observation,
  applies: (e: Expectation) => boolean = () => true,
): ExpectationFailure[] {
  const failures: ExpectationFailure[] = [];
  expectations.forEach((e, index) => {
    if (!applies(e)) return;
    let message: string | undefined;
    if ('event' in e) {
      const n = o.events.filter((r) => r.event === e.event && selects(e, r.t, r.data)).length;
      message = countCheck(`"${e.event}" event(s)${filterText(e)}`, n, e);
    } else if ('frame' in e) {
      message = frameCountFailure(e, o.frames.filter((f) => frameCounts(e, f)).length);
    } else if ('connections' in e) {
      message = connectionCountFailure(e, o.connections.filter((c) => c.outcome === 'open').length);
    } else if ('chatCtx' in e) {
      message = checkChatCtx(e.chatCtx, o.chatCtx);
    } else if ('inputAudio' in e) {
      message = inputAudioFailure(e.inputAudio, o.inputSound);
    }
    if (message) failures.push({ index, message: `expect[${index}]: ${message}` });
  });
  return failures;
}

/** Why the chat context `got` (items with role, type, text) fails `want`, or undefined when it matches. */
export function checkChatCtx(
  want: { role?: string; type?: string; text?: string }[],
  got: unknown[],
): string | undefined {
  const items = got as { role?: string; type?: string; text?: string }[];
  const show = (list: { role?: string; type?: string; text?: string }[]): string =>
    list
      .map((i) => `${i.role ?? i.type ?? '?'}${i.text !== undefined ? `: ${JSON.stringify(i.text)}` : ''}`)
      .join(', ') || '(empty)';
  if (items.length !== want.length)
    return `expected a chat context of ${want.length} item(s) [${show(want)}], got ${items.length} [${show(items)}]`;
  for (let i = 0; i < want.length; i++) {
    const w = want[i]!;
    const g = items[i]!;
    for (const key of ['role', 'type', 'text'] as const) {
      if (w[key] !== undefined && w[key] !== g[key]) {
        return (
          `chat context item ${i}: expected ${key} ${JSON.stringify(w[key])}, got ${JSON.stringify(g[key])} ` +
          `(whole context: [${show(items)}])`
        );
      }
    }
  }
  return undefined;
}

/** Why the input audio the server heard fails `want`, or undefined when it meets it. */
export function inputAudioFailure(want: InputAudioExpectation, heard: InputSound | undefined): string | undefined {
  const got = heard ?? NO_SOUND;
  const t = INPUT_AUDIO_TOLERANCE;
  const off: string[] = [];
  if (want.hz !== undefined && !(Math.abs(got.hz - want.hz) <= want.hz * t.hzRatio))
    off.push(`a pitch of ${want.hz} Hz (±${t.hzRatio * 100}%)`);
  if (want.dbfs !== undefined && !(Math.abs(got.dbfs - want.dbfs) <= t.dbfs))
    off.push(`a level of ${want.dbfs} dBFS (±${t.dbfs} dB)`);
  if (want.soundMs !== undefined && !(Math.abs(got.soundMs - want.soundMs) <= t.soundMs))
    off.push(`${want.soundMs} ms of sound (±${t.soundMs} ms)`);
  if (off.length === 0) return undefined;
  const heardText =
    got.soundMs === 0
      ? 'no sound at all'
      : `${got.hz.toFixed(1)} Hz at ${got.dbfs.toFixed(1)} dBFS over ${got.soundMs} ms of sound`;
  return `expected the input audio the server heard to have ${off.join(', ')}; it heard ${heardText}`;
}
