/**
 * The one validation kit: rt-sim's shapes are zod schemas, and this turns zod's issues into
 * rt-sim's failures — a path, what was expected (a human phrase such as "a string" or
 * `one of "a", "b"`), what came, and a did-you-mean for near-miss keys and values. It lives
 * in the bottom layer so protocol events, scenario files, transcripts and options share it.
 *
 * A schema states its phrase with {@link expecting}; a refinement that needs a whole sentence
 * adds it with {@link refuse}. Zod's own texts never reach a user.
 */
import { z } from 'zod';
import { didYouMean } from '../errors/index.js';

/** Where a failure is: object keys and array indexes from the checked value's root. */
export type SchemaPath = (string | number)[];

/** One thing wrong with a checked value. */
export interface SchemaFailure {
  path: SchemaPath;
  /** What was expected, as a phrase ("a non-negative integer"); absent for whole-sentence failures. */
  expected?: string;
  /** What came, as the style describes it; absent for whole-sentence failures. */
  got?: string;
  /** The sentence shown to the user: `expected X, got Y`, or a refinement's own. */
  message: string;
  hint?: string;
}

/** How one family of messages words what came and unknown keys. */
export interface FailureStyle {
  /** What came. `code` is zod's issue code (`invalid_value` for a wrong enum member, …). */
  describe(value: unknown, code: string): string;
  /** The message and hint for a key the schema does not know. */
  unknownKey(key: string, allowed: readonly string[]): { message: string; hint?: string };
  /** The sentence for what was expected and what came; `expected X, got Y` when not given. */
  sentence?(expected: string, got: string): string;
  /** The message for a required key that is absent; `expected X, got <describe(undefined)>` when not given. */
  missingKey?(key: string, expected: string): string;
}

interface Phrase {
  expected: string;
  hint?: string;
  got?: (value: unknown) => string;
}

/** Schemas whose absence the enclosing mapping reports in its own words (see {@link quietWhenMissing}). */
const quiet = new WeakSet<z.ZodType>();

/**
 * Marks a required field whose absence is not reported at its own path, because a
 * {@link crossCheck} of the enclosing mapping says it better (`call say needs "text"`).
 * JSON Schema still lists the field as required.
 */
export function quietWhenMissing<T extends z.ZodType>(schema: T): T {
  quiet.add(schema);
  return schema;
}

/** Phrases by schema instance. A registry, not `.meta()`, because `.meta()` clones the schema. */
const phrases = z.registry<Phrase>();

/**
 * Names what `schema` accepts, for `expected …, got …` messages, with an optional hint.
 * Returns the same instance: call it last, after `.min()`, `.meta()` and the like, which clone.
 */
export function expecting<T extends z.ZodType>(
  schema: T,
  expected: string,
  hint?: string,
  got?: (value: unknown) => string,
): T {
  phrases.remove(schema);
  const phrase: Phrase = { expected };
  if (hint !== undefined) phrase.hint = hint;
  if (got !== undefined) phrase.got = got;
  phrases.add(schema, phrase);
  return schema;
}

/**
 * `schema` with a description for editors (JSON Schema `description`), keeping its phrase
 * and quietness: `.meta()` alone makes a copy that has neither.
 */
export function described<T extends z.ZodType>(schema: T, description: string): T {
  const copy = schema.meta({ description }) as T;
  const phrase = phrases.get(schema);
  if (phrase) phrases.add(copy, phrase);
  if (quiet.has(schema)) quiet.add(copy);
  return copy;
}

/** What `schema` was said to accept by {@link expecting}, if anything. */
export function phraseOf(schema: z.ZodType): string | undefined {
  return phrases.get(schema)?.expected;
}

/** Adds a whole-sentence failure from a `superRefine`, at `path` below the refined value. */
export function refuse(
  ctx: z.RefinementCtx,
  message: string,
  opts: { hint?: string | undefined; path?: SchemaPath } = {},
): void {
  const params: Record<string, unknown> = { sentence: true };
  if (opts.hint !== undefined) params['hint'] = opts.hint;
  ctx.addIssue({ code: 'custom', message, params, path: opts.path ?? [] });
}

/** What a {@link pickOne} picker decides: the option that applies, or a whole sentence saying why none does. */
export type Pick = z.ZodType | { message: string; hint?: string | undefined; path?: SchemaPath } | undefined;

/** Pickers by the union they choose for. */
const pickers = new WeakMap<z.ZodType, (value: unknown) => Pick>();

/**
 * A choice among shapes told apart by the value itself (a key present, a list or a string):
 * `pick` names the option that applies, and only that option may accept the value, so its own
 * failures are reported (or pick's sentence, or `expected <expected>` when it picks none). To
 * JSON Schema it is the `anyOf` of the options.
 */
export function pickOne<const T extends readonly z.ZodType[]>(
  expected: string,
  options: T,
  pick: (value: unknown) => Pick,
): z.ZodUnion<T> {
  // The guard sees the value as written (a refinement would see the option's output, keys stripped).
  const guarded = options.map((option) =>
    z.preprocess((v, ctx) => {
      if (pick(v) !== option) ctx.addIssue({ code: 'custom', message: 'not the picked option' });
      return v;
    }, option),
  ) as unknown as T;
  // zod runs a one-option union as that option, with no union issue to pick from: add one that never matches.
  const union = z.union(guarded.length === 1 ? ([...guarded, z.never()] as unknown as T) : guarded);
  pickers.set(union, (value) => {
    const chosen = pick(value);
    if (chosen === undefined || !(chosen instanceof z.ZodType)) return chosen;
    // The refined copy stands for the option in the union.
    const at = options.indexOf(chosen);
    // A schema not among the options would make every option fail with nothing to report.
    if (at < 0) throw new Error(`pickOne "${expected}": the picker chose a schema that is not one of its options`);
    return guarded[at];
  });
  return expecting(union, expected);
}

/**
 * Adds a rule across the fields of a mapping (one key excludes another, a call needs its args)
 * that runs even when a field failed, so one pass still reports every problem. `check` sees
 * the mapping as written, unknown keys dropped: fields may be of any type.
 */
export function crossCheck<T extends z.ZodType>(
  schema: T,
  check: (value: Record<string, unknown>, ctx: z.RefinementCtx) => void,
): T {
  const checked = schema.superRefine(
    (value, ctx) => {
      if (typeof value === 'object' && value !== null && !Array.isArray(value))
        check(value as Record<string, unknown>, ctx as z.RefinementCtx);
    },
    { when: () => true },
  ) as T;
  const phrase = phrases.get(schema);
  if (phrase) phrases.add(checked, phrase);
  return checked;
}

/**
 * JSON Schema saying "has these keys", for rules between keys stated with `.meta()`; it
 * names the keys in `properties` and the type too, as strict JSON Schema tools (ajv) require.
 */
export function jsonHasKeys(...keys: string[]): {
  type: 'object';
  required: string[];
  properties: Record<string, true>;
} {
  return { type: 'object', required: keys, properties: Object.fromEntries(keys.map((k) => [k, true])) };
}

/** Names the JSON kind of a value: `null`, `array`, `string`, `number`, `boolean`, `object`. */
export function jsonKind(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

function shortJson(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}

/**
 * The protocol's wording: what came is its JSON kind (`got number`), or the short value for a
 * string outside a closed set (`got "fast"`), and `nothing` for a missing field.
 */
export const PROTOCOL_STYLE: FailureStyle = {
  describe: (value, code) => {
    if (value === undefined) return 'nothing';
    return code === 'invalid_value' && typeof value === 'string' ? shortJson(value) : jsonKind(value);
  },
  unknownKey: (key, allowed) => ({
    message: `unknown key "${key}"`,
    hint: didYouMean(key, allowed) ?? `allowed keys: ${allowed.join(', ')}`,
  }),
};

// Separators of what the error map hands to the failure builder inside zod's message string.
const HINT = '\u0000';
const KEYS = '\u0001';
const PICKED = '\u0002';
const SENTENCE = '\u0003';
const QUIET = '\u0004';
const GOT = '\u0005';

/** The phrase of a schema nobody named, for zod issue codes without a natural one. */
const NO_PHRASE = 'a valid value';

const DEFAULT_PHRASES: Readonly<Record<string, string>> = {
  string: 'a string',
  number: 'a number',
  int: 'an integer',
  boolean: 'a boolean',
  null: 'null',
  object: 'an object',
  array: 'an array',
};

function defaultPhrase(issue: z.core.$ZodRawIssue): string {
  if (issue.code === 'invalid_type') return DEFAULT_PHRASES[issue.expected] ?? issue.expected;
  if (issue.code === 'invalid_value') return `one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
  return NO_PHRASE;
}

/** zod's error map: the phrase of the schema (or check's schema) that failed, with its hint. */
function errorMap(issue: z.core.$ZodRawIssue): string {
  if (issue.code === 'unrecognized_keys') {
    const shape = (issue.inst as { _zod?: { def?: { shape?: object } } } | undefined)?._zod?.def?.shape ?? {};
    return KEYS + Object.keys(shape).join(KEYS);
  }
  const owner = (issue.schema ?? issue.inst) as z.ZodType | undefined;
  if (issue.input === undefined && owner !== undefined && quiet.has(owner)) return QUIET;
  const picker = issue.code === 'invalid_union' && owner !== undefined ? pickers.get(owner) : undefined;
  if (picker) {
    const chosen = picker(issue.input);
    const options = (owner as z.ZodUnion)._zod.def.options as readonly unknown[];
    if (chosen instanceof z.ZodType) return PICKED + String(options.indexOf(chosen));
    if (chosen !== undefined) {
      const hint = chosen.hint === undefined ? '' : HINT + chosen.hint;
      return `${SENTENCE}${JSON.stringify(chosen.path ?? [])}${SENTENCE}${chosen.message}${hint}`;
    }
  }
  const phrase = owner === undefined ? undefined : phrases.get(owner);
  if (phrase === undefined) return defaultPhrase(issue);
  const got = phrase.got === undefined ? '' : GOT + phrase.got(issue.input);
  return phrase.expected + (phrase.hint === undefined ? '' : HINT + phrase.hint) + got;
}

function isRootTypeMismatch(issues: readonly z.core.$ZodIssue[]): boolean {
  return issues.length === 1 && issues[0]?.code === 'invalid_type' && issues[0].path.length === 0;
}

/** Turns zod's final issues into failures, `base` being the path of the value they were found in. */
function toFailures(issues: readonly z.core.$ZodIssue[], base: SchemaPath, style: FailureStyle): SchemaFailure[] {
  const out: SchemaFailure[] = [];
  for (const issue of issues) {
    const path = [...base, ...(issue.path as SchemaPath)];
    if (issue.code === 'unrecognized_keys') {
      const allowed = issue.message.split(KEYS).slice(1);
      for (const key of issue.keys) out.push(withHint({ path: [...path, key], ...style.unknownKey(key, allowed) }));
      continue;
    }
    if (issue.message === QUIET) continue;
    if (issue.code === 'invalid_union' && issue.message.startsWith(PICKED)) {
      const branch = issue.errors[Number(issue.message.slice(1))] ?? [];
      out.push(...toFailures(branch, path, style));
      continue;
    }
    if (issue.message.startsWith(SENTENCE)) {
      const [, below = '[]', text = ''] = issue.message.split(SENTENCE);
      const [message = '', hint] = text.split(HINT);
      out.push(withHint({ path: [...path, ...(JSON.parse(below) as SchemaPath)], message, hint }));
      continue;
    }
    if (issue.code === 'invalid_union' && !hasOwnPhrase(issue)) {
      // The one option whose outer shape matched is what the writer meant: report its own failures.
      const near = issue.errors.filter((branch) => !isRootTypeMismatch(branch));
      if (near.length === 1 && near[0]) {
        out.push(...toFailures(near[0], path, style));
        continue;
      }
    }
    const params = issue.code === 'custom' ? (issue.params as Record<string, unknown> | undefined) : undefined;
    if (params?.['sentence'] === true) {
      const hint = params['hint'];
      out.push(withHint({ path, message: issue.message, hint: typeof hint === 'string' ? hint : undefined }));
      continue;
    }
    const [said = '', gotText] = issue.message.split(GOT);
    const [expected = '', phraseHint] = said.split(HINT);
    // A did-you-mean only where the set speaks for itself: a named set words its own hint.
    const hint =
      phraseHint ?? (expected === defaultPhrase(issue as z.core.$ZodRawIssue) ? nearValue(issue) : undefined);
    // An absent key: its schema saw `undefined`, whatever kind of schema it is.
    const missing = issue.input === undefined ? path.at(-1) : undefined;
    const got = gotText ?? style.describe(issue.input, issue.code);
    const message =
      missing !== undefined && style.missingKey
        ? style.missingKey(String(missing), expected)
        : (style.sentence?.(expected, got) ?? `expected ${expected}, got ${got}`);
    out.push(withHint({ path, expected, got, message, hint }));
  }
  return out;
}

/** A did-you-mean for a string that missed a closed set of strings. */
function nearValue(issue: z.core.$ZodIssue): string | undefined {
  if (issue.code !== 'invalid_value' || typeof issue.input !== 'string') return undefined;
  return didYouMean(
    issue.input,
    issue.values.filter((v): v is string => typeof v === 'string'),
  );
}

/** A union with a phrase of its own speaks for itself rather than for one of its options. */
function hasOwnPhrase(issue: z.core.$ZodIssue): boolean {
  return issue.message !== NO_PHRASE;
}

function withHint(failure: Omit<SchemaFailure, 'hint'> & { hint?: string | undefined }): SchemaFailure {
  const { hint, ...rest } = failure;
  return hint === undefined ? rest : { ...rest, hint };
}

/** Where `path` sits in `root`, as positions of keys and indexes, so failures sort in reading order. */
function positionOf(root: unknown, path: SchemaPath): number[] {
  const out: number[] = [];
  let at: unknown = root;
  for (const part of path) {
    if (Array.isArray(at) && typeof part === 'number') {
      out.push(part);
      at = at[part];
    } else if (typeof at === 'object' && at !== null && !Array.isArray(at)) {
      const index = Object.keys(at).indexOf(String(part));
      out.push(index);
      at = index < 0 ? undefined : (at as Record<string, unknown>)[String(part)];
    } else {
      out.push(-1);
      at = undefined;
    }
  }
  return out;
}

function compareOrder(a: number[], b: number[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d;
  }
  return a.length - b.length;
}

/** The result of {@link checkSchema}: the parsed value, or every failure. */
export type SchemaResult<T> = { ok: true; value: T } | { ok: false; failures: SchemaFailure[] };

/**
 * Checks `value` against `schema`. On failure, every problem is reported once, worded by
 * `style`, in the order a reader meets it in the value (missing keys first at each level), or
 * with `order: 'checks'` in the order the schema checks (its fields, then its cross-checks).
 */
export function checkSchema<T extends z.ZodType>(
  schema: T,
  value: unknown,
  style: FailureStyle = PROTOCOL_STYLE,
  order: 'reading' | 'checks' = 'reading',
): SchemaResult<z.output<T>> {
  const result = schema.safeParse(value, { error: errorMap, reportInput: true });
  if (result.success) return { ok: true, value: result.data };
  const seen = new Set<string>();
  const failures = toFailures(result.error.issues, [], style).filter((f) => {
    const key = `${JSON.stringify(f.path)}\n${f.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  if (order === 'reading') {
    const at = new Map(failures.map((f) => [f, positionOf(value, f.path)]));
    failures.sort((a, b) => compareOrder(at.get(a) ?? [], at.get(b) ?? []));
  }
  return { ok: false, failures };
}

/** Every failure of `value` against `schema` (none when it passes). */
export function schemaFailures(schema: z.ZodType, value: unknown, style?: FailureStyle): SchemaFailure[] {
  const result = checkSchema(schema, value, style);
  return result.ok ? [] : result.failures;
}
