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

describe('wire faults on a connection (docs/scenario-server.md "Actions")', () => {
  it('server.latency delays every downstream frame of every connection', async () => {
    h = await Harness.start({ server: { latency: { ms: 40 } } });
    const c = await h.connect();
    await h.run(c.waitFor('conversation.created'));
    expect(c.timesOf('conversation.created')).toEqual([40]);
  });

  it('server.latency with direction both delays requests too: a round trip costs twice the latency', async () => {
    h = await Harness.start({ server: { latency: { ms: 40, direction: 'both' } } });
    const c = await h.connect();
    await h.run(c.waitFor('conversation.created'));
    c.send({ type: 'session.update', session: {} });
    await h.run(c.waitFor('session.updated'));
    expect(c.timesOf('session.updated')[0]! - 40).toBe(80);
  });

  it('upstream latency from the script delays what the simulator sees, recorded at the edge before it', async () => {
    h = await Harness.start({
      script: [{ when: { connect: true }, do: [{ latency: { ms: 250, direction: 'upstream' } }] }],
    });
    const c = await h.connect();
    c.send({ type: 'response.create' });
    await h.run(c.waitFor('response.created'));
    expect(c.timesOf('response.created')).toEqual([250]);
    expect(h.frames.filter((f) => f.direction === 'in').map((f) => f.time)).toEqual([0]);
  });

  it('a downstream close travels behind the frames held by latency', async () => {
    h = await Harness.start({
      script: [
        {
          when: { connect: true },
          do: [{ latency: { ms: 100 } }, { delay: 10 }, { close: { code: 4000, reason: 'done' } }],
        },
      ],
    });
    const c = await h.connect();
    await h.run(c.waitClosed());
    expect(c.types()).toEqual(['conversation.created']);
    expect(h.clock.now()).toBe(110);
    expect(c.closed).toMatchObject({ code: 4000, reason: 'done' });
  });

  it('timeout 0 keeps the connection open and silent; clearFaults lets traffic through again', async () => {
    h = await Harness.start({
      script: [
        { when: { connect: true }, do: [{ timeout: { ms: 0 } }] },
        { when: { afterMs: 5000 }, do: [{ clearFaults: {} }] },
      ],
    });
    const c = await h.connect();
    c.send({ type: 'response.create' });
    await h.advance(5000);
    expect(c.received).toEqual([]);
    expect(c.closed).toBeUndefined();
    c.send({ type: 'session.update', session: {} });
    await h.run(c.waitFor('session.updated'));
    // The response went into the black hole; what follows the clear gets through.
    expect(c.types()).toEqual(['session.updated']);
  });

  it('timeout ms drops the connection after ms: the client sees 1006', async () => {
    h = await Harness.start({ script: [{ when: { event: 'response.create' }, do: [{ timeout: { ms: 3000 } }] }] });
    const c = await h.connect();
    c.send({ type: 'response.create' });
    await h.run(c.waitClosed());
    expect(h.clock.now()).toBe(3000);
    expect(c.closed?.code).toBe(1006);
    expect(c.types()).toEqual(['conversation.created']);
  });

  it('resetPeer afterMs drops the connection that much later', async () => {
    h = await Harness.start({ script: [{ when: { connect: true }, do: [{ resetPeer: { afterMs: 700 } }] }] });
    const c = await h.connect();
    await h.run(c.waitClosed());
    expect(h.clock.now()).toBe(700);
    expect(c.closed?.code).toBe(1006);
  });

  it("slowClose holds the simulator's close", async () => {
    h = await Harness.start({
      script: [{ when: { afterMs: 100 }, do: [{ slowClose: { ms: 900 } }, { close: { code: 1000 } }] }],
    });
    const c = await h.connect();
    await h.run(c.waitClosed());
    expect(h.clock.now()).toBe(1000);
  });

  it('limitData drops the connection once the bytes are used up', async () => {
    h = await Harness.start({ script: [{ when: { connect: true }, do: [{ limitData: { bytes: 20_000 } }] }] });
    const c = await h.connect();
    c.send({ type: 'response.create' });
    await h.run(c.waitClosed());
    expect(c.closed?.code).toBe(1006);
    const got = c.texts.reduce((n, t) => n + Buffer.byteLength(t), 0);
    expect(got).toBeLessThanOrEqual(20_000);
    expect(c.events('response.output_audio.delta').length).toBeGreaterThan(0);
    expect(c.events('response.done')).toEqual([]);
  });

  it('bandwidth slows the audio stream to what the link carries', async () => {
    h = await Harness.start({ script: [{ when: { connect: true }, do: [{ bandwidth: { kbps: 16 } }] }] });
    const c = await h.connect();
    c.send({ type: 'response.create' });
    await h.run(c.waitFor('response.done'));
    // ~6.6 kB per 100 ms audio delta over 16 kB/s: each needs ~410 ms, not 100 ms.
    const t = c.timesOf('response.output_audio.delta');
    expect(t[5]! - t[4]!).toBeGreaterThan(400);
  });

  it('toxicity is a seeded per-install probability: 0 never installs, 1 always does', async () => {
    h = await Harness.start({
      script: [
        { when: { connect: true }, do: [{ latency: { ms: 100, toxicity: 0 } }, { latency: { ms: 7, toxicity: 1 } }] },
      ],
    });
    const c = await h.connect();
    await h.run(c.waitFor('conversation.created'));
    expect(c.timesOf('conversation.created')).toEqual([7]);
  });

  it('toxicity 0.5 installs on some connections and not others, the same ones for the same seed', async () => {
    const pattern = async (seed: number): Promise<boolean[]> => {
      const run = await Harness.start(
        { script: [{ when: { connect: true }, do: [{ latency: { ms: 50, toxicity: 0.5 } }] }] },
        { seed },
      );
      const out: boolean[] = [];
      for (let i = 0; i < 12; i++) {
        const c = await run.connect();
        await run.run(c.waitFor('conversation.created'));
        out.push(run.sim.sessions()[i]!.faults.downstream.length === 1);
      }
      await run.stop();
      return out;
    };
    const a = await pattern(11);
    expect(await pattern(11)).toEqual(a);
    expect(a.some(Boolean)).toBe(true);
    expect(a.every(Boolean)).toBe(false);
  });
});
