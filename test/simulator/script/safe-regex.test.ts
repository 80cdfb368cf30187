import { describe, expect, it } from 'vitest';
import { catastrophicRegexReason } from '../../../src/simulator/script/safe-regex.js';

describe('catastrophicRegexReason', () => {
  it.each(['^(a+)+$', '(a*)*', '(a|aa)*b', '((ab)*c)+', '(\\w+\\s?)*$', '(a+){2,}', '(x\\1)+'])(
    'rejects %s, which can backtrack exponentially',
    (pattern) => {
      expect(catastrophicRegexReason(pattern)).toMatch(/exponential time/);
    },
  );

  it.each([
    '^a+$',
    'hello',
    '^(ab)+$',
    '[(a+)+]',
    '\\(a+\\)+',
    '(a+)?',
    '(foo|bar)',
    '^response\\.(created|done)$',
    '(?:ab)+c',
    'a{2,5}',
  ])('accepts %s', (pattern) => {
    expect(catastrophicRegexReason(pattern)).toBeUndefined();
  });
});
