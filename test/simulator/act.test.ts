import { afterEach, describe, expect, it } from 'vitest';
import { isRtSimError } from '../../src/errors/index.js';
import { Harness } from './driver.js';
import { checkAllTraffic } from './traffic-check.js';

checkAllTraffic();

let h: Harness | undefined;
afterEach(async () => {
  if (!h) return;
  await h.stop();
  h = undefined;
});

describe('Simulator.act: a do list run now (serve control API)', () => {
  it('runs connection actions on the open session named, as a rule would', async () => {
    h = await Harness.start({ server: { reply: { transcript: 'Hi.', pacing: 'burst' } } });
    const c = await h.connect();
    h.sim.act([{ drop: { event: 'response.created' } }], 1);
    c.send({ type: 'response.create' });
    await h.run(c.waitFor('response.done'));
    expect(c.events('response.created')).toHaveLength(0);
    h.sim.act([{ close: { code: 4002, reason: 'now' } }], 1);
    await h.run(c.waitClosed());
    expect(c.closed).toMatchObject({ code: 4002, reason: 'now' });
  });

  it('runs setState and the actions that need no connection without one, and delay as in a rule', async () => {
    h = await Harness.start({
      script: [{ when: { enterState: 'b' }, do: [{ refuseHandshake: { status: 429 } }] }],
    });
    h.sim.act([{ setState: 'a' }, { delay: 100 }, { setState: 'b' }]);
    expect(h.sim.scriptState).toBe('a');
    await h.advance(100);
    expect(h.sim.scriptState).toBe('b');
    expect((await h.connect()).errors).toEqual(['Unexpected server response: 429']);
  });

  it('names what is wrong: an action needing a connection, a closed connection, a file not loaded', async () => {
    h = await Harness.start({});
    expect(h.sim.actionIssues([{ close: {} }])).toEqual([
      expect.objectContaining({ path: [0, 'close'], message: expect.stringContaining('needs a connection') }),
    ]);
    expect(h.sim.actionIssues([{ close: {} }], 3)).toEqual([
      { path: [], message: 'expected an open connection, got 3 (open: none)' },
    ]);
    const c = await h.connect();
    expect(h.sim.actionIssues([{ replay: { file: 'x.json' } }], 1)[0]?.path).toEqual([0, 'replay', 'file']);
    c.close();
    expect(h.sim.actionIssues([])[0]?.message).toMatch(/empty|at least/);
    const error = (() => {
      try {
        h!.sim.act([{ latency: { ms: -1 } }], 1);
      } catch (e) {
        return e;
      }
    })();
    expect(isRtSimError(error, 'RTSIM_SIM_BAD_ACTIONS')).toBe(true);
  });

  it('clearFaults forgets refusals and failures not yet used, and the faults of open sessions', async () => {
    h = await Harness.start({ server: { reply: { transcript: 'Hi.', pacing: 'burst' } } });
    const c = await h.connect();
    h.sim.act([{ latency: { ms: 50 } }, { hang: {} }], 1);
    h.sim.act([{ refuseHandshake: { status: 503 } }, { failNextResponse: {} }]);
    expect(h.sim.sessions()[0]!.faults.downstream).toEqual(['latency']);
    h.sim.clearFaults();
    expect(h.sim.sessions()[0]!.faults.downstream).toEqual([]);
    c.send({ type: 'response.create' });
    const done = await h.run(c.waitFor('response.done'));
    expect(done.response.status).toBe('completed');
    const again = await h.connect();
    expect(again).toBeDefined();
  });
});
