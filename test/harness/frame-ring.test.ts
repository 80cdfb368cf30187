import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FrameRing } from '../../src/harness/frame-ring.js';

/** The lines a ring of `capacity` should list after `frames`, written out the plain way. */
function model(capacity: number, frames: [number, 'client' | 'server', string][]): string[] {
  const lines = frames.map(([ms, from, type], i) => `${i + 1} ${Math.round(ms)}ms ${from} ${type}`);
  return capacity === 0 ? [] : lines.slice(-capacity);
}

describe('FrameRing', () => {
  it('lists its frames as numbered lines, oldest first', () => {
    const r = new FrameRing(3);
    r.push(0, 'server', 'session.created');
    r.push(12.6, 'client', 'session.update');
    expect(r.toArray()).toEqual(['1 0ms server session.created', '2 13ms client session.update']);
    expect([r.size, r.total, r.dropped]).toEqual([2, 2, 0]);
  });

  it('keeps the last capacity frames, numbered from the first frame ever pushed', () => {
    const r = new FrameRing(2);
    for (let i = 1; i <= 5; i++) r.push(i * 100, 'client', `t${i}`);
    expect(r.toArray()).toEqual(['4 400ms client t4', '5 500ms client t5']);
    expect([r.size, r.total, r.dropped]).toEqual([2, 5, 3]);
  });

  it('keeps nothing with capacity 0, and still counts', () => {
    const r = new FrameRing(0);
    r.push(1, 'client', 'a');
    expect(r.toArray()).toEqual([]);
    expect([r.size, r.total, r.dropped]).toEqual([0, 1, 1]);
  });

  it('takes room only for the frames it holds, so a huge or endless capacity costs nothing up front', () => {
    for (const capacity of [1e9, Number.POSITIVE_INFINITY]) {
      const r = new FrameRing(capacity);
      for (let i = 1; i <= 40; i++) r.push(i, 'server', 'x');
      expect(r.toArray()).toHaveLength(40);
      expect(r.toArray()[39]).toBe('40 40ms server x');
      expect(r.dropped).toBe(0);
    }
  });

  it('lists what a plain list of lines would, cut to its capacity, for any frames', () => {
    const frame = fc.tuple(
      fc.double({ min: 0, max: 1e9, noNaN: true }),
      fc.constantFrom('client' as const, 'server' as const),
      fc.string({ maxLength: 6 }),
    );
    fc.assert(
      fc.property(fc.nat({ max: 40 }), fc.array(frame, { maxLength: 90 }), (capacity, frames) => {
        const r = new FrameRing(capacity);
        for (const [ms, from, type] of frames) r.push(ms, from, type);
        expect(r.toArray()).toEqual(model(capacity, frames));
        expect(r.total).toBe(frames.length);
      }),
      { numRuns: 2000, seed: 14 },
    );
  });
});
