import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { redactCredentials } from '../../src/protocol/redact-credentials.js';

/** The four replacements without the early return: the oracle of the fast path. */
function everyReplacement(text: string): string {
  return text
    .replace(
      /([?&][^=&#\s]*(?:key|token|secret|password|passwd|signature|credential|auth)[^=&#\s]*=)[^&#\s"'`]*/gi,
      '$1***',
    )
    .replace(/\b(Bearer\s+)[^\s"',;]+/gi, '$1***')
    .replace(/(\bauthorization["']?\s*[:=]\s*["']?)(?!Bearer\s)[^\s"',;}]+/gi, '$1***')
    .replace(/(xai-client-secret\.)[^\s"',;]+/gi, '$1***');
}

const pieces = [
  '?',
  '&',
  '=',
  'api_key',
  'TOKEN',
  'Bearer',
  'bEaReR',
  ' ',
  'authorization',
  'AUTHORIZATION',
  ':',
  '"',
  "'",
  'xai-client-secret',
  'XAI-CLIENT-SECRET',
  '.',
  'abc123',
  ',',
  ';',
  '}',
  'é',
  '\n',
];

describe('redactCredentials', () => {
  it('gives what the four replacements give, also when it returns early for text without credential markers', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 12 }), (parts) => {
        const text = parts.join('');
        expect(redactCredentials(text)).toBe(everyReplacement(text));
      }),
      { seed: 20261205, numRuns: 5000 },
    );
  });
});
