/**
 * Tiny hand-written field checks used by the parser. A check describes what it expects, so a
 * failure can say `field "delta" must be a string, got number` without a schema library.
 */

/** Path of a field inside an event, e.g. `['item', 'content', 0, 'type']`. */
export type FieldPath = (string | number)[];

/** What went wrong at which field. */
export interface FieldFailure {
  path: FieldPath;
  expected: string;
  got: string;
}

/** A validator for one JSON value. */
export interface Check {
  /** Human phrase: "a string", "null or a number", `one of "a", "b"`. */
  readonly expected: string;
  validate(value: unknown, path: FieldPath): FieldFailure | undefined;
}

/** A field of an object: its check and whether it must be present. */
export interface FieldSpec {
  readonly check: Check;
  readonly required: boolean;
}

/** Names the JSON kind of a value: `null`, `array`, `string`, `number`, `boolean`, `object`. */
export function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

/** True for a non-null, non-array object. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function shortJson(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}

function primitive(expected: string, test: (v: unknown) => boolean): Check {
  return {
    expected,
    validate: (value, path) => (test(value) ? undefined : { path, expected, got: kindOf(value) }),
  };
}

/** Any string, including `""`. */
export const string: Check = primitive('a string', (v) => typeof v === 'string');
/** A finite number. */
export const number: Check = primitive('a number', (v) => typeof v === 'number' && Number.isFinite(v));
/** A non-negative integer (indexes, client-side milliseconds). */
export const count: Check = primitive(
  'a non-negative integer',
  (v) => typeof v === 'number' && Number.isInteger(v) && v >= 0,
);
/** `true` or `false`. */
export const boolean: Check = primitive('a boolean', (v) => typeof v === 'boolean');
/** Exactly `null`. */
export const nullValue: Check = primitive('null', (v) => v === null);
/** Any JSON value (presence is still enforced by {@link req}). */
export const anything: Check = { expected: 'any value', validate: () => undefined };

/** One of the given strings. */
export function oneOf(...values: readonly string[]): Check {
  const expected = `one of ${values.map((v) => JSON.stringify(v)).join(', ')}`;
  return {
    expected,
    validate: (value, path) =>
      typeof value === 'string' && values.includes(value)
        ? undefined
        : { path, expected, got: typeof value === 'string' ? shortJson(value) : kindOf(value) },
  };
}

/** `null` or what `check` accepts. */
export function nullable(check: Check): Check {
  const expected = `null or ${check.expected}`;
  return {
    expected,
    validate: (value, path) => {
      if (value === null) return undefined;
      const failure = check.validate(value, path);
      // Only restate the expectation when the failure is about this very value.
      return failure && failure.path.length === path.length ? { ...failure, expected } : failure;
    },
  };
}

/** An array whose every element passes `element`. */
export function array(element: Check): Check {
  return {
    expected: 'an array',
    validate: (value, path) => {
      if (!Array.isArray(value)) return { path, expected: 'an array', got: kindOf(value) };
      for (let i = 0; i < value.length; i++) {
        const failure = element.validate(value[i], [...path, i]);
        if (failure) return failure;
      }
      return undefined;
    },
  };
}

/** An object whose every value passes `value` (e.g. metadata: strings only). */
export function record(valueCheck: Check): Check {
  return {
    expected: 'an object',
    validate: (value, path) => {
      if (!isPlainObject(value)) return { path, expected: 'an object', got: kindOf(value) };
      for (const [key, v] of Object.entries(value)) {
        const failure = valueCheck.validate(v, [...path, key]);
        if (failure) return failure;
      }
      return undefined;
    },
  };
}

/** A required field. */
export function req(check: Check): FieldSpec {
  return { check, required: true };
}

/** An optional field: absent (or `undefined`) is fine, present must pass. */
export function opt(check: Check): FieldSpec {
  return { check, required: false };
}

/** An object with the given fields. Extra fields are allowed: the real service adds some. */
export function object(fields: Readonly<Record<string, FieldSpec>>): Check {
  return {
    expected: 'an object',
    validate: (value, path) => {
      if (!isPlainObject(value)) return { path, expected: 'an object', got: kindOf(value) };
      for (const [key, spec] of Object.entries(fields)) {
        const v = value[key];
        if (v === undefined) {
          if (spec.required) return { path: [...path, key], expected: spec.check.expected, got: 'nothing' };
          continue;
        }
        const failure = spec.check.validate(v, [...path, key]);
        if (failure) return failure;
      }
      return undefined;
    },
  };
}

/**
 * An object told apart by a string `type` field. Known types get their own check. Unknown
 * ones only need the `type` string, because servers add item and tool kinds over time,
 * unless `closed` is set, for sets that really are closed (audio formats).
 */
export function tagged(cases: Readonly<Record<string, Check>>, opts: { closed?: boolean } = {}): Check {
  const hasType = object({ type: req(opts.closed ? oneOf(...Object.keys(cases)) : string) });
  return {
    expected: 'an object',
    validate: (value, path) => {
      const failure = hasType.validate(value, path);
      if (failure) return failure;
      const type = (value as { type: string }).type;
      const known = Object.hasOwn(cases, type) ? cases[type] : undefined;
      return known?.validate(value, path);
    },
  };
}

/** Chooses a check by JSON kind (`string`, `number`, `object`…), e.g. `tool_choice`. */
export function byKind(
  cases: Readonly<Partial<Record<'string' | 'number' | 'boolean' | 'null' | 'array' | 'object', Check>>>,
): Check {
  const kinds = Object.keys(cases);
  const expected = kinds.map((k) => (cases as Record<string, Check>)[k]?.expected ?? k).join(' or ');
  return {
    expected,
    validate: (value, path) => {
      const check = (cases as Record<string, Check | undefined>)[kindOf(value)];
      return check ? check.validate(value, path) : { path, expected, got: kindOf(value) };
    },
  };
}

/** Renders a path for messages: `item.content[0].type`. */
export function formatPath(path: FieldPath): string {
  let out = '';
  for (const part of path) out += typeof part === 'number' ? `[${part}]` : out === '' ? part : `.${part}`;
  return out;
}
