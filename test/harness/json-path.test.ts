import { describe, expect, it } from 'vitest';
import { findDifference, firstDifference } from '../../src/harness/json-path.js';

describe('firstDifference', () => {
  it('gives no path for deeply equal values', () => {
    expect(firstDifference({ a: [1, { b: 'x' }] }, { a: [1, { b: 'x' }] })).toBeUndefined();
  });

  it('walks objects and lists to the first changed value', () => {
    expect(
      firstDifference(
        { frames: [{ body: { response: { status: 'completed' } } }] },
        { frames: [{ body: { response: { status: 'failed' } } }] },
      ),
    ).toBe('frames[0].body.response.status');
  });

  it('names an added or removed key or list item', () => {
    expect(firstDifference({ a: 1 }, { a: 1, b: 2 })).toBe('b');
    expect(firstDifference({ a: 1, b: 2 }, { a: 1 })).toBe('b');
    expect(firstDifference({ l: [1, 2] }, { l: [1, 2, 3] })).toBe('l[2]');
  });

  it('quotes keys that are not identifiers', () => {
    expect(firstDifference({ 'a-b': 1 }, { 'a-b': 2 })).toBe('["a-b"]');
    expect(firstDifference(1, 2)).toBe('(top level)');
  });
});

describe('findDifference', () => {
  it('gives the values at the first difference, undefined for what one side lacks', () => {
    expect(findDifference({ a: [1, { b: 'x' }] }, { a: [1, { b: 'y' }] })).toEqual({ path: 'a[1].b', a: 'x', b: 'y' });
    expect(findDifference([1], [1, 2])).toEqual({ path: '[1]', a: undefined, b: 2 });
  });

  it('counts a key holding undefined on one side only as a difference', () => {
    expect(findDifference({ id: 'x' }, { id: 'x', createdAt: undefined })).toEqual({
      path: 'createdAt',
      a: undefined,
      b: undefined,
    });
  });
});
