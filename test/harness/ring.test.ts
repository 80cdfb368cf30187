import { describe, expect, it } from 'vitest';
import { Ring } from '../../src/harness/index.js';

describe('Ring', () => {
  it('holds everything, oldest first, until it is full', () => {
    const r = new Ring<number>(3);
    r.push(1);
    r.push(2);
    expect(r.toArray()).toEqual([1, 2]);
    expect([r.size, r.total, r.dropped]).toEqual([2, 2, 0]);
  });

  it('keeps the last capacity values, oldest first, and counts the dropped ones', () => {
    const r = new Ring<number>(3);
    for (let i = 1; i <= 10; i++) r.push(i);
    expect(r.toArray()).toEqual([8, 9, 10]);
    expect([r.size, r.total, r.dropped]).toEqual([3, 10, 7]);
  });

  it('never holds more than its capacity over 100,000 pushes', () => {
    const r = new Ring<number>(200);
    let max = 0;
    for (let i = 1; i <= 100_000; i++) {
      r.push(i);
      max = Math.max(max, r.size);
    }
    expect(max).toBe(200);
    expect(r.toArray()[0]).toBe(99_801);
    expect(r.toArray().at(-1)).toBe(100_000);
    expect(r.total).toBe(100_000);
  });

  it('keeps nothing with capacity 0, and still counts', () => {
    const r = new Ring<string>(0);
    r.push('a');
    r.push('b');
    expect(r.toArray()).toEqual([]);
    expect([r.size, r.total, r.dropped]).toEqual([0, 2, 2]);
  });
});
