import { describe, expect, it } from 'vitest';
import { RealClock } from '../../src/clock/index.js';

describe('RealClock', () => {
  it('now() reads milliseconds since the Unix epoch and never goes back', () => {
    const clock = new RealClock();
    const a = clock.now();
    const b = clock.now();
    expect(b).toBeGreaterThanOrEqual(a);
    expect(Math.abs(a - Date.now())).toBeLessThan(1_000);
  });

  it('fires timers in delay order and forgets them once fired', async () => {
    const clock = new RealClock();
    const order: number[] = [];
    const done = new Promise<void>((resolve) => {
      clock.setTimeout(() => order.push(6), 6);
      clock.setTimeout(() => order.push(1), 1);
      clock.setTimeout(() => {
        order.push(12);
        resolve();
      }, 12);
    });
    await done;
    expect(order).toEqual([1, 6, 12]);
    expect(clock.pendingTimers()).toBe(0);
  });

  it('clearTimeout cancels a timer, and ignores unknown handles', async () => {
    const clock = new RealClock();
    let fired = false;
    const handle = clock.setTimeout(() => (fired = true), 1);
    clock.clearTimeout(handle);
    clock.clearTimeout({ id: 12345 });
    clock.clearTimeout(undefined);
    expect(clock.pendingTimers()).toBe(0);
    await clock.sleep(5);
    expect(fired).toBe(false);
  });

  it('sleep resolves after the shorter of two sleeps first', async () => {
    const clock = new RealClock();
    const order: string[] = [];
    await Promise.all([clock.sleep(8).then(() => order.push('long')), clock.sleep(1).then(() => order.push('short'))]);
    expect(order).toEqual(['short', 'long']);
  });

  it('an aborted sleep rejects with the reason and clears its timer', async () => {
    const clock = new RealClock();
    const controller = new AbortController();
    const sleeping = clock.sleep(60_000, controller.signal);
    controller.abort(new Error('cancelled'));
    await expect(sleeping).rejects.toThrow('cancelled');
    expect(clock.pendingTimers()).toBe(0);
    await expect(clock.sleep(1, AbortSignal.abort())).rejects.toHaveProperty('name', 'AbortError');
  });
});
