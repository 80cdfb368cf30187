/**
 * The pieces the scenario config checks are built of: a check takes a value and its path and
 * adds what is wrong to a list, so one pass reports every problem, each with where it is,
 * what was expected, what came, and a did-you-mean when a near name exists.
 */
import { didYouMean } from '../errors/index.js';
import { isPlainObject, MAX_FRAME_BYTES } from '../protocol/index.js';

/** One problem in a config. */
export interface ConfigIssue {
  path: (string | number)[];
  message: string;
  hint?: string;
}

/**
 * Bounds of the numbers in a scenario's `server:` and `script:` blocks; the JSON schema
 * (schema/scenario.schema.json) states the same `maximum`s, and a test compares them. They
 * keep a typo (`silenceMs: 1e13`) from becoming a hang or an allocation that never ends.
 */
export const SCENARIO_NUMBER_BOUNDS = {
  /** Longest duration, in milliseconds: 24 hours of virtual time. */
  durationMs: 86_400_000,
  /** Largest count of occurrences, connections, deltas, words or characters. */
  count: 1_000_000,
  /** Largest multiplier (replay speed, pacing factor) and small counts (duplicate times, reorder by, file_search results). */
  factor: 1000,
  /** Longest generated tone or silence, in milliseconds (10 minutes, as the harness's pushAudio). */
  audioMs: 600_000,
  /** Highest tone frequency, in Hz. */
  toneHz: 96_000,
  /** Largest token count in a usage mapping. */
  tokens: 1_000_000_000,
  /** Largest byte budget of limitData. */
  bytes: 1_000_000_000_000,
  /** Fastest bandwidth fault, in kbit/s (10 Gbit/s). */
  kbps: 10_000_000,
  /** Lowest VAD floor, in dBFS. */
  floorDb: -200,
} as const;
const BOUNDS = SCENARIO_NUMBER_BOUNDS;

/** Where a value sits in the checked block. */
export type Path = (string | number)[];
/** Checks one value, adding what is wrong with it to `out`. */
export type Check = (value: unknown, path: Path, out: ConfigIssue[]) => void;

/** The value as a message names what came: its kind, and a short string as written. */
export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string')
    return `the string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 37)}...` : value)}`;
  return `${typeof value} ${String(value)}`;
}

/** Records one issue, with its hint when there is one. */
export function add(out: ConfigIssue[], path: Path, message: string, hint?: string): void {
  out.push(hint === undefined ? { path, message } : { path, message, hint });
}

/** A string. */
export const str: Check = (v, p, out) => {
  if (typeof v !== 'string') add(out, p, `expected a string, got ${describe(v)}`);
};
/** A non-empty string. */
export const nonEmptyStr: Check = (v, p, out) => {
  if (typeof v !== 'string' || v === '') add(out, p, `expected a non-empty string, got ${describe(v)}`);
};
/** `true` or `false`. */
export const bool: Check = (v, p, out) => {
  if (typeof v !== 'boolean') add(out, p, `expected true or false, got ${describe(v)}`);
};

/** A finite number within the given bounds, an integer if asked. */
export function num(opts: { min?: number; max?: number; int?: boolean; above?: number } = {}): Check {
  return (v, p, out) => {
    const ok =
      typeof v === 'number' &&
      Number.isFinite(v) &&
      (!opts.int || Number.isInteger(v)) &&
      (opts.min === undefined || v >= opts.min) &&
      (opts.max === undefined || v <= opts.max) &&
      (opts.above === undefined || v > opts.above);
    if (ok) return;
    const range =
      opts.min !== undefined && opts.max !== undefined
        ? [`from ${opts.min} to ${opts.max}`]
        : [
            opts.min !== undefined ? `>= ${opts.min}` : '',
            opts.above !== undefined ? `> ${opts.above}` : '',
            opts.max !== undefined ? `<= ${opts.max}` : '',
          ].filter(Boolean);
    const what = [opts.int ? 'an integer' : 'a number', range.join(' and ')].filter(Boolean).join(' ');
    add(out, p, `expected ${what}, got ${describe(v)}`);
  };
}

/** A duration in milliseconds, within the bounds. */
export const ms = num({ min: 0, max: BOUNDS.durationMs });
/** A count of at least 1. */
export const positiveInt = num({ min: 1, int: true, max: BOUNDS.count });
/** A small count of at least 1 (times, positions). */
export const smallPositiveInt = num({ min: 1, int: true, max: BOUNDS.factor });
/** A multiplier above 0. */
export const factor = num({ above: 0, max: BOUNDS.factor });
/** A byte size of at least `min` and at most one frame. */
export const frameBytes = (min: number): Check => num({ min, int: true, max: MAX_FRAME_BYTES });

/** One of the given values; a near-miss string gets a did-you-mean. */
export function oneOf(...values: readonly (string | number | boolean | null)[]): Check {
  return (v, p, out) => {
    if (values.includes(v as string)) return;
    const hint =
      typeof v === 'string'
        ? didYouMean(
            v,
            values.filter((x): x is string => typeof x === 'string'),
          )
        : undefined;
    add(out, p, `expected one of ${values.map((x) => JSON.stringify(x)).join(', ')}, got ${describe(v)}`, hint);
  };
}

/** `null`, or what `check` accepts. */
export function nullable(check: Check): Check {
  return (v, p, out) => {
    if (v !== null) check(v, p, out);
  };
}

/** A list whose every entry `check` accepts. */
export function listOf(check: Check, opts: { nonEmpty?: boolean } = {}): Check {
  return (v, p, out) => {
    if (!Array.isArray(v)) return add(out, p, `expected a list, got ${describe(v)}`);
    if (opts.nonEmpty && v.length === 0) return add(out, p, 'expected a non-empty list, got an empty one');
    v.forEach((item, i) => check(item, [...p, i], out));
  };
}

/** The check `pick` chooses by the value's shape, or an issue naming the accepted shapes. */
export function either(describeIt: string, pick: (v: unknown) => Check | undefined): Check {
  return (v, p, out) => {
    const check = pick(v);
    if (check) check(v, p, out);
    else add(out, p, `expected ${describeIt}, got ${describe(v)}`);
  };
}

/** A mapping of the given keys only (a did-you-mean for others), with the required ones present. */
export function obj(fields: Record<string, Check>, required: readonly string[] = []): Check {
  const names = Object.keys(fields);
  return (v, p, out) => {
    if (!isPlainObject(v)) return add(out, p, `expected a mapping with keys ${names.join(', ')}, got ${describe(v)}`);
    for (const key of required) if (v[key] === undefined) add(out, [...p, key], `missing required key "${key}"`);
    for (const [key, value] of Object.entries(v)) {
      // Own keys only: "toString" or "constructor" is an unknown key, not a check inherited from Object.prototype.
      const check = Object.hasOwn(fields, key) ? fields[key] : undefined;
      if (!check) {
        add(out, [...p, key], `unknown key "${key}"; expected one of ${names.join(', ')}`, didYouMean(key, names));
        continue;
      }
      if (value !== undefined) check(value, [...p, key], out);
    }
  };
}

/** Any mapping. */
export const mapping: Check = (v, p, out) => {
  if (!isPlainObject(v)) add(out, p, `expected a mapping, got ${describe(v)}`);
};
