import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { SimCloseEvent, SimConnectionEvent } from '../../src/simulator/index.js';
import { Harness, userText } from './driver.js';
import { checkAllTraffic } from './traffic-check.js';

checkAllTraffic();

let h: Harness | undefined;
afterEach(async () => {
  if (!h) return;
  await h.stop();
  expect(h.clock.pendingTimers()).toBe(0);
  h = undefined;
});

const audioReply = { reply: { transcript: 'Hello there.', audio: { tone: { hz: 300, ms: 1000 } } } };

describe('script triggers (docs/scenario-server.md "script:")', () => {
  it(
    'the docs/scenario-server.md example: resetPeer on the 3rd audio delta of the run drops the connection (1006) ' +
      'and the next connection is left alone',
    async () => {
      h = await Harness.start({
        server: audioReply,
        script: [{ when: { event: 'response.output_audio.delta', count: 3 }, do: [{ resetPeer: {} }] }],
      });
      const closes: SimCloseEvent[] = [];
      h.sim.onClose((e) => closes.push(e));
      const c1 = await h.connect();
      c1.send({ type: 'response.create' });
      await h.run(c1.waitClosed());
      expect(c1.closed).toMatchObject({ code: 1006, wasClean: false });
      // The trigger fires before the 3rd delta is sent: the client got two.
      expect(c1.events('response.output_audio.delta')).toHaveLength(2);
      await h.advance(0);
      expect(closes).toEqual([expect.objectContaining({ connection: 1, code: 1006, initiator: 'fault' })]);
      const c2 = await h.connect();
      c2.send({ type: 'response.create' });
      const done = await h.run(c2.waitFor('response.done'));
      expect(done.response.status).toBe('completed');
      expect(h.sim.firedRules()).toEqual([{ index: 0, name: undefined, time: 200 }]);
    },
  );

  it('keeps only the last 1000 firings for reports, and counts them all (a long serve stays bounded)', async () => {
    h = await Harness.start({ script: [{ when: { event: 'input_audio_buffer.clear' }, setState: 'cleared' }] });
    const c = await h.connect();
    for (let i = 0; i < 1050; i++) c.send({ type: 'input_audio_buffer.clear' });
    await h.advance(0);
    expect(c.events('input_audio_buffer.cleared')).toHaveLength(1050);
    expect(h.sim.firedRuleCount()).toBe(1050);
    expect(h.sim.firedRules()).toHaveLength(1000);
    c.close();
  });

  it('matches client event fields (equality, regex, exists, oneOf) and answers with an error action', async () => {
    h = await Harness.start({
      script: [
        {
          when: {
            event: 'conversation.item.create',
            match: {
              'item.role': 'user',
              'item.content.0.text': { regex: '^block' },
              previous_item_id: { exists: false },
              'item.type': { oneOf: ['message'] },
            },
          },
          do: [{ error: { message: 'Blocked by policy.', code: 'content_filter', event_id: 'evt' } }],
        },
      ],
    });
    const c = await h.connect();
    c.send(userText('hello'));
    c.send(userText('block this'));
    c.send(userText('block this too', { previous_item_id: 'root' }));
    await h.run(c.waitFor('conversation.item.added', 3));
    expect(c.events('error').map((e) => e.error)).toEqual([
      {
        type: 'invalid_request_error',
        code: 'content_filter',
        message: 'Blocked by policy.',
        param: null,
        event_id: 'evt',
      },
    ]);
  });

  it('counts occurrences across the whole run and can be limited to one connection', async () => {
    h = await Harness.start({
      script: [
        { when: { event: 'response.create', count: 2 }, do: [{ error: { message: 'second create of the run' } }] },
        { when: { event: 'response.create', connection: 2 }, do: [{ error: { message: 'on connection 2' } }] },
      ],
    });
    const c1 = await h.connect();
    c1.send({ type: 'response.create' });
    await h.run(c1.waitFor('response.done'));
    c1.close();
    await h.run(c1.waitClosed());
    const c2 = await h.connect();
    c2.send({ type: 'response.create' });
    await h.run(c2.waitFor('response.done'));
    expect(c1.events('error')).toEqual([]);
    expect(c2.events('error').map((e) => e.error.message)).toEqual(['second create of the run', 'on connection 2']);
  });

  it('afterMs fires on each connection that long after it opened; send mints an event_id', async () => {
    h = await Harness.start({
      script: [{ when: { afterMs: 500 }, do: [{ send: { type: 'rate_limits.updated', rate_limits: [] } }] }],
    });
    const c = await h.connect();
    const e = await h.run(c.waitFor('rate_limits.updated'));
    expect(c.timesOf('rate_limits.updated')).toEqual([500]);
    expect(e.event_id).toMatch(/^event_/);
  });

  it('named states: a rule sets a state; rules guarded by it fire only there (close, code and reason)', async () => {
    h = await Harness.start({
      script: [
        { when: { event: 'response.done' }, setState: 'second', once: true },
        { when: { event: 'response.created' }, state: 'second', do: [{ close: { code: 4001, reason: 'go away' } }] },
      ],
    });
    const c = await h.connect();
    c.send({ type: 'response.create' });
    await h.run(c.waitFor('response.done'));
    expect(h.sim.scriptState).toBe('second');
    c.send({ type: 'response.create' });
    await h.run(c.waitClosed());
    expect(c.closed).toEqual({ code: 4001, reason: 'go away', wasClean: true });
    expect(c.events('response.created')).toHaveLength(1);
  });

  it('enterState fires when the state changes; setState may also be an action, after a delay', async () => {
    h = await Harness.start({
      script: [
        { when: { connect: true }, do: [{ delay: 300 }, { setState: 'ready' }] },
        {
          when: { enterState: 'ready' },
          do: [{ send: { type: 'error', error: { type: 'server_error', message: 'state is ready' } } }],
        },
      ],
    });
    const c = await h.connect();
    await h.run(c.waitFor('error'));
    expect(c.timesOf('error')).toEqual([300]);
    expect(c.events('error')[0]!.error.message).toBe('state is ready');
  });

  it('a handshake trigger refuses the first attempt with 503; the second gets through', async () => {
    h = await Harness.start({
      script: [{ when: { handshake: true, count: 1 }, do: [{ refuseHandshake: { status: 503 } }] }],
    });
    const events: SimConnectionEvent[] = [];
    h.sim.onConnection((e) => events.push(e));
    expect((await h.connect()).errors[0]).toContain('503');
    expect((await h.connect()).opened).toBe(true);
    expect(events.map((e) => (e.accepted ? 'ok' : e.status))).toEqual([503, 'ok']);
  });

  it('holdHandshake leaves the next handshakes unanswered, reported as held; the one after gets through', async () => {
    h = await Harness.start({
      script: [{ when: { handshake: true, count: 1 }, do: [{ holdHandshake: { count: 1 } }] }],
    });
    const events: SimConnectionEvent[] = [];
    h.sim.onConnection((e) => events.push(e));
    expect(h.sim.handshake({ url: '/v1/realtime', headers: {}, protocols: [] })).toEqual({
      accept: false,
      status: 504,
      body: '',
      hold: true,
    });
    expect((await h.connect()).opened).toBe(true);
    expect(events.map((e) => (e.accepted ? 'ok' : e.held ? 'held' : e.status))).toEqual(['held', 'ok']);
  });

  it('refuseHandshake from a client event refuses the next reconnects (429 twice)', async () => {
    h = await Harness.start({
      script: [
        { when: { event: 'response.create' }, do: [{ refuseHandshake: { status: 429, count: 2 } }, { resetPeer: {} }] },
      ],
    });
    const c = await h.connect();
    c.send({ type: 'response.create' });
    await h.run(c.waitClosed());
    const statuses: (number | string)[] = [];
    for (let i = 0; i < 3; i++) {
      const next = await h.connect();
      statuses.push(next.opened ? 'ok' : Number(/\d{3}/.exec(next.errors[0] ?? '')?.[0]));
    }
    expect(statuses).toEqual([429, 429, 'ok']);
  });

  it('a connect trigger runs before conversation.created, so a latency fault delays it', async () => {
    h = await Harness.start({ script: [{ when: { connect: true }, do: [{ latency: { ms: 100 } }] }] });
    const c = await h.connect();
    await h.run(c.waitFor('conversation.created'));
    expect(c.timesOf('conversation.created')).toEqual([100]);
    expect(h.sim.sessions()[0]!.faults).toEqual({ downstream: ['latency'], upstream: [] });
  });

  it('once: a rule fires at most once in the run', async () => {
    h = await Harness.start({
      script: [
        {
          when: { event: 'response.created' },
          once: true,
          do: [{ send: { type: 'rate_limits.updated', rate_limits: [] } }],
        },
      ],
    });
    const c = await h.connect();
    for (let i = 1; i <= 2; i++) {
      c.send({ type: 'response.create' });
      await h.run(c.waitFor('response.done', i));
    }
    expect(c.events('rate_limits.updated')).toHaveLength(1);
    // Sent from the trigger, before the event that fired it.
    expect(c.types().indexOf('rate_limits.updated')).toBeLessThan(c.types().indexOf('response.created'));
  });

  it('failNextResponse makes the next responses end with status failed and the given error', async () => {
    h = await Harness.start({
      script: [
        {
          when: { connect: true },
          do: [{ failNextResponse: { type: 'server_error', code: 'rate_limited', count: 2 } }],
        },
      ],
    });
    const c = await h.connect();
    for (let i = 1; i <= 3; i++) {
      c.send({ type: 'response.create' });
      await h.run(c.waitFor('response.done', i));
    }
    expect(
      c.events('response.done').map((d) => [d.response.status, d.response.status_details?.error?.code ?? null]),
    ).toEqual([
      ['failed', 'rate_limited'],
      ['failed', 'rate_limited'],
      ['completed', null],
    ]);
  });

  it('hang swallows the triggering request (default: this one), or every client event when set elsewhere', async () => {
    h = await Harness.start({ script: [{ when: { event: 'response.create', count: 1 }, do: [{ hang: {} }] }] });
    const c = await h.connect();
    c.send({ type: 'response.create' });
    await h.advance(5000);
    expect(c.events('response.created')).toEqual([]);
    c.send({ type: 'response.create' });
    await h.run(c.waitFor('response.done'));
    await h.stop();

    h = await Harness.start({ script: [{ when: { connect: true }, do: [{ hang: { event: 'session.update' } }] }] });
    const c2 = await h.connect();
    c2.send({ type: 'session.update', session: {} });
    c2.send({ type: 'session.update', session: {} });
    c2.send(userText('hi'));
    await h.run(c2.waitFor('conversation.item.added'));
    expect(c2.events('session.updated')).toEqual([]);
  });

  it('respond starts a server-initiated response (metadata null) with its own reply', async () => {
    h = await Harness.start({
      script: [{ when: { afterMs: 1000 }, do: [{ respond: { transcript: 'Are you still there?', audio: null } }] }],
    });
    const c = await h.connect();
    const done = await h.run(c.waitFor('response.done'));
    expect(c.timesOf('response.created')).toEqual([1000]);
    expect(done.response.metadata).toBeNull();
    expect(done.response.output[0].content[0].transcript).toBe('Are you still there?');
  });

  it('replay sends recorded server events spaced as given, inline or from a file loaded up front', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'rt-sim-replay-'));
    const recorded = [
      { direction: 'in', time: 0, text: JSON.stringify({ type: 'response.create' }) },
      {
        direction: 'out',
        time: 1000,
        text: JSON.stringify({ type: 'rate_limits.updated', event_id: 'event_rec1', rate_limits: [] }),
      },
      { direction: 'out', time: 1250, text: JSON.stringify({ type: 'ping', event_id: 'event_rec2', timestamp: 1 }) },
    ];
    await writeFile(path.join(dir, 'rec.jsonl'), recorded.map((r) => JSON.stringify(r)).join('\n'));
    try {
      h = await Harness.start(
        {
          script: [
            { when: { connect: true }, do: [{ replay: { file: 'rec.jsonl' } }] },
            {
              when: { afterMs: 2000 },
              do: [
                {
                  replay: {
                    events: [
                      { event: { type: 'ping', timestamp: 5 } },
                      { afterMs: 100, event: { type: 'ping', timestamp: 6 } },
                    ],
                  },
                },
              ],
            },
          ],
        },
        { baseDir: dir },
      );
    } finally {
      await rm(dir, { recursive: true });
    }
    const c = await h.connect();
    await h.run(c.waitFor('ping', 3));
    // The connect trigger runs before the greeting, and the first kept frame goes at once.
    expect(c.types()).toEqual(['rate_limits.updated', 'conversation.created', 'ping', 'ping', 'ping']);
    expect(
      c
        .events('ping')
        .map((p) => p.event_id)
        .slice(0, 1),
    ).toEqual(['event_rec2']);
    expect(c.timesOf('ping')).toEqual([250, 2000, 2100]);
  });

  it('sendRaw sends a frame as is, even one that breaks the protocol', async () => {
    h = await Harness.start(
      { script: [{ when: { connect: true }, do: [{ sendRaw: '{"type": 5' }] }] },
      { checkTraffic: false },
    );
    const c = await h.connect();
    await h.advance(0);
    expect(c.texts[0]).toBe('{"type": 5');
  });

  it("failClientSends makes the client's next send on that connection throw", async () => {
    h = await Harness.start({ script: [{ when: { connect: true }, do: [{ failClientSends: { count: 1 } }] }] });
    const c = await h.connect();
    expect(() => c.socket.send('{"type":"input_audio_buffer.clear"}')).toThrow(/send failed/);
    c.send({ type: 'input_audio_buffer.clear' });
    await h.run(c.waitFor('input_audio_buffer.cleared'));
  });

  it('sendBinary sends the text as the bytes of one binary frame', async () => {
    h = await Harness.start({ script: [{ when: { afterMs: 10 }, do: [{ sendBinary: '{"type":"ping"}' }] }] });
    const c = await h.connect();
    const frames: unknown[] = [];
    c.socket.addEventListener('message', (e) => frames.push(e.data));
    await h.advance(10);
    const binary = frames.filter((d) => typeof d !== 'string');
    expect(binary).toHaveLength(1);
    expect(new TextDecoder().decode(binary[0] as Uint8Array)).toBe('{"type":"ping"}');
  });
});

describe('the examples of docs/scenario-server.md', () => {
  it('refuses the first two connection attempts; the third gets in', async () => {
    h = await Harness.start({
      script: [{ when: { handshake: true }, once: true, do: [{ refuseHandshake: { status: 503, count: 2 } }] }],
    });
    const opened: boolean[] = [];
    for (let i = 0; i < 3; i++) opened.push((await h.connect()).opened);
    expect(opened).toEqual([false, false, true]);
  });

  it('fails the second response, swallows its response.done and drops the socket 12 s later', async () => {
    h = await Harness.start({
      script: [
        { when: { event: 'response.create', count: 2 }, do: [{ failNextResponse: { code: 'rate_limited' } }] },
        { when: { event: 'response.done', count: 2 }, do: [{ timeout: { ms: 12000 } }] },
      ],
    });
    const c = await h.connect();
    c.send({ type: 'response.create' });
    await h.run(c.waitFor('response.done'));
    c.send({ type: 'response.create' });
    await h.run(c.waitFor('response.created', 2));
    const failedAt = h.clock.now();
    await h.run(c.waitClosed());
    expect(h.clock.now() - failedAt).toBe(12000);
    expect(c.events('response.done')).toHaveLength(1);
    expect(c.closed?.code).toBe(1006);
  });
});

describe('protocol faults from the script', () => {
  it('drop: {} on a server-event trigger drops that very event', async () => {
    h = await Harness.start({
      script: [{ when: { event: 'response.output_audio_transcript.done' }, do: [{ drop: {} }] }],
    });
    const c = await h.connect();
    c.send({ type: 'response.create' });
    await h.run(c.waitFor('response.done'));
    expect(c.events('response.output_audio_transcript.done')).toEqual([]);
    expect(c.events('response.content_part.done')).toHaveLength(1);
  });

  it('duplicate sends the same event (same event_id) again', async () => {
    h = await Harness.start({ script: [{ when: { event: 'response.done' }, do: [{ duplicate: { times: 2 } }] }] });
    const c = await h.connect();
    c.send({ type: 'response.create' });
    await h.run(c.waitFor('response.done', 3));
    const ids = c.events('response.done').map((d) => d.event_id);
    expect(new Set(ids).size).toBe(1);
  });

  it('delayEvent holds an event while later ones overtake it', async () => {
    h = await Harness.start({
      script: [{ when: { event: 'conversation.item.added', count: 1 }, do: [{ delayEvent: { ms: 300 } }] }],
    });
    const c = await h.connect();
    c.send(userText('hi'));
    c.send({ type: 'response.create' });
    await h.run(c.waitFor('response.done'));
    expect(c.types().slice(0, 3)).toEqual(['conversation.created', 'response.created', 'response.output_item.added']);
    const userItem = c.events('conversation.item.added').findIndex((e) => e.item.role === 'user');
    expect(c.timesOf('conversation.item.added')[userItem]).toBe(300);
  });

  it('reorder lets the next event go first', async () => {
    h = await Harness.start({ script: [{ when: { event: 'response.created' }, do: [{ reorder: { by: 2 } }] }] });
    const c = await h.connect();
    c.send({ type: 'response.create' });
    await h.run(c.waitFor('response.done'));
    expect(c.types().slice(1, 5)).toEqual([
      'response.output_item.added',
      'conversation.item.added',
      'response.created',
      'response.content_part.added',
    ]);
  });

  it('a protocol fault set up ahead applies to the next events of the chosen type', async () => {
    h = await Harness.start({
      script: [
        { when: { event: 'response.create' }, do: [{ drop: { event: 'response.output_audio.delta', count: 'all' } }] },
      ],
    });
    const c = await h.connect();
    c.send({ type: 'response.create' });
    await h.run(c.waitFor('response.done'));
    expect(c.events('response.output_audio.delta')).toEqual([]);
    expect(c.events('response.output_audio_transcript.delta').length).toBeGreaterThan(0);
  });
});
