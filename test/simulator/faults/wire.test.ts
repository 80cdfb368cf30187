import { describe, expect, it } from 'vitest';
import { VirtualClock, createRandom } from '../../../src/clock/index.js';
import { OrderedDelay } from '../../../src/simulator/faults/ordered-delay.js';
import type { WireItem } from '../../../src/simulator/faults/wire.js';
import { Wire } from '../../../src/simulator/faults/wire.js';

function setup(seed = 1): {
  clock: VirtualClock;
  wire: Wire;
  out: { t: number; item: WireItem }[];
  aborts: { t: number; why: string }[];
} {
  const clock = new VirtualClock();
  const out: { t: number; item: WireItem }[] = [];
  const aborts: { t: number; why: string }[] = [];
  const wire = new Wire(
    clock,
    createRandom(seed),
    (item) => out.push({ t: clock.now(), item }),
    (why) => aborts.push({ t: clock.now(), why }),
  );
  return { clock, wire, out, aborts };
}

const text = (t: string): WireItem => ({ kind: 'text', text: t });

describe('OrderedDelay', () => {
  it('releases each item at its time but never before an earlier one; at once when due with none ahead', async () => {
    const clock = new VirtualClock();
    const seen: [string, number][] = [];
    const q = new OrderedDelay<string>(clock, (s) => seen.push([s, clock.now()]));
    q.push('now', 0);
    q.push('a', 100);
    q.push('b', 50); // may not overtake a
    q.push('c', 120);
    expect(seen).toEqual([['now', 0]]);
    await clock.advance(200);
    expect(seen).toEqual([
      ['now', 0],
      ['a', 100],
      ['b', 100],
      ['c', 120],
    ]);
  });

  it('drain takes held items out without releasing them and cancels the timer', async () => {
    const clock = new VirtualClock();
    const seen: string[] = [];
    const q = new OrderedDelay<string>(clock, (s) => seen.push(s));
    q.push('a', 10);
    expect(q.drain()).toEqual(['a']);
    expect(clock.pendingTimers()).toBe(0);
    await clock.advance(20);
    expect(seen).toEqual([]);
  });
});

describe('wire faults (Toxiproxy vocabulary, docs/scenario-server.md)', () => {
  it('latency delays every frame by ms, keeping order', async () => {
    const { clock, wire, out } = setup();
    wire.install({ name: 'latency', options: { ms: 40 } });
    wire.push(text('a'));
    await clock.advance(10);
    wire.push(text('b'));
    await clock.advance(100);
    expect(out.map((o) => [o.item.kind === 'text' && o.item.text, o.t])).toEqual([
      ['a', 40],
      ['b', 50],
    ]);
  });

  it('latency jitter is drawn from the seeded generator: same seed, same times; order is kept', async () => {
    const times = async (seed: number): Promise<number[]> => {
      const { clock, wire, out } = setup(seed);
      wire.install({ name: 'latency', options: { ms: 100, jitterMs: 50 } });
      for (let i = 0; i < 20; i++) {
        wire.push(text(String(i)));
        await clock.advance(5);
      }
      await clock.advance(500);
      expect(out.map((o) => (o.item.kind === 'text' ? Number(o.item.text) : -1))).toEqual([...Array(20).keys()]);
      return out.map((o) => o.t);
    };
    const a = await times(3);
    expect(await times(3)).toEqual(a);
    expect(await times(4)).not.toEqual(a);
    expect(Math.min(...a)).toBeGreaterThanOrEqual(50);
    expect(new Set(a.map((t, i) => t - i * 5)).size).toBeGreaterThan(1);
  });

  it('bandwidth spaces frames by their size: 10 kB/s carries 1000 bytes in 100 ms', async () => {
    const { clock, wire, out } = setup();
    wire.install({ name: 'bandwidth', options: { kbps: 10 } });
    wire.push(text('x'.repeat(1000)));
    wire.push(text('y'.repeat(500)));
    await clock.advance(1000);
    expect(out.map((o) => o.t)).toEqual([100, 150]);
  });

  it('slicer delays a frame by delayUs for every slice after the first', async () => {
    const { clock, wire, out } = setup();
    wire.install({ name: 'slicer', options: { averageSize: 100, delayUs: 10_000 } });
    wire.push(text('z'.repeat(450))); // 5 slices: 4 gaps of 10 ms
    await clock.advance(100);
    expect(out.map((o) => o.t)).toEqual([40]);
  });

  it('timeout 0 is a black hole: nothing gets through, the connection stays', async () => {
    const { clock, wire, out, aborts } = setup();
    wire.install({ name: 'timeout', options: { ms: 0 } });
    wire.push(text('lost'));
    await clock.advance(60_000);
    expect(out).toEqual([]);
    expect(aborts).toEqual([]);
  });

  it('timeout ms drops data and then drops the connection after ms', async () => {
    const { clock, wire, out, aborts } = setup();
    wire.install({ name: 'timeout', options: { ms: 2000 } });
    wire.push(text('lost'));
    await clock.advance(3000);
    expect(out).toEqual([]);
    expect(aborts.map((a) => a.t)).toEqual([2000]);
  });

  it('slowClose holds a close for ms while frames pass', async () => {
    const { clock, wire, out } = setup();
    wire.install({ name: 'slowClose', options: { ms: 500 } });
    wire.push(text('a'));
    wire.push({ kind: 'close', code: 1000, reason: '' });
    await clock.advance(1000);
    expect(out.map((o) => [o.item.kind, o.t])).toEqual([
      ['text', 0],
      ['close', 500],
    ]);
  });

  it('limitData passes frames up to the byte limit, then drops the connection', async () => {
    const { wire, out, aborts } = setup();
    wire.install({ name: 'limitData', options: { bytes: 10 } });
    wire.push(text('12345'));
    wire.push(text('67890'));
    wire.push(text('x'));
    wire.push(text('y'));
    expect(out).toHaveLength(2);
    expect(aborts).toHaveLength(1);
  });

  it('faults chain in installation order, and clear() lets held frames go at once, oldest first', async () => {
    const { clock, wire, out } = setup();
    wire.install({ name: 'latency', options: { ms: 100 } });
    wire.install({ name: 'latency', options: { ms: 100 } });
    wire.push(text('a'));
    await clock.advance(150); // a now sits in the second stage
    wire.push(text('b'));
    wire.clear();
    expect(out.map((o) => [o.item.kind === 'text' && o.item.text, o.t])).toEqual([
      ['a', 150],
      ['b', 150],
    ]);
    expect(wire.faults()).toEqual([]);
    expect(clock.pendingTimers()).toBe(0);
  });

  it('dispose drops what is held and stops every timer', async () => {
    const { clock, wire, out } = setup();
    wire.install({ name: 'latency', options: { ms: 100 } });
    wire.install({ name: 'timeout', options: { ms: 5000 } });
    wire.push(text('a'));
    wire.dispose();
    expect(clock.pendingTimers()).toBe(0);
    wire.push(text('b'));
    await clock.advance(200);
    expect(out).toEqual([]);
  });
});
