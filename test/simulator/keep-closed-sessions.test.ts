import { afterEach, describe, expect, it } from 'vitest';
import { Harness } from './driver.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

async function openAndClose(harness: Harness, count: number): Promise<void> {
  for (let i = 0; i < count; i++) {
    const c = await harness.connect();
    c.close(1000, 'done');
    await harness.run(c.waitClosed());
    await harness.advance(0);
  }
}

describe('the simulator keeps closed sessions up to keepClosedSessions (issue 11)', () => {
  it('keeps every closed session by default, so a test can inspect each', async () => {
    h = await Harness.start({});
    await openAndClose(h, 5);
    expect(h.sim.sessions().map((s) => [s.connection, s.open])).toEqual([
      [1, false],
      [2, false],
      [3, false],
      [4, false],
      [5, false],
    ]);
  });

  it('frees closed sessions beyond the bound, newest kept, and numbers later connections on', async () => {
    h = await Harness.start({}, { keepClosedSessions: 2 });
    await openAndClose(h, 50);
    const open = await h.connect();
    expect(open.opened).toBe(true);
    expect(h.sim.sessions().map((s) => [s.connection, s.open])).toEqual([
      [49, false],
      [50, false],
      [51, true],
    ]);
  });

  it('keeps no closed session with a bound of 0, and still closes the open ones on close()', async () => {
    h = await Harness.start({}, { keepClosedSessions: 0 });
    await openAndClose(h, 20);
    const open = await h.connect();
    expect(h.sim.sessions().map((s) => s.connection)).toEqual([21]);
    await h.sim.close();
    await h.run(open.waitClosed());
    await h.advance(0);
    expect(open.closed?.code).toBe(1001);
    expect(h.sim.sessions()).toEqual([]);
  });
});
