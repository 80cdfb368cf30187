import { describe, expect, it } from 'vitest';
import { deepEqual, readPath } from '../../src/protocol/index.js';

describe('readPath', () => {
  it('reads dot paths through objects and arrays', () => {
    expect(readPath({ a: { b: [{ c: 1 }] } }, 'a.b.0.c')).toBe(1);
  });

  it('gives undefined when a step is missing or not an object', () => {
    expect(readPath({ a: 1 }, 'a.b')).toBeUndefined();
    expect(readPath({ a: null }, 'a.b')).toBeUndefined();
    expect(readPath({ a: [] }, 'a.0')).toBeUndefined();
  });
});

describe('deepEqual', () => {
  it('compares JSON values whatever the key order', () => {
    expect(deepEqual({ a: 1, b: [1, { c: 2 }] }, { b: [1, { c: 2 }], a: 1 })).toBe(true);
  });

  it('tells apart extra keys, other values, lists from objects, and null', () => {
    expect(deepEqual({ a: 1 }, { a: 1, b: 2 })).toBe(false);
    expect(deepEqual({ a: 1 }, { a: '1' })).toBe(false);
    expect(deepEqual([1], { 0: 1 })).toBe(false);
    expect(deepEqual(null, {})).toBe(false);
  });
});
