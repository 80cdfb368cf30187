import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { UUID_PATTERN } from '../../../src/protocol/index.js';
import type { ServerConfig } from '../../../src/simulator/index.js';
import { Harness, concat, silence, speech, userText, type Received, type TestClient } from '../driver.js';
import { checkAllTraffic } from '../traffic-check.js';
import { shapeDifferences } from './shape-compare.js';

checkAllTraffic();

const live = JSON.parse(readFileSync(new URL('../../fixtures/xai-live-2026.json', import.meta.url), 'utf8')) as {
  turn: Received[];
};
const liveFrame = (type: string): Received => live.turn.find((f) => f.type === type)!;

let h: Harness | undefined;
afterEach(async () => {
  if (!h) return;
  await h.stop();
  expect(h.clock.pendingTimers()).toBe(0);
  h = undefined;
});

const reply = { transcript: 'Sunny and warm.', audio: { tone: { hz: 300, ms: 1440 } } };

/** A voice turn under server VAD, as the fixture's: update, speech, reply. */
async function voiceTurn(server: ServerConfig): Promise<TestClient> {
  h = await Harness.start({ server: { reply, ...server } });
  const c = await h.connect({ query: '' });
  c.send({
    type: 'session.update',
    session: { instructions: 'Be brief.', voice: 'ara', turn_detection: { type: 'server_vad' } },
  });
  await h.run(c.waitFor('session.updated'));
  c.append(concat(silence(500), speech(1400, 0.9), silence(800)));
  await h.run(c.waitFor('response.done'));
  return c;
}

describe('the xai-2026 profile sends the shapes of the live 2026 service', () => {
  it('is the default: session.created comes first, then conversation.created, with UUID ids', async () => {
    h = await Harness.start({ server: { profile: undefined } as ServerConfig });
    const c = await h.connect();
    expect(c.types()).toEqual(['session.created', 'conversation.created']);
    for (const e of c.received) expect(e.event_id).toMatch(UUID_PATTERN);
    expect(c.events('session.created')[0]!.session.id).toMatch(UUID_PATTERN);
    expect(c.events('conversation.created')[0]!.conversation.id).toMatch(UUID_PATTERN);
  });

  it('echoes the 2026 session: grok-voice-think-fast-2.0, prefixed voice, modalities, manual turns', async () => {
    h = await Harness.start({ server: { profile: 'xai-2026' } });
    const c = await h.connect({ query: '' });
    const created = c.events('session.created')[0]!.session;
    expect(created).toMatchObject({
      model: 'grok-voice-think-fast-2.0',
      voice: 'xai_ara',
      modalities: ['audio'],
      turn_detection: null,
      instructions: '',
    });
    expect(created).toMatchObject({ input_audio_format: 'pcm16', output_audio_format: 'pcm16', tool_choice: 'auto' });
    c.send({ type: 'session.update', session: { voice: 'Eve', turn_detection: { type: 'server_vad' } } });
    const updated = (await h.run(c.waitFor('session.updated'))).session;
    expect(updated.voice).toBe('xai_eve');
    expect(updated.audio.output.voice).toBe('xai_eve');
    expect(updated.tool_choice).toBe('not implemented');
    expect(updated.turn_detection).toMatchObject({ type: 'server_vad', threshold: 0.85 });
  });

  it('sends no VAD events before the client turns detection on', async () => {
    h = await Harness.start({ server: { profile: 'xai-2026' } });
    const c = await h.connect();
    c.append(concat(speech(600), silence(800)));
    await h.advance(2000);
    expect(c.events('input_audio_buffer.speech_started')).toHaveLength(0);
  });

  it(
    'a completed response: status_details "unimplemented", usage {} with the figures at the top level, ' +
      'audio parts, top-level refs',
    async () => {
      const c = await voiceTurn({ profile: 'xai-2026' });
      const created = c.events('response.created')[0]!;
      expect(created.response).toMatchObject({ status: 'in_progress', status_details: 'unimplemented', usage: {} });
      const done = c.events('response.done')[0]!;
      const user = c.events('conversation.item.added')[0]!.item;
      expect(Object.keys(done).slice(0, 4)).toEqual(['type', 'event_id', 'response_id', 'previous_item_id']);
      expect(done.response_id).toBe(done.response.id);
      expect(done.previous_item_id).toBe(user.id);
      expect(done.response.status_details).toBe('unimplemented');
      expect(done.response.usage).toEqual({});
      expect(done.response.output[0].content).toEqual([{ type: 'audio', transcript: 'Sunny and warm.' }]);
      expect(c.events('response.output_item.done')[0]!.item.content[0].type).toBe('audio');
      expect(done.usage.input_token_details.grok_tokens).toBe(0);
      expect(done.usage.output_token_details.grok_tokens).toBe(0);
      expect(done.usage.output_audio_seconds).toBe(1.44);
      // The committed user audio plus 1.44 s of reply, rounded up.
      const userSeconds = c.events('conversation.item.input_audio_transcription.completed')[0]!.usage.seconds as number;
      expect(userSeconds).toBeGreaterThan(2);
      expect(done.usage.billable_audio_seconds).toBe(Math.ceil(userSeconds + 1.44));
      expect(done.usage.total_tokens).toBe(done.usage.input_tokens + done.usage.output_tokens);
    },
  );

  it('billable_audio_seconds is cumulative over the session', async () => {
    h = await Harness.start({
      server: { profile: 'xai-2026', reply: { transcript: 'Hi.', audio: { tone: { hz: 300, ms: 1000 } } } },
    });
    const c = await h.connect();
    c.send(userText('one'));
    c.send({ type: 'response.create' });
    await h.run(c.waitFor('response.done'));
    c.send({ type: 'response.create' });
    await h.run(c.waitFor('response.done', 2));
    const [first, second] = c.events('response.done');
    expect([first!.usage.output_audio_seconds, second!.usage.output_audio_seconds]).toEqual([1, 1]);
    expect([first!.usage.billable_audio_seconds, second!.usage.billable_audio_seconds]).toEqual([1, 2]);
  });

  it('transcript deltas and done carry no indexes; audio deltas keep theirs', async () => {
    const c = await voiceTurn({ profile: 'xai-2026' });
    for (const type of ['response.output_audio_transcript.delta', 'response.output_audio_transcript.done']) {
      for (const e of c.events(type)) {
        expect(e).not.toHaveProperty('output_index');
        expect(e).not.toHaveProperty('content_index');
      }
    }
    expect(c.events('response.output_audio.delta')[0]).toMatchObject({ output_index: 0, content_index: 0 });
  });

  it('failed and cancelled responses keep a status_details object that says why (an assumption)', async () => {
    h = await Harness.start({
      server: { profile: 'xai-2026', reply: { transcript: 'x', fail: { type: 'server_error', code: 'boom' } } },
    });
    const c = await h.connect();
    c.send({ type: 'response.create' });
    const done = await h.run(c.waitFor('response.done'));
    expect(done.response.status_details).toEqual({ type: 'failed', error: { type: 'server_error', code: 'boom' } });
    expect(c.events('response.created')[0]!.response.status_details).toBe('unimplemented');
  });

  it('pings are {type, timestamp} in integer ms of the clock, without event_id', async () => {
    h = await Harness.start({ server: { profile: 'xai-2026', ping: { everyMs: 1500 } } });
    const c = await h.connect();
    await h.run(c.waitFor('ping', 2));
    expect(c.events('ping')).toEqual([
      { type: 'ping', timestamp: 1500 },
      { type: 'ping', timestamp: 3000 },
    ]);
  });

  it('sessionCreated: false drops session.created; xaiQuirks.topLevelUsage: false drops top-level usage', async () => {
    h = await Harness.start({
      server: { profile: 'xai-2026', sessionCreated: false, xaiQuirks: { topLevelUsage: false } },
    });
    const c = await h.connect();
    expect(c.types()).toEqual(['conversation.created']);
    c.send({ type: 'response.create' });
    const done = await h.run(c.waitFor('response.done'));
    expect(done).not.toHaveProperty('usage');
    expect(done.response.usage).toEqual({});
  });

  it('the same seed gives the same UUIDs', async () => {
    const ids = async (): Promise<string[]> => {
      const run = await Harness.start({ server: { profile: 'xai-2026' } });
      const c = await run.connect();
      const out = c.received.map((e) => String(e.event_id));
      await run.stop();
      return out;
    };
    expect(await ids()).toEqual(await ids());
  });
});

describe('compared key by key with frames rebuilt from live 2026 captures', () => {
  it.each(['session.created', 'response.created', 'response.done'])(
    'under the default profile, %s has every field of the live frame, with the same value types and id forms',
    async (type) => {
      // `profile: undefined` overrides the driver's pin: the simulator's own default applies.
      const c = await voiceTurn({ profile: undefined } as ServerConfig);
      expect(shapeDifferences(liveFrame(type), c.events(type)[0])).toEqual([]);
    },
  );

  it.each(['session.created', 'response.created', 'response.done'])(
    'under xai-2025-12, %s keeps the old shapes',
    async (type) => {
      const c = await voiceTurn({ profile: 'xai-2025-12', sessionCreated: true });
      const frame = c.events(type)[0]!;
      const differences = shapeDifferences(liveFrame(type), frame);
      expect(differences.length).toBeGreaterThan(0);
      expect(frame.event_id).toMatch(/^event_[0-9a-f]{12}$/);
      if (type === 'session.created')
        expect(frame.session).toMatchObject({ voice: 'ara', model: 'grok-voice-fast-1.0' });
      else expect(frame.response).toMatchObject({ id: expect.stringMatching(/^resp_/), status_details: null });
      if (type === 'response.done') {
        expect(frame).not.toHaveProperty('response_id');
        expect(frame.response.output[0].content[0].type).toBe('output_audio');
        expect(frame.response.usage).toEqual(frame.usage);
      }
    },
  );

  it('the comparison helper finds a missing field, a kind change and a non-UUID id', () => {
    expect(
      shapeDifferences(
        { a: { id: 'e5f0c0de-0000-4000-8000-000000000000', n: 1 } },
        { a: { id: 'resp_0123456789ab', n: 'x' } },
      ),
    ).toEqual(['$.a.id: expected a UUID, got "resp_0123456789ab"', '$.a.n: expected integer, got string']);
    expect(shapeDifferences({ b: null }, {})).toEqual(['$.b: expected null, got nothing']);
  });
});
