import { describe, expect, it } from 'vitest';
import { closest, didYouMean } from '../../src/errors/index.js';

const KEYS = ['turnDetection', 'voice', 'model', 'maxResponseOutputTokens', 'connOptions'];

describe('closest', () => {
  it('finds a word that differs only in case', () => {
    expect(closest('VOICE', KEYS)).toBe('voice');
  });

  it('finds a word within two edits', () => {
    expect(closest('voise', KEYS)).toBe('voice');
    expect(closest('modle', KEYS)).toBe('model');
  });

  it('finds a word the input is a prefix of, or that is a prefix of the input, from three letters on', () => {
    expect(closest('turnDetect', KEYS)).toBe('turnDetection');
    expect(closest('connOptionsX', KEYS)).toBe('connOptions');
    expect(closest('tu', KEYS)).toBeUndefined();
  });

  it('allows a quarter of the length in edits for long words', () => {
    expect(closest('maxResponseOutputTokns', KEYS)).toBe('maxResponseOutputTokens');
    expect(closest('maxRespOutTokens', KEYS)).toBeUndefined();
  });

  it('gives nothing for a word far from every candidate, an empty list, or a word over 100 characters', () => {
    expect(closest('speed', KEYS)).toBeUndefined();
    expect(closest('voice', [])).toBeUndefined();
    expect(closest('v'.repeat(101), ['v'.repeat(101)])).toBeUndefined();
  });

  it('prefers the closest of two near candidates', () => {
    expect(closest('mode', ['mood', 'model'])).toBe('model');
  });
});

describe('didYouMean', () => {
  it('words the hint, or gives undefined', () => {
    expect(didYouMean('voise', KEYS)).toBe('did you mean "voice"?');
    expect(didYouMean('speed', KEYS)).toBeUndefined();
  });
});
