import { describe, expect, it } from 'vitest';
import {
  array,
  byKind,
  count,
  firstFailure,
  nullValue,
  nullable,
  number,
  object,
  oneOf,
  record,
  string,
  tagged,
} from '../../src/protocol/wire-schema.js';

describe('wire schema blocks', () => {
  it('name the first failing field in the schema order, depth first, not in the value order', () => {
    const schema = object({ a: string, b: object({ c: number }), d: string });
    expect(firstFailure(schema, { d: 1, b: { c: 'x' }, a: 'ok' })).toEqual({
      path: ['b', 'c'],
      expected: 'a number',
      got: 'string',
    });
  });

  it('say a required field that is absent came as nothing, and pass an absent optional one', () => {
    const schema = object({ id: string, note: string.optional() });
    expect(firstFailure(schema, {})).toEqual({ path: ['id'], expected: 'a string', got: 'nothing' });
    expect(firstFailure(schema, { id: 'x' })).toBeUndefined();
  });

  it('let extra fields through, as the real service adds some', () => {
    expect(firstFailure(object({ id: string }), { id: 'x', added_in_2027: [1] })).toBeUndefined();
  });

  it('accept any non-negative integer as a count, however large, and refuse fractions and negatives', () => {
    expect(firstFailure(count, 1e20)).toBeUndefined();
    expect(firstFailure(count, 0)).toBeUndefined();
    expect(firstFailure(count, 1.5)).toEqual({ path: [], expected: 'a non-negative integer', got: 'number' });
    expect(firstFailure(count, -1)).toEqual({ path: [], expected: 'a non-negative integer', got: 'number' });
  });

  it('quote a string outside a closed set, and name the kind of anything else', () => {
    const mode = oneOf('auto', 'none');
    expect(firstFailure(mode, 'fast')).toEqual({ path: [], expected: 'one of "auto", "none"', got: '"fast"' });
    expect(firstFailure(mode, 3)).toEqual({ path: [], expected: 'one of "auto", "none"', got: 'number' });
    expect(firstFailure(mode, 'x'.repeat(60))?.got).toBe(`"${'x'.repeat(36)}...`);
  });

  it('say "null or …" for the value itself, and leave the phrase of the plain schema alone', () => {
    expect(firstFailure(nullable(string), 5)).toEqual({ path: [], expected: 'null or a string', got: 'number' });
    expect(firstFailure(nullable(string), null)).toBeUndefined();
    expect(firstFailure(string, 5)).toEqual({ path: [], expected: 'a string', got: 'number' });
  });

  it('report a failure inside a nullable object at its own field, not as "null or an object"', () => {
    const schema = nullable(object({ type: oneOf('near_field', 'far_field') }));
    expect(firstFailure(schema, { type: 'x' })).toEqual({
      path: ['type'],
      expected: 'one of "near_field", "far_field"',
      got: '"x"',
    });
    expect(firstFailure(schema, 'x')).toEqual({ path: [], expected: 'null or an object', got: 'string' });
  });

  it('give the index of the first bad element of an array and the key of the first bad value of a record', () => {
    expect(firstFailure(array(string), ['a', 1, 2])).toEqual({ path: [1], expected: 'a string', got: 'number' });
    expect(firstFailure(record(string), { a: 'x', b: true })).toEqual({
      path: ['b'],
      expected: 'a string',
      got: 'boolean',
    });
  });
});

describe('tagged: a union keyed on type', () => {
  const part = tagged({ text: { text: string }, audio: { audio: string.optional() } });
  const format = tagged({ 'audio/pcm': { rate: number }, 'audio/pcmu': {} }, { closed: true });

  it('checks a known type against its own shape', () => {
    expect(firstFailure(part, { type: 'text', text: 'hi' })).toBeUndefined();
    expect(firstFailure(part, { type: 'text' })).toEqual({ path: ['text'], expected: 'a string', got: 'nothing' });
  });

  it('lets an unknown type through when open: servers add item and tool kinds over time', () => {
    expect(firstFailure(part, { type: 'force_message', anything: 1 })).toBeUndefined();
    expect(firstFailure(array(part), [{ type: 'new_kind' }, { type: 'text', text: 3 }])).toEqual({
      path: [1, 'text'],
      expected: 'a string',
      got: 'number',
    });
  });

  it('still needs a string type when open', () => {
    expect(firstFailure(part, {})).toEqual({ path: ['type'], expected: 'a string', got: 'nothing' });
    expect(firstFailure(part, { type: 7 })).toEqual({ path: ['type'], expected: 'a string', got: 'number' });
    expect(firstFailure(part, [])).toEqual({ path: [], expected: 'an object', got: 'array' });
  });

  it('refuses an unknown type when closed, naming the known ones', () => {
    expect(firstFailure(format, { type: 'audio/opus' })).toEqual({
      path: ['type'],
      expected: 'one of "audio/pcm", "audio/pcmu"',
      got: '"audio/opus"',
    });
    expect(firstFailure(format, { type: 'audio/pcm' })).toEqual({
      path: ['rate'],
      expected: 'a number',
      got: 'nothing',
    });
  });

  it('says "null or an object" when nullable and the value is of another kind', () => {
    expect(firstFailure(nullable(part), 3)).toEqual({ path: [], expected: 'null or an object', got: 'number' });
    expect(firstFailure(nullable(part), { type: 'mystery' })).toBeUndefined();
  });
});

describe('byKind: a union chosen by JSON kind', () => {
  const choice = byKind({ string: oneOf('auto', 'none'), object: object({ name: string }), null: nullValue });

  it('reports the failure of the option of the value’s kind', () => {
    expect(firstFailure(choice, 'fast')).toEqual({ path: [], expected: 'one of "auto", "none"', got: '"fast"' });
    expect(firstFailure(choice, {})).toEqual({ path: ['name'], expected: 'a string', got: 'nothing' });
    expect(firstFailure(choice, null)).toBeUndefined();
  });

  it('names every option for a kind none of them takes', () => {
    expect(firstFailure(choice, 5)).toEqual({
      path: [],
      expected: 'one of "auto", "none" or an object or null',
      got: 'number',
    });
  });
});
