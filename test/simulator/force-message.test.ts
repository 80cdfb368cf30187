import { afterEach, describe, expect, it } from 'vitest';
import { readForceMessage } from '../../src/simulator/force-message.js';
import { Harness, concat, silence, speech } from './driver.js';
import { checkAllTraffic } from './traffic-check.js';

checkAllTraffic();

let h: Harness | undefined;
afterEach(async () => {
  if (!h) return;
  await h.stop();
  expect(h.clock.pendingTimers()).toBe(0);
  h = undefined;
});

const forced = (text: string, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  type: 'conversation.item.create',
  item: { type: 'force_message', role: 'assistant', content: [{ type: 'output_text', text }], ...extra },
});

describe('readForceMessage', () => {
  it('reads the text of output_text parts, interruptible by default, with no voice', () => {
    const read = readForceMessage(
      {
        type: 'force_message',
        role: 'assistant',
        content: [
          { type: 'output_text', text: 'One ' },
          { type: 'text', text: 'two.' },
        ],
      },
      [],
    );
    expect(read).toEqual({ ok: true, message: { text: 'One two.', interruptible: true, voice: null } });
  });

  it('refuses a user role, a part without text, no text, a non-boolean interruptible and an unknown voice', () => {
    const codes = [
      { role: 'user', content: [{ type: 'output_text', text: 'x' }] },
      { content: [{ type: 'input_audio', audio: '' }] },
      { content: [] },
      { interruptible: 'no', content: [{ type: 'output_text', text: 'x' }] },
      { voice: 'nobody', content: [{ type: 'output_text', text: 'x' }] },
    ].map((item) => {
      const read = readForceMessage({ type: 'force_message', ...item }, []);
      return read.ok ? 'ok' : read.error.param;
    });
    expect(codes).toEqual(['item.role', 'item.content[0]', 'item.content', 'item.interruptible', 'item.voice']);
  });

  it('accepts a custom voice the server lists, whatever its case', () => {
    expect(readForceMessage({ voice: 'MyVoice', content: [{ type: 'output_text', text: 'x' }] }, ['myvoice']).ok).toBe(
      true,
    );
  });
});

describe('force_message items (xAI 2026)', () => {
  it(
    'speak their text through a whole response without response.create: ' +
      'created (metadata null), item, part, audio and transcript deltas, done',
    async () => {
      h = await Harness.start({ server: { reply: { transcript: 'Not this.' } } });
      const c = await h.connect();
      c.send(forced('Please hold.', { interruptible: true, voice: 'eve' }));
      const done = await h.run(c.waitFor('response.done'));
      const types = c.types(['conversation.created', 'conversation.item.added']);
      expect(types[0]).toBe('response.created');
      expect(types).toContain('response.output_audio.delta');
      expect(types.filter((t) => t === 'response.output_audio_transcript.delta')).toHaveLength(2);
      expect(types.slice(-5)).toEqual([
        'response.output_audio.done',
        'response.output_audio_transcript.done',
        'response.content_part.done',
        'response.output_item.done',
        'response.done',
      ]);
      expect(c.events('response.created')[0]!.response.metadata).toBeNull();
      expect(done.response.status).toBe('completed');
      expect(done.response.output[0]).toMatchObject({ role: 'assistant', content: [{ transcript: 'Please hold.' }] });
      expect(h.sim.sessions()[0]!.items.map((i) => i.type)).toEqual(['message']);
    },
  );

  it('wait for the active response, then play in the order they came', async () => {
    h = await Harness.start({ server: { reply: { transcript: 'First answer.' } } });
    const c = await h.connect();
    c.send({ type: 'response.create' });
    c.send(forced('One.'));
    c.send(forced('Two.'));
    await h.run(c.waitFor('response.done', 3));
    expect(c.events('response.done').map((d) => d.response.output[0].content[0].transcript)).toEqual([
      'First answer.',
      'One.',
      'Two.',
    ]);
  });

  it(
    'with interruptible false, keep playing when server VAD hears the user; ' + 'an interruptible one is cancelled',
    async () => {
      const long = 'One two three four five six seven eight nine ten.';
      for (const interruptible of [false, true]) {
        h = await Harness.start({});
        const c = await h.connect();
        c.send({ type: 'session.update', session: { turn_detection: { type: 'server_vad', threshold: 0.5 } } });
        c.send(forced(long, { interruptible }));
        await h.run(c.waitFor('response.output_audio.delta', 2));
        c.append(concat(speech(600), silence(700)));
        await h.run(c.waitFor('input_audio_buffer.speech_started'));
        const done = await h.run(c.waitFor('response.done'));
        expect(done.response.status).toBe(interruptible ? 'cancelled' : 'completed');
        await h.stop();
        h = undefined;
      }
    },
  );

  it('are refused with invalid_value and the client event id when malformed, and nothing is played', async () => {
    h = await Harness.start({});
    const c = await h.connect();
    c.send({ ...forced('x', { role: 'user' }), event_id: 'evt_bad' });
    const e = await h.run(c.waitFor('error'));
    expect(e.error).toMatchObject({
      type: 'invalid_request_error',
      code: 'invalid_value',
      param: 'item.role',
      event_id: 'evt_bad',
    });
    expect(c.events('response.created')).toEqual([]);
  });

  it('can be sent by a script forceMessage action, as if the client had sent the item', async () => {
    h = await Harness.start({
      script: [{ when: { afterMs: 500 }, do: [{ forceMessage: { text: 'Still there?', interruptible: false } }] }],
    });
    const c = await h.connect();
    const done = await h.run(c.waitFor('response.done'));
    expect(c.timesOf('response.created')).toEqual([500]);
    expect(done.response.output[0].content[0].transcript).toBe('Still there?');
  });
});
