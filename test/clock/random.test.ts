import { describe, expect, it } from 'vitest';
import { createRandom } from '../../src/clock/index.js';

const take = (n: number, f: () => number): number[] => Array.from({ length: n }, f);

describe('createRandom', () => {
  it('the same seed gives the same sequence', () => {
    const a = createRandom(42);
    const b = createRandom(42);
    expect(take(100, () => a.next())).toEqual(take(100, () => b.next()));
    expect(a.hex(16)).toBe(b.hex(16));
    expect(a.seed).toBe(42);
  });

  it('different seeds give different sequences', () => {
    const a = createRandom(1);
    const b = createRandom(2);
    expect(take(10, () => a.next())).not.toEqual(take(10, () => b.next()));
  });

  it('next() is in [0, 1), int() within both bounds, hex() is lowercase hex of the asked length', () => {
    const r = createRandom(7);
    for (let i = 0; i < 1_000; i++) {
      const x = r.next();
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThan(1);
      const n = r.int(3, 5);
      expect([3, 4, 5]).toContain(n);
    }
    expect(r.hex(12)).toMatch(/^[0-9a-f]{12}$/);
  });

  it('forks with different labels are independent; the same label from the same state repeats', () => {
    const jitter = createRandom(9).fork('jitter');
    const ids = createRandom(9).fork('ids');
    expect(take(10, () => jitter.next())).not.toEqual(take(10, () => ids.next()));
    const first = createRandom(9).fork('jitter');
    const second = createRandom(9).fork('jitter');
    expect(take(10, () => first.next())).toEqual(take(10, () => second.next()));
  });

  it('drawing from a fork does not change what the parent draws next', () => {
    const parent = createRandom(5);
    const twin = createRandom(5);
    const child = parent.fork('child');
    twin.fork('child');
    take(50, () => child.next());
    expect(take(10, () => parent.next())).toEqual(take(10, () => twin.next()));
  });
});
