/**
 * The pieces the scenario config schemas are built of: zod schemas named with the phrases of
 * rt-sim's messages (src/protocol/schema-kit.ts), so one pass reports every problem, each with
 * where it is, what was expected, what came, and a did-you-mean when a near name exists.
 */
import { z } from 'zod';
import { didYouMean } from '../errors/index.js';
import type { FailureStyle, Pick } from '../protocol/index.js';
import { MAX_FRAME_BYTES, checkSchema, expecting, pickOne, refuse } from '../protocol/index.js';

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
  /**
   * Largest multiplier (replay speed, pacing factor) and small counts (duplicate times, reorder by,
   * file_search results).
   */
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

/** A schema of one value of a block. */
export type Check = z.ZodType;

/** The value as a message names what came: its kind, and a short string as written. */
export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string')
    return `the string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 37)}...` : value)}`;
  return `${typeof value} ${String(value)}`;
}

/** The wording of the simulator's block messages. */
export const SIMULATOR_STYLE: FailureStyle = {
  describe: (value) => describe(value),
  unknownKey: (key, allowed) => {
    const hint = didYouMean(key, allowed);
    const message = `unknown key "${key}"; expected one of ${allowed.join(', ')}`;
    return hint === undefined ? { message } : { message, hint };
  },
  missingKey: (key) => `missing required key "${key}"`,
};

/** Every problem `schema` finds in `value`, as {@link ConfigIssue}s with paths relative to it. */
export function configIssues(schema: Check, value: unknown): ConfigIssue[] {
  const result = checkSchema(schema, value, SIMULATOR_STYLE);
  if (result.ok) return [];
  return result.failures.map(({ path, message, hint }) =>
    hint === undefined ? { path, message } : { path, message, hint },
  );
}

/** A string. */
export const str = expecting(z.string(), 'a string');
/** A non-empty string. */
export const nonEmptyStr = expecting(z.string().min(1), 'a non-empty string');
/** `true` or `false`. */
export const bool = expecting(z.boolean(), 'true or false');
/** Anything at all (a matcher's `equals`). */
export const anything = z.unknown();

/** A finite number within the given bounds, an integer if asked. */
export function num(opts: { min?: number; max?: number; int?: boolean; above?: number } = {}): z.ZodNumber {
  let schema = opts.int ? z.number().int() : z.number();
  if (opts.min !== undefined) schema = schema.min(opts.min);
  if (opts.max !== undefined) schema = schema.max(opts.max);
  if (opts.above !== undefined) schema = schema.gt(opts.above);
  const range =
    opts.min !== undefined && opts.max !== undefined
      ? [`from ${opts.min} to ${opts.max}`]
      : [
          opts.min !== undefined ? `>= ${opts.min}` : '',
          opts.above !== undefined ? `> ${opts.above}` : '',
          opts.max !== undefined ? `<= ${opts.max}` : '',
        ].filter(Boolean);
  const what = [opts.int ? 'an integer' : 'a number', range.join(' and ')].filter(Boolean).join(' ');
  return expecting(schema, what);
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
export const frameBytes = (min: number): z.ZodNumber => num({ min, int: true, max: MAX_FRAME_BYTES });

/** One of the given values; a near-miss string gets a did-you-mean. */
export function oneOf<const T extends readonly [string | number | boolean, ...(string | number | boolean)[]]>(
  ...values: T
): z.ZodLiteral<T[number]> {
  // Unnamed: the kit words it `one of "a", "b"` and adds a did-you-mean for a near-miss string.
  return z.literal(values);
}

/** `null`, or what `check` accepts. */
export function nullable<T extends Check>(check: T): z.ZodNullable<T> {
  return check.nullable();
}

/** A list whose every entry `check` accepts. */
export function listOf<T extends Check>(check: T, opts: { nonEmpty?: boolean } = {}): z.ZodArray<T> {
  const list = z.array(check);
  if (!opts.nonEmpty) return expecting(list, 'a list');
  const nonEmpty = list
    .superRefine((v, ctx) => {
      if (v.length === 0) refuse(ctx, 'expected a non-empty list, got an empty one');
    })
    .meta({ minItems: 1 });
  return expecting(nonEmpty, 'a list');
}

/** The option `pick` chooses by the value's shape, or an issue naming the accepted shapes. */
export function either<const T extends readonly Check[]>(
  describeIt: string,
  options: T,
  pick: (v: unknown) => Pick,
): z.ZodUnion<T> {
  return pickOne(describeIt, options, pick);
}

/** A mapping of the given keys only (a did-you-mean for others), with the required ones present. */
export function obj<const F extends Record<string, Check>, const R extends keyof F & string = never>(
  fields: F,
  required: readonly R[] = [],
): z.ZodObject<{ [K in keyof F]: K extends R ? F[K] : z.ZodOptional<F[K]> }, z.core.$strict> {
  const shape: Record<string, Check> = {};
  for (const [key, check] of Object.entries(fields))
    shape[key] = (required as readonly string[]).includes(key) ? check : check.optional();
  const names = Object.keys(fields);
  return expecting(z.strictObject(shape), `a mapping with keys ${names.join(', ')}`) as never;
}

/** Any mapping. */
export const mapping = expecting(z.record(z.string(), z.unknown()), 'a mapping');

/** True for a mapping that has `key`: what the pickers of {@link either} test. */
export function has(v: unknown, key: string): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && key in v;
}
