import { afterEach, describe, expect, it } from 'vitest';
import type { SimConnectionEvent } from '../../src/simulator/index.js';
import { Harness, TEST_KEY } from './driver.js';
import { checkAllTraffic } from './traffic-check.js';

checkAllTraffic();

let h: Harness | undefined;
afterEach(async () => {
  if (!h) return;
  await h.stop();
  expect(h.clock.pendingTimers()).toBe(0);
  h = undefined;
});

function record(harness: Harness): SimConnectionEvent[] {
  const events: SimConnectionEvent[] = [];
  harness.sim.onConnection((e) => events.push(e));
  return events;
}

describe('the handshake (reference §1.1, §1.2)', () => {
  it('§1.2 accepts "Authorization: Bearer <key>" and reports the accepted connection', async () => {
    h = await Harness.start({});
    const events = record(h);
    const c = await h.connect();
    expect(c.opened).toBe(true);
    expect(events).toEqual([
      {
        accepted: true,
        connection: 1,
        attempt: 1,
        time: 0,
        url: 'wss://api.x.ai/v1/realtime?model=grok-4-1-fast-non-reasoning',
      },
    ]);
  });

  it('R2.5 refuses a wrong key with HTTP 401: the client sees error then close 1006; no session starts', async () => {
    h = await Harness.start({});
    const events = record(h);
    const c = await h.connect({ headers: { Authorization: 'Bearer wrong' } });
    expect(c.opened).toBe(false);
    expect(c.errors[0]).toContain('401');
    expect(c.closed?.code).toBe(1006);
    expect(events).toEqual([
      {
        accepted: false,
        connection: null,
        attempt: 1,
        time: 0,
        url: expect.any(String),
        status: 401,
        reason: 'Incorrect API key provided.',
      },
    ]);
    expect(h.sim.sessions()).toEqual([]);
  });

  it('refuses a handshake without credentials with 401 and says how to authenticate', async () => {
    h = await Harness.start({});
    const events = record(h);
    await h.connect({ headers: {} });
    expect(events[0]).toMatchObject({
      accepted: false,
      status: 401,
      reason: expect.stringContaining('xai-client-secret'),
    });
  });

  it('§1.2 accepts an ephemeral token in the xai-client-secret.<token> subprotocol and answers with it', async () => {
    h = await Harness.start({});
    const c = await h.connect({ headers: {}, protocols: ['xai-client-secret.tok_123'] });
    expect(c.opened).toBe(true);
    expect(c.socket.protocol).toBe('xai-client-secret.tok_123');
  });

  it('checks ephemeral tokens against server.clientSecrets when given', async () => {
    h = await Harness.start({ server: { clientSecrets: ['good'] } });
    const events = record(h);
    expect((await h.connect({ headers: {}, protocols: ['xai-client-secret.good'] })).opened).toBe(true);
    expect((await h.connect({ headers: {}, protocols: ['xai-client-secret.bad'] })).opened).toBe(false);
    expect(events.map((e) => (e.accepted ? 'ok' : e.status))).toEqual(['ok', 401]);
  });

  it('accepts any credentials, or none, when the expected key is null', async () => {
    h = await Harness.start({}, { apiKey: null });
    expect((await h.connect({ headers: {} })).opened).toBe(true);
    expect((await h.connect({ headers: { Authorization: 'Bearer anything' } })).opened).toBe(true);
  });

  it('takes the expected key from server.apiKey when createSimulator gets none', async () => {
    h = await Harness.start({ server: { apiKey: 'from-config' } }, { apiKey: undefined });
    expect((await h.connect({ headers: { Authorization: 'Bearer from-config' } })).opened).toBe(true);
    expect((await h.connect()).opened).toBe(false);
  });

  it('answers another path with 404', async () => {
    h = await Harness.start({});
    const events = record(h);
    const c = await h.connect({ path: '/v1/other' });
    expect(c.errors[0]).toContain('404');
    expect(events[0]).toMatchObject({ accepted: false, status: 404 });
  });

  it('§1.3 refuses a model outside server.models with 400, and accepts listed ones', async () => {
    h = await Harness.start({ server: { models: ['grok-voice-latest'] } });
    const events = record(h);
    await h.connect({ query: 'model=gpt-4o-realtime' });
    await h.connect({ query: 'model=grok-voice-latest' });
    expect(events.map((e) => (e.accepted ? 'ok' : e.status))).toEqual([400, 'ok']);
  });

  it('numbers accepted connections and handshake attempts separately', async () => {
    h = await Harness.start({});
    const events = record(h);
    await h.connect();
    await h.connect({ headers: { Authorization: 'Bearer nope' } });
    await h.connect({ headers: { authorization: `Bearer ${TEST_KEY}` } });
    expect(events.map((e) => [e.attempt, e.connection])).toEqual([
      [1, 1],
      [2, null],
      [3, 2],
    ]);
  });

  it('reports each connection end with its code and who ended it', async () => {
    h = await Harness.start({});
    const closes: unknown[] = [];
    h.sim.onClose((e) => closes.push(e));
    const c = await h.connect();
    c.close(4000, 'bye');
    await h.run(c.waitClosed());
    await h.advance(0);
    expect(closes).toEqual([{ connection: 1, time: 0, code: 4000, reason: 'bye', initiator: 'client' }]);
    expect(h.sim.sessions()[0]!.open).toBe(false);
  });

  it('refuses every handshake with 503 once the simulator is closed', async () => {
    h = await Harness.start({});
    const events = record(h);
    await h.sim.close();
    const c = await h.connect();
    expect(c.opened).toBe(false);
    expect(events[0]).toMatchObject({ accepted: false, status: 503 });
  });
});

describe('requireCredentials: no key named, but some credentials needed', () => {
  const cases: [string, { headers?: Record<string, string>; protocols?: string[] }, boolean][] = [
    ['no Authorization header and no subprotocol', { headers: {} }, false],
    ['an empty Bearer key', { headers: { Authorization: 'Bearer  ' } }, false],
    ['an empty client secret', { headers: {}, protocols: ['xai-client-secret.'] }, false],
    ['any Bearer key', { headers: { Authorization: 'Bearer whatever' } }, true],
    ['any client secret', { headers: {}, protocols: ['xai-client-secret.tok'] }, true],
  ];
  for (const [what, opts, accepted] of cases) {
    it(`${accepted ? 'accepts' : 'refuses with 401'} a handshake with ${what}`, async () => {
      h = await Harness.start({}, { apiKey: null, requireCredentials: true });
      const events = record(h);
      const c = await h.connect(opts);
      expect(c.opened).toBe(accepted);
      if (!accepted)
        expect(events[0]).toMatchObject({
          accepted: false,
          status: 401,
          reason: expect.stringContaining('Missing credentials'),
        });
    });
  }

  it('accepts no credentials at all without requireCredentials (the library default)', async () => {
    h = await Harness.start({}, { apiKey: null });
    const c = await h.connect({ headers: {} });
    expect(c.opened).toBe(true);
  });
});
