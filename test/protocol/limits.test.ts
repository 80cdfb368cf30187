import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  MAX_JSON_DEPTH,
  TOO_DEEP,
  createNormaliser,
  jsonTextDeeperThan,
  jsonTextDepth,
} from '../../src/protocol/index.js';

const nested = (depth: number): string => '['.repeat(depth) + ']'.repeat(depth);

describe('jsonTextDepth', () => {
  it('counts arrays and objects, the event object being level 1', () => {
    expect(jsonTextDepth('{"type":"x"}')).toBe(1);
    expect(jsonTextDepth('{"a":[{"b":[]}]}')).toBe(4);
    expect(jsonTextDepth('"just a string"')).toBe(0);
  });

  it('ignores brackets inside strings, escaped quotes included', () => {
    expect(jsonTextDepth('{"a":"[[[{{{\\"[[["}')).toBe(1);
  });

  it('ignores a quote after an even run of backslashes as escaped no more: the string ends there', () => {
    expect(jsonTextDepth('{"a":"\\\\"}[[')).toBe(2);
    expect(jsonTextDepth('{"a":"\\\\\\"}[["}')).toBe(1);
  });

  it('counts as a walk over every character does, whatever the quotes and backslashes', () => {
    // The walk jsonTextDepth replaced: one character at a time, a backslash skipping the next.
    const walk = (text: string): number => {
      let depth = 0;
      let deepest = 0;
      let inString = false;
      for (let i = 0; i < text.length; i++) {
        const c = text[i];
        if (inString) {
          if (c === '\\') i++;
          else if (c === '"') inString = false;
        } else if (c === '"') inString = true;
        else if (c === '[' || c === '{') deepest = Math.max(deepest, ++depth);
        else if (c === ']' || c === '}') depth--;
      }
      return deepest;
    };
    const text = fc.string({ unit: fc.constantFrom('"', '\\', '[', ']', '{', '}', 'a'), maxLength: 60 });
    fc.assert(
      fc.property(text, (t) => jsonTextDepth(t) === walk(t)),
      { seed: 20261205, numRuns: 2000 },
    );
  });

  it('stops counting past the limit', () => {
    expect(jsonTextDepth(nested(100_000), MAX_JSON_DEPTH)).toBe(MAX_JSON_DEPTH + 1);
    expect(jsonTextDepth(nested(2000))).toBe(2000);
  });
});

describe('jsonTextDeeperThan', () => {
  it('says what jsonTextDepth says of any bracket text, however few brackets it has', () => {
    const char = fc.constantFrom(...'[]{}"\\a'.split(''));
    fc.assert(
      fc.property(fc.array(char, { maxLength: 40 }), fc.integer({ min: 0, max: 6 }), (chars, limit) => {
        const text = chars.join('');
        expect(jsonTextDeeperThan(text, limit)).toBe(jsonTextDepth(text, limit) > limit);
      }),
      { numRuns: 3000, seed: 7 },
    );
  });

  it('answers at the limit and past it, brackets in strings not counted', () => {
    expect(jsonTextDeeperThan(nested(MAX_JSON_DEPTH), MAX_JSON_DEPTH)).toBe(false);
    expect(jsonTextDeeperThan(nested(MAX_JSON_DEPTH + 1), MAX_JSON_DEPTH)).toBe(true);
    expect(jsonTextDeeperThan(`{"a":"${'['.repeat(100)}"}`, MAX_JSON_DEPTH)).toBe(false);
  });
});

describe('the golden normaliser on deep values', () => {
  it('replaces what lies deeper than the limit instead of overflowing the stack', () => {
    const deep: unknown = JSON.parse(nested(2000));
    const out = createNormaliser().normalise({ type: 'x', deep });
    let level: unknown = (out as { deep: unknown }).deep;
    let depth = 1;
    while (Array.isArray(level)) {
      level = level[0];
      depth++;
    }
    expect(level).toBe(TOO_DEEP);
    expect(depth).toBe(MAX_JSON_DEPTH);
  });

  it('keeps a value exactly at the limit whole', () => {
    const value: unknown = JSON.parse(nested(MAX_JSON_DEPTH));
    expect(createNormaliser().normalise(value)).toEqual(value);
  });
});
