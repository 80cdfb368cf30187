import { afterEach, describe, expect, it } from 'vitest';
import { Harness } from './driver.js';
import { checkAllTraffic } from './traffic-check.js';

checkAllTraffic();

let h: Harness | undefined;
afterEach(async () => {
  if (!h) return;
  await h.stop();
  expect(h.clock.pendingTimers()).toBe(0);
  h = undefined;
});

describe('session lifetime and keep-alive (reference §1.8, §1.9)', () => {
  it('§1.8 ends a session at the 60-minute limit by default: an error, then close 1000', async () => {
    h = await Harness.start({});
    const closes: unknown[] = [];
    h.sim.onClose((e) => closes.push(e));
    const c = await h.connect();
    await h.run(c.waitClosed(), 4_000_000);
    expect(h.clock.now()).toBe(3_600_000);
    await h.advance(0);
    expect(c.events('error')[0]!.error).toMatchObject({
      code: 'session_expired',
      message: 'Your session hit the maximum duration of 60 minutes.',
    });
    expect(c.closed).toEqual({ code: 1000, reason: 'session expired', wasClean: true });
    expect(closes).toEqual([expect.objectContaining({ code: 1000, initiator: 'server' })]);
  });

  it('takes the limit from server.lifetimeMs, and never ends a session when it is null', async () => {
    h = await Harness.start({ server: { lifetimeMs: 5000 } });
    const c = await h.connect();
    await h.run(c.waitClosed());
    expect(h.clock.now()).toBe(5000);
    await h.stop();
    h = await Harness.start({ server: { lifetimeMs: null } });
    await h.connect();
    await h.advance(0);
    expect(h.clock.pendingTimers()).toBe(0);
  });

  it('the limit does not cut a response short of its close: the close goes out after the error', async () => {
    h = await Harness.start({ server: { lifetimeMs: 300, reply: { audio: { tone: { hz: 200, ms: 1000 } } } } });
    const c = await h.connect();
    c.send({ type: 'response.create' });
    await h.run(c.waitClosed());
    expect(c.types().at(-1)).toBe('error');
    expect(c.events('response.done')).toEqual([]);
  });

  it('§1.9 sends ping keep-alives every server.ping.everyMs with the clock time', async () => {
    h = await Harness.start({ server: { ping: { everyMs: 15000 } } });
    const c = await h.connect();
    await h.run(c.waitFor('ping', 3));
    expect(c.events('ping').map((p) => p.timestamp)).toEqual([15000, 30000, 45000]);
  });
});
