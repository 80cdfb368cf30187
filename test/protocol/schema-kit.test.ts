import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { FailureStyle } from '../../src/protocol/index.js';
import {
  checkSchema,
  crossCheck,
  described,
  expecting,
  phraseOf,
  pickOne,
  refuse,
  schemaFailures,
} from '../../src/protocol/index.js';

const count = expecting(z.number().int().min(0), 'a non-negative integer');
const text = expecting(z.string(), 'a string');

/** A style like the scenario files': a value is described with its content. */
const SCENARIO_STYLE: FailureStyle = {
  describe: (v) =>
    v === undefined ? 'nothing' : typeof v === 'string' ? `the string ${JSON.stringify(v)}` : String(v),
  unknownKey: (key, allowed) => ({ message: `unknown key "${key}"; expected one of ${allowed.join(', ')}` }),
  missingKey: (key) => `missing required key "${key}"`,
};

describe('schema kit', () => {
  it('passes a valid value through as zod parsed it', () => {
    expect(checkSchema(z.object({ n: count }), { n: 3 })).toEqual({ ok: true, value: { n: 3 } });
  });

  it('reports the phrase of the schema that failed, the JSON kind that came, and the path', () => {
    expect(schemaFailures(z.object({ a: z.object({ n: count }) }), { a: { n: 'x' } })).toEqual([
      {
        path: ['a', 'n'],
        expected: 'a non-negative integer',
        got: 'string',
        message: 'expected a non-negative integer, got string',
      },
    ]);
  });

  it('uses the phrase for a failed check (a bound, an integer) as for a wrong type', () => {
    expect(schemaFailures(count, -1)[0]?.expected).toBe('a non-negative integer');
    expect(schemaFailures(count, 1.5)[0]?.expected).toBe('a non-negative integer');
  });

  it('says "nothing" came for a required key that is absent', () => {
    expect(schemaFailures(z.object({ s: text }), {})).toEqual([
      { path: ['s'], expected: 'a string', got: 'nothing', message: 'expected a string, got nothing' },
    ]);
  });

  it('names a closed set as one of its members and shows a wrong string itself, with a did-you-mean', () => {
    const [failure] = schemaFailures(z.enum(['downstream', 'upstream']), 'upstrem');
    expect(failure).toEqual({
      path: [],
      expected: 'one of "downstream", "upstream"',
      got: '"upstrem"',
      message: 'expected one of "downstream", "upstream", got "upstrem"',
      hint: 'did you mean "upstream"?',
    });
  });

  it('reports each unknown key of a strict object at its own path with a did-you-mean', () => {
    const failures = schemaFailures(z.strictObject({ ms: count, jitterMs: count.optional() }), {
      ms: 1,
      jiterMs: 2,
      zzz: 3,
    });
    expect(failures).toEqual([
      { path: ['jiterMs'], message: 'unknown key "jiterMs"', hint: 'did you mean "jitterMs"?' },
      { path: ['zzz'], message: 'unknown key "zzz"', hint: 'allowed keys: ms, jitterMs' },
    ]);
  });

  it('keeps a whole sentence from a refinement, with its hint and path', () => {
    const schema = z.object({ list: z.array(text) }).superRefine((v, ctx) => {
      if (v.list.length > 1) refuse(ctx, 'one entry only', { hint: 'drop the rest', path: ['list', 1] });
    });
    expect(schemaFailures(schema, { list: ['a', 'b'] })).toEqual([
      { path: ['list', 1], message: 'one entry only', hint: 'drop the rest' },
    ]);
  });

  it('carries the hint given with a phrase', () => {
    const name = expecting(z.string().regex(/^[a-z]+$/), 'a lower-case name', 'it names a file');
    expect(schemaFailures(name, 'A B')).toEqual([
      {
        path: [],
        expected: 'a lower-case name',
        got: 'string',
        message: 'expected a lower-case name, got string',
        hint: 'it names a file',
      },
    ]);
  });

  it('reports the failures of the union option whose outer shape matched, at their full path', () => {
    const wait = z.union([text, z.strictObject({ event: text, count: count.optional() })]);
    expect(schemaFailures(z.object({ wait }), { wait: { event: 'idle', count: -2 } })).toEqual([
      {
        path: ['wait', 'count'],
        expected: 'a non-negative integer',
        got: 'number',
        message: 'expected a non-negative integer, got number',
      },
    ]);
  });

  it('lets a union with a phrase of its own speak for itself', () => {
    const either = expecting(z.union([text, z.array(text)]), 'a string or a list of strings');
    expect(schemaFailures(either, 3)).toEqual([
      {
        path: [],
        expected: 'a string or a list of strings',
        got: 'number',
        message: 'expected a string or a list of strings, got number',
      },
    ]);
  });

  it('falls back to plain phrases for schemas nobody named', () => {
    expect(
      schemaFailures(z.object({ b: z.boolean(), a: z.array(z.string()) }), { b: 1, a: {} }).map((f) => f.expected),
    ).toEqual(['a boolean', 'an array']);
  });

  it('lists failures in reading order, missing keys first, whatever the order of the shape', () => {
    const schema = z.strictObject({ z: text, a: text, m: text });
    const failures = schemaFailures(schema, { a: 1, q: 2, m: 3 });
    expect(failures.map((f) => f.path)).toEqual([['z'], ['a'], ['q'], ['m']]);
  });

  it('reports one failure per path and message, however many checks failed there', () => {
    expect(schemaFailures(expecting(z.number().int().min(5).max(3), 'an impossible number'), 4.5)).toHaveLength(1);
  });

  it('words failures by the given style', () => {
    const schema = z.strictObject({ file: text, speed: count });
    expect(schemaFailures(schema, { speed: 'fast', conection: 1 }, SCENARIO_STYLE)).toEqual([
      { path: ['file'], expected: 'a string', got: 'nothing', message: 'missing required key "file"' },
      {
        path: ['speed'],
        expected: 'a non-negative integer',
        got: 'the string "fast"',
        message: 'expected a non-negative integer, got the string "fast"',
      },
      { path: ['conection'], message: 'unknown key "conection"; expected one of file, speed' },
    ]);
  });

  it('remembers a phrase per schema instance, so a later phrase replaces an earlier one', () => {
    const s = expecting(expecting(z.string(), 'first'), 'second');
    expect(phraseOf(s)).toBe('second');
    expect(phraseOf(z.string())).toBeUndefined();
  });

  describe('pickOne', () => {
    const tone = z.strictObject({ tone: z.strictObject({ hz: count }) });
    const wav = z.strictObject({ wav: text });
    const source = pickOne('{ wav } or { tone }', [wav, tone], (v) => {
      if (typeof v !== 'object' || v === null) return undefined;
      if ('wav' in v && 'tone' in v) return { message: 'one source only', hint: 'keep wav or tone' };
      return 'wav' in v ? wav : 'tone' in v ? tone : undefined;
    });

    it('accepts what the picked option accepts', () => {
      expect(checkSchema(source, { tone: { hz: 440 } })).toEqual({ ok: true, value: { tone: { hz: 440 } } });
    });

    it("reports the picked option's own failures at their full path", () => {
      expect(schemaFailures(z.object({ audio: source }), { audio: { tone: { hz: 'high' } } })).toEqual([
        {
          path: ['audio', 'tone', 'hz'],
          expected: 'a non-negative integer',
          got: 'string',
          message: 'expected a non-negative integer, got string',
        },
      ]);
    });

    it("gives the picker's sentence, or the union's phrase when nothing is picked", () => {
      expect(schemaFailures(source, { wav: 'a.wav', tone: { hz: 1 } })).toEqual([
        { path: [], message: 'one source only', hint: 'keep wav or tone' },
      ]);
      expect(schemaFailures(source, 7)).toEqual([
        {
          path: [],
          expected: '{ wav } or { tone }',
          got: 'number',
          message: 'expected { wav } or { tone }, got number',
        },
      ]);
    });

    it('throws when its picker names a schema that is not one of its options, rather than pass the value', () => {
      const foreign = z.strictObject({ wav: text });
      const wrong = pickOne('x', [wav, tone], () => foreign);
      expect(() => schemaFailures(wrong, { wav: 7 })).toThrow(/not one of its options/);
    });

    it('refuses a value that only an option other than the picked one would accept', () => {
      const loose = z.object({ tone: z.unknown() });
      const strictFirst = pickOne('x', [wav, loose], (v) =>
        typeof v === 'object' && v !== null && 'wav' in v ? wav : loose,
      );
      expect(checkSchema(strictFirst, { wav: 3, tone: 1 }).ok).toBe(false);
      expect(schemaFailures(strictFirst, { wav: 3, tone: 1 }).map((f) => f.path)).toEqual([['wav'], ['tone']]);
    });
  });

  it('runs a cross-field rule even when a field failed, keeping the phrase of the mapping', () => {
    const args = crossCheck(expecting(z.strictObject({ a: text, b: text.optional() }), 'args { a, b? }'), (v, ctx) => {
      if (v['b'] === undefined) refuse(ctx, 'b is needed here', { path: ['b'] });
    });
    expect(schemaFailures(args, { a: 1 }).map((f) => f.message)).toEqual([
      'b is needed here',
      'expected a string, got number',
    ]);
    expect(schemaFailures(args, 3).map((f) => f.message)).toEqual(['expected args { a, b? }, got number']);
  });

  it("places a picker's sentence at the path it names", () => {
    const call = z.strictObject({ call: z.literal('go') });
    const step = pickOne('a step', [call], (v) =>
      (v as { call?: unknown }).call === 'go' ? call : { message: 'unknown call', path: ['call'], hint: 'one of: go' },
    );
    expect(schemaFailures(z.array(step), [{ call: 'og' }])).toEqual([
      { path: [0, 'call'], message: 'unknown call', hint: 'one of: go' },
    ]);
  });

  it('keeps the phrase of a schema given a description for editors', () => {
    const seed = described(count, 'Seeds ids');
    expect(z.toJSONSchema(seed)['description']).toBe('Seeds ids');
    expect(schemaFailures(seed, -1)[0]?.message).toBe('expected a non-negative integer, got number');
  });
});
