/**
 * The pieces the scenario file's zod schemas are built of, named with the phrases of the
 * loader's messages (`expected a whole number from 0 to 10, got …`), and the wording of
 * those messages: what came as the writer wrote it, unknown keys with a did-you-mean.
 */
import { z } from 'zod';
import { closest } from '../errors/index.js';
import type { FailureStyle } from '../protocol/index.js';
import { checkSchema, expecting, phraseOf, refuse } from '../protocol/index.js';
import { describe } from './check.js';
import type { PathIssue } from './issue.js';

/** The wording of scenario file messages. */
export const SCENARIO_STYLE: FailureStyle = {
  describe: (value) => describe(value),
  unknownKey: (key, allowed) => {
    const guess = closest(key, allowed);
    return {
      message: `unknown key "${key}"`,
      hint: guess ? `did you mean "${guess}"?` : `allowed keys: ${allowed.join(', ')}`,
    };
  },
};

/** Every problem `schema` finds in `value`, as {@link PathIssue}s. */
export function scenarioIssues(schema: z.ZodType, value: unknown): PathIssue[] {
  const result = checkSchema(schema, value, SCENARIO_STYLE);
  if (result.ok) return [];
  return result.failures.map(({ path, message, hint }) =>
    hint === undefined ? { path, message } : { path, message, hint },
  );
}

/** Any text. */
export const text = expecting(z.string(), 'text');
/** `true` or `false`. */
export const flag = expecting(z.boolean(), 'true or false');
/** Any mapping. */
export const mapping = expecting(z.record(z.string(), z.unknown()), 'a mapping');

/** A whole number within the bounds. */
export function wholeNumber(min: number, max: number): z.ZodNumber {
  return expecting(z.number().int().min(min).max(max), `a whole number from ${min} to ${max}`);
}

/** A number above 0 and at most `max`. */
export function positiveNumber(max: number): z.ZodNumber {
  return expecting(z.number().gt(0).max(max), `a number above 0 and at most ${max}`);
}

/** One of the given strings, in the words of `phrase` (no did-you-mean: the phrase lists them). */
export function choice(values: readonly string[], phrase: string): z.ZodType<string> {
  return expecting(
    z
      .string()
      .refine((v) => values.includes(v))
      .meta({ enum: [...values] }),
    phrase,
  );
}

/** A block checked by its owner's validator (the client's or the simulator's), its issues kept as they are. */
export function checkedBy<T extends z.ZodType>(schema: T, validate: ((value: unknown) => PathIssue[]) | undefined): T {
  if (!validate) return schema;
  const checked = schema.superRefine((value, ctx) => {
    for (const issue of validate(value)) refuse(ctx, issue.message, { path: issue.path, hint: issue.hint });
  }) as unknown as T;
  const phrase = phraseOf(schema);
  return phrase === undefined ? checked : expecting(checked, phrase);
}
