import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../../src/clock/index.js';
import { ProtocolFaults, REORDER_MAX_HOLD_MS } from '../../../src/simulator/faults/protocol.js';

function setup(): { clock: VirtualClock; faults: ProtocolFaults; out: string[] } {
  const clock = new VirtualClock();
  const out: string[] = [];
  return { clock, faults: new ProtocolFaults(clock, (t) => out.push(t)), out };
}

describe('protocol faults', () => {
  it('drop removes the next count events of the type, then stops', () => {
    const { faults, out } = setup();
    faults.add({ kind: 'drop', event: 'x', count: 2 });
    for (const t of ['x1', 'y1', 'x2', 'x3']) faults.send(t[0]!, t);
    expect(out).toEqual(['y1', 'x3']);
    expect(faults.active).toBe(0);
  });

  it('a fault without a type takes any event; count all never runs out', () => {
    const { faults, out } = setup();
    faults.add({ kind: 'drop', count: 'all' });
    for (const t of ['a', 'b', 'c']) faults.send(t, t);
    expect(out).toEqual([]);
    expect(faults.active).toBe(1);
  });

  it('duplicate sends the event 1 + times times', () => {
    const { faults, out } = setup();
    faults.add({ kind: 'duplicate', event: 'a', count: 1, times: 2 });
    faults.send('a', 'a');
    faults.send('a', 'a2');
    expect(out).toEqual(['a', 'a', 'a', 'a2']);
  });

  it('delayEvent holds the event for ms while later events pass', async () => {
    const { clock, faults, out } = setup();
    faults.add({ kind: 'delayEvent', event: 'a', count: 1, ms: 100 });
    faults.send('a', 'a');
    faults.send('b', 'b');
    expect(out).toEqual(['b']);
    await clock.advance(100);
    expect(out).toEqual(['b', 'a']);
  });

  it('reorder holds the event until `by` later events went out', () => {
    const { faults, out } = setup();
    faults.add({ kind: 'reorder', event: 'a', count: 1, by: 2 });
    for (const t of ['a', 'b', 'c', 'd']) faults.send(t, t);
    expect(out).toEqual(['b', 'c', 'a', 'd']);
  });

  it('reorder sends a held event after REORDER_MAX_HOLD_MS when fewer than `by` events follow it', async () => {
    const { clock, faults, out } = setup();
    faults.add({ kind: 'reorder', event: 'a', count: 1, by: 2 });
    faults.send('a', 'a');
    faults.send('b', 'b');
    await clock.advance(REORDER_MAX_HOLD_MS - 1);
    expect(out).toEqual(['b']);
    await clock.advance(1);
    expect(out).toEqual(['b', 'a']);
    faults.send('c', 'c');
    expect(out).toEqual(['b', 'a', 'c']);
  });

  it('reorder leaves no timer behind once the held event went out', () => {
    const { clock, faults } = setup();
    faults.add({ kind: 'reorder', event: 'a', count: 1, by: 1 });
    faults.send('a', 'a');
    expect(clock.pendingTimers()).toBe(1);
    faults.send('b', 'b');
    expect(clock.pendingTimers()).toBe(0);
  });

  it('dispose drops held events and timers', async () => {
    const { clock, faults, out } = setup();
    faults.add({ kind: 'delayEvent', count: 1, ms: 100 });
    faults.send('a', 'a');
    faults.dispose();
    expect(clock.pendingTimers()).toBe(0);
    faults.send('b', 'b');
    await clock.advance(200);
    expect(out).toEqual([]);
  });
});
