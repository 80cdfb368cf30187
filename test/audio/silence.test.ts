import { describe, expect, it } from 'vitest';
import { audibleOutputs, firstNonZero, lastNonZero } from '../../src/audio/silence.js';

/** Every position of one non-zero sample in 100, through views at even and odd sample offsets. */
function cases(): { x: Int16Array; at: number }[] {
  const out: { x: Int16Array; at: number }[] = [];
  for (const offset of [0, 1, 2, 3]) {
    for (let at = 0; at < 100; at++) {
      const backing = new Int16Array(offset + 100);
      backing[offset + at] = at % 2 === 0 ? -1 : 7;
      out.push({ x: backing.subarray(offset), at });
    }
  }
  return out;
}

describe('digital silence in the resampler input', () => {
  it('finds the first non-zero sample wherever it lies, at any alignment of the view', () => {
    for (const { x, at } of cases()) {
      expect(firstNonZero(x, 0, 100)).toBe(at);
      expect(firstNonZero(x, at, 100)).toBe(at);
      expect(firstNonZero(x, at + 1, 100)).toBe(-1);
      expect(firstNonZero(x, 0, at)).toBe(-1);
    }
  });

  it('finds the last non-zero sample, and -1 in all-zero ranges', () => {
    for (const { x, at } of cases()) {
      expect(lastNonZero(x, 0, 100)).toBe(at);
      expect(lastNonZero(x, at + 1, 100)).toBe(-1);
    }
    expect(firstNonZero(new Int16Array(64), 0, 64)).toBe(-1);
  });

  it('counts as audible exactly the outputs whose windows reach a non-zero sample', () => {
    // Integer step: output k reads [2k, 2k + 4).
    const windows = (k: number) => [2 * k, 2 * k + 3];
    const { lo, hi } = audibleOutputs(10, 0, 0, 1, 2, 4, 9, 11);
    for (let k = 0; k < 10; k++) {
      const [a, b] = windows(k) as [number, number];
      expect(k >= lo && k < hi, `output ${k}`).toBe(b >= 9 && a <= 11);
    }
    // Fractional step 3/2 (up 2, down 3) from phase 1: output k starts at floor((1 + 3k) / 2).
    const f = audibleOutputs(12, 5, 1, 2, 3, 6, 20, 20);
    for (let k = 0; k < 12; k++) {
      const a = 5 + Math.floor((1 + 3 * k) / 2);
      expect(k >= f.lo && k < f.hi, `output ${k}`).toBe(a + 5 >= 20 && a <= 20);
    }
  });
});
