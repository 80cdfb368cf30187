/**
 * Building blocks of the hostile-frame suite (issue 11): a printed seed, field-by-field
 * mutations of the protocol catalogue's examples, and a guard that turns any unhandled
 * rejection or uncaught exception during a run into a failure naming the seed and frame.
 */
import { createRandom, type Random } from '../../../src/clock/index.js';

/** The run's seed: `HOSTILE_SEED` from the environment, else a fixed one, printed either way. */
export function hostileSeed(label: string): number {
  const given = process.env['HOSTILE_SEED'];
  const seed = given !== undefined && given !== '' ? Number(given) : 20261104;
  if (!Number.isSafeInteger(seed)) throw new Error(`HOSTILE_SEED must be an integer, got ${given}`);
  console.log(`[hostile-frames] ${label}: seed ${seed} (rerun with HOSTILE_SEED=${seed})`);
  return seed;
}

/** A seeded random source for one suite. */
export function hostileRandom(seed: number, label: string): Random {
  return createRandom(seed).fork(label);
}

/** Picks one element. */
export function pick<T>(random: Random, items: readonly T[]): T {
  return items[random.int(0, items.length - 1)]!;
}

/** Where a frame came from: enough to reproduce and to read the failure. */
export interface FrameTag {
  index: number;
  kind: string;
  preview: string;
}

/** Text for a failure message: seed, frame index, kind and the start of the frame. */
export function where(seed: number, tag: FrameTag): string {
  return `seed ${seed}, frame #${tag.index} (${tag.kind}): ${tag.preview}`;
}

/** The first 160 characters of a frame, for messages. */
export function preview(data: string | Uint8Array): string {
  if (typeof data !== 'string') return `<binary ${data.byteLength} bytes>`;
  return data.length > 160 ? `${data.slice(0, 157)}... (${data.length} chars)` : data;
}

/**
 * Collects unhandled rejections and uncaught exceptions while installed. Vitest would fail
 * the run on them too, but later and without the frame; `check` names it.
 */
export class ProcessGuard {
  readonly problems: unknown[] = [];
  readonly #onProblem = (error: unknown): void => void this.problems.push(error);

  install(): void {
    process.on('unhandledRejection', this.#onProblem);
    process.on('uncaughtException', this.#onProblem);
  }

  uninstall(): void {
    process.off('unhandledRejection', this.#onProblem);
    process.off('uncaughtException', this.#onProblem);
  }

  /** Throws when anything went unhandled since the last check. */
  check(context: () => string): void {
    if (this.problems.length === 0) return;
    const [first] = this.problems.splice(0);
    const text = first instanceof Error ? (first.stack ?? first.message) : String(first);
    throw new Error(`unhandled rejection or uncaught exception after ${context()}:\n${text}`);
  }
}

/** JSON path of a field: keys and array indexes. */
export type Path = (string | number)[];

type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/** Every path in a JSON value (the root left out), parents before their children. */
export function allPaths(value: unknown, at: Path = []): Path[] {
  const out: Path[] = [];
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) out.push([...at, i], ...allPaths(v, [...at, i]));
  } else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) out.push([...at, k], ...allPaths(v, [...at, k]));
  }
  return out;
}

function kind(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

const WRONG_VALUES: readonly JsonValue[] = [
  null,
  true,
  false,
  0,
  -1,
  1.5,
  1e308,
  '',
  'x',
  '\u0000',
  [],
  [1],
  {},
  { a: 1 },
  'response_1',
  -0.5,
];

/** A value of another JSON kind than `value`. */
export function wrongValue(random: Random, value: unknown): JsonValue {
  const others = WRONG_VALUES.filter((v) => kind(v) !== kind(value));
  return structuredClone(pick(random, others));
}

/** A copy of `event` with the field at `path` replaced by `replacement`, or deleted when `replacement` is undefined. */
export function mutateAt(
  event: Record<string, unknown>,
  path: Path,
  replacement: JsonValue | undefined,
): Record<string, unknown> {
  const copy = structuredClone(event);
  let node: Record<string | number, unknown> = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  const last = path.at(-1)!;
  if (replacement !== undefined) node[last] = replacement;
  else if (Array.isArray(node)) node.splice(last as number, 1);
  else delete node[last];
  return copy;
}

/** Text that is not JSON: truncated, doubled, stray tokens, raw control bytes. */
export function notJson(random: Random, valid: string): string {
  switch (random.int(0, 6)) {
    case 0:
      return valid.slice(0, random.int(1, Math.max(1, valid.length - 1)));
    case 1:
      return valid + valid;
    case 2:
      return `${valid.slice(0, -1)},}`;
    case 3:
      return random.hex(random.int(1, 40));
    case 4:
      return '';
    case 5:
      return `{"type":'${random.hex(4)}'}`;
    default:
      return `${valid}\u0000garbage`;
  }
}

/** A `session.update` nested `depth` levels deep (the event is level 1, `session` level 2), in arrays or objects. */
export function deepFrame(depth: number, eventId: string, objects = false): string {
  const n = depth - 2;
  const inner = objects ? `${'{"a":'.repeat(n - 1)}{}${'}'.repeat(n - 1)}` : `${'['.repeat(n)}${']'.repeat(n)}`;
  return `{"type":"session.update","event_id":"${eventId}","session":{"instructions":${inner}}}`;
}

/** A string with lone surrogates: valid JS, not valid UTF-16 (the in-memory analogue of invalid UTF-8). */
export function loneSurrogates(random: Random): string {
  return pick(random, ['\uD800', '\uDFFF', 'a\uDC00b', '\uD83D']).repeat(random.int(1, 4));
}

/** Base64 that does not decode: bad characters, bad padding, a length that is not a multiple of 4. */
export function badBase64(random: Random): string {
  const good = Buffer.alloc(random.int(1, 32) * 2, random.int(0, 255)).toString('base64');
  switch (random.int(0, 4)) {
    case 0:
      return `${good}A`;
    case 1:
      return `${good.slice(0, -1)}*`;
    case 2:
      return `=${good}`;
    case 3:
      return good.replace(/./, '-');
    default:
      return `${good} ${good}`;
  }
}

/** Base64 of an odd number of bytes (PCM16 needs an even count). */
export function oddBase64(random: Random): string {
  return Buffer.alloc(random.int(0, 200) * 2 + 1, random.int(0, 255)).toString('base64');
}

/**
 * What serve answered to each hostile frame, when every frame was followed by a probe whose
 * answer is `probeAnswer`: the events up to and including each probe's answer. The frame
 * whose probe went unanswered gets what came after the last answer; frames after it, none.
 */
export function answersPerFrame<T extends { type?: unknown }>(
  events: readonly T[],
  probeAnswer: string,
  frames: number,
): (T[] | undefined)[] {
  const out: (T[] | undefined)[] = [];
  let segment: T[] = [];
  for (const event of events) {
    segment.push(event);
    if (event.type === probeAnswer) {
      out.push(segment);
      segment = [];
    }
  }
  if (out.length < frames) out.push(segment);
  while (out.length < frames) out.push(undefined);
  return out;
}
