/**
 * The protocol's building blocks over zod: each schema names what it expects with the kit's
 * {@link expecting}, so the first failure of a frame reads `field "delta" must be a string,
 * got number`, as the simulator's `error` events and the golden files say.
 *
 * Two wire shapes need more than zod's defaults: {@link tagged} (a `type`-keyed union whose
 * unknown types pass, because servers add item and tool kinds over time) and {@link byKind}
 * (a union chosen by JSON kind, e.g. `tool_choice`). Their issues are read here, by the
 * error map's marker, rather than by the kit's general union rule.
 */
import { z } from 'zod';
import { PROTOCOL_STYLE, expecting, jsonKind, phraseOf } from './schema-kit.js';

/** Path of a field inside an event, e.g. `['item', 'content', 0, 'type']`. */
export type FieldPath = (string | number)[];

/** What went wrong at which field. */
export interface FieldFailure {
  path: FieldPath;
  expected: string;
  got: string;
}

/** Names the JSON kind of a value: `null`, `array`, `string`, `number`, `boolean`, `object`. */
export const kindOf: (value: unknown) => string = jsonKind;

/** True for a non-null, non-array object. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Renders a path for messages: `item.content[0].type`. */
export function formatPath(path: FieldPath): string {
  let out = '';
  for (const part of path) out += typeof part === 'number' ? `[${part}]` : out === '' ? part : `.${part}`;
  return out;
}

const quoted = (values: readonly string[]): string => `one of ${values.map((v) => JSON.stringify(v)).join(', ')}`;

/** Any string, including `""`. */
export const string = expecting(z.string(), 'a string');
/** A finite number (zod refuses NaN and the infinities). */
export const number = expecting(z.number(), 'a number');
/** A non-negative integer (indexes, milliseconds). Any size: `.int()` would cap it at 2^53. */
export const count = expecting(
  z.number().refine((v) => Number.isInteger(v) && v >= 0),
  'a non-negative integer',
);
/** `true` or `false`. */
export const boolean = expecting(z.boolean(), 'a boolean');
/** Exactly `null`. */
export const nullValue = expecting(z.null(), 'null');
/** Any JSON value (inside arrays and records). */
export const anything = expecting(z.unknown(), 'any value');

/** One of the given strings. */
export function oneOf<const T extends readonly [string, ...string[]]>(...values: T) {
  return expecting(z.enum(values), quoted(values));
}

/** An array whose every element passes `element`. */
export function array<T extends z.ZodType>(element: T) {
  return expecting(z.array(element), 'an array');
}

/** An object whose every value passes `value` (e.g. metadata: strings only). */
export function record<T extends z.ZodType>(value: T) {
  return expecting(z.record(z.string(), value), 'an object');
}

/** An object with the given fields. Extra fields are allowed (and not copied): the real service adds some. */
export function object<T extends z.core.$ZodLooseShape>(shape: T) {
  return expecting(z.object(shape), 'an object');
}

// How the error map marks the issues of the two unions read here (never shown to a user).
const TAGGED = '\u0002';
const KINDS = '\u0003';
const PHRASE = '\u0004';

type UnionMark =
  | { kind: 'tagged'; closed: boolean; typePhrase: string }
  | { kind: 'byKind'; kinds: readonly string[]; phrase: string };
const marks = new WeakMap<object, UnionMark>();

/** `null` or what `schema` accepts: a failure of the value itself says `null or …`. */
export function nullable<T extends z.ZodType>(schema: T) {
  // A copy of its own, so the phrase does not change where `schema` is used without null.
  const own = schema.clone() as T;
  const mark = marks.get(schema);
  if (mark) marks.set(own, mark);
  return expecting(own, `null or ${phraseOf(schema) ?? 'a value'}`).nullable();
}

type Shapes = Readonly<Record<string, z.core.$ZodLooseShape>>;
type TaggedOption<S extends Shapes, K extends keyof S & string> = z.ZodObject<{ type: z.ZodLiteral<K> } & S[K]>;
type TaggedOptions<S extends Shapes> = { [K in keyof S & string]: TaggedOption<S, K> }[keyof S & string];

/**
 * An object told apart by a string `type` field, one shape per known type. Unknown types only
 * need the `type` string unless `closed` is set, for sets that really are closed (audio formats).
 */
export function tagged<const S extends Shapes>(cases: S, opts: { closed?: boolean } = {}) {
  const options = Object.entries(cases).map(([type, shape]) => z.object({ type: z.literal(type), ...shape }));
  const union = z.discriminatedUnion('type', options as unknown as [TaggedOptions<S>, ...TaggedOptions<S>[]]);
  const closed = opts.closed === true;
  marks.set(union, { kind: 'tagged', closed, typePhrase: closed ? quoted(Object.keys(cases)) : 'a string' });
  return expecting(union, 'an object');
}

type Kind = 'string' | 'number' | 'boolean' | 'null' | 'array' | 'object';

/** Chooses a schema by JSON kind (`string`, `number`, `object`…), e.g. `tool_choice`. */
export function byKind<const C extends Readonly<Partial<Record<Kind, z.ZodType>>>>(cases: C) {
  const kinds = Object.keys(cases);
  const options = Object.values(cases) as unknown as [C[keyof C] & z.ZodType, ...(C[keyof C] & z.ZodType)[]];
  const union = z.union(options);
  const phrase = kinds.map((k, i) => phraseOf(options[i] as z.ZodType) ?? k).join(' or ');
  marks.set(union, { kind: 'byKind', kinds, phrase });
  return expecting(union, phrase);
}

/** zod's error map: the phrase of the schema that failed, or the marker of a union read here. */
function errorMap(issue: z.core.$ZodRawIssue): string {
  const owner = (issue.schema ?? issue.inst) as z.ZodType | undefined;
  const mark = owner === undefined ? undefined : marks.get(owner);
  if (issue.code === 'invalid_union' && mark?.kind === 'tagged')
    return `${TAGGED}${mark.closed ? '1' : '0'}${mark.typePhrase}`;
  if (issue.code === 'invalid_union' && mark?.kind === 'byKind')
    return `${KINDS}${mark.kinds.join(',')}${PHRASE}${mark.phrase}`;
  return (owner === undefined ? undefined : phraseOf(owner)) ?? 'a valid value';
}

// One context for every frame. `safeParse` would spread a fresh one per call and build an error
// object; calling `run` with this one measured about twice as fast on the frame bench (issue 13).
// `_zod.run` is zod's internal API, so package.json pins zod exactly; test/protocol fails first
// if an upgrade changes it.
const RUN_CONTEXT: z.core.ParseContextInternal = { async: false, error: errorMap, reportInput: true };

/** An issue as `run` leaves it (its message not yet set) or as a union's branch holds it (finalised). */
type AnyIssue = z.core.$ZodRawIssue | z.core.$ZodIssue;

/**
 * The first failure of `value` against `schema`, in the schema's field order, depth first, as
 * the simulator names it to the client; `undefined` when the value passes.
 */
export function firstFailure(schema: z.ZodType, value: unknown): FieldFailure | undefined {
  // The schemas are synchronous, so `run` returns the payload itself, never a promise.
  const result = schema._zod.run({ value, issues: [] }, RUN_CONTEXT) as z.core.ParsePayload;
  return result.issues.length === 0 ? undefined : firstOf(result.issues, []);
}

function firstOf(issues: readonly AnyIssue[], base: FieldPath): FieldFailure | undefined {
  for (const issue of issues) {
    const failure = failureOf(issue, [...base, ...((issue.path ?? []) as FieldPath)]);
    if (failure) return failure;
  }
  return undefined;
}

function failureOf(issue: AnyIssue, path: FieldPath): FieldFailure | undefined {
  const input = issue.input;
  const message = issue.message ?? errorMap(issue as z.core.$ZodRawIssue);
  if (issue.code === 'invalid_union' && message.startsWith(TAGGED)) {
    // No option for this `type`: fine for an open union when it is a string.
    const type = isPlainObject(input) ? input['type'] : undefined;
    const closed = message[1] === '1';
    if (!closed && typeof type === 'string') return undefined;
    // Worded as a closed set's miss: the short value of a string, else its kind, or `nothing`.
    return { path, expected: message.slice(2), got: PROTOCOL_STYLE.describe(type, 'invalid_value') };
  }
  let expected = message;
  if (issue.code === 'invalid_union' && message.startsWith(KINDS)) {
    // The option of the value's kind speaks; a kind with no option gets the union's phrase.
    const [kinds = '', phrase = ''] = message.slice(1).split(PHRASE);
    const at = kinds.split(',').indexOf(kindOf(input));
    const branch = at < 0 ? undefined : issue.errors[at];
    if (branch) return firstOf(branch, path);
    expected = phrase;
  }
  // The kit's protocol wording: `nothing` when absent, the short value of a string outside a closed set, else the kind.
  return { path, expected, got: PROTOCOL_STYLE.describe(input, issue.code) };
}
