import { afterEach, describe, expect, it } from 'vitest';
import { CANCEL_FAILED_MESSAGE } from '../../src/protocol/index.js';
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

const longReply = { transcript: 'One two three four five six.', audio: { tone: { hz: 220, ms: 2000 } } };

describe('response.cancel (reference §2.9, §4.5)', () => {
  it(
    '§4.5 cancels the response in flight: done events close what is open, the item is incomplete, ' +
      'status cancelled / client_cancelled',
    async () => {
      h = await Harness.start({ server: { reply: longReply } });
      const c = await h.connect();
      c.send({ type: 'response.create' });
      await h.run(c.waitFor('response.output_audio.delta', 8));
      c.send({ type: 'response.cancel' });
      const done = await h.run(c.waitFor('response.done'));
      expect(c.types().slice(-5)).toEqual([
        'response.output_audio.done',
        'response.output_audio_transcript.done',
        'response.content_part.done',
        'response.output_item.done',
        'response.done',
      ]);
      expect(done.response.status).toBe('cancelled');
      expect(done.response.status_details).toEqual({ type: 'cancelled', reason: 'client_cancelled' });
      const sent = c
        .events('response.output_audio_transcript.delta')
        .map((d) => d.delta)
        .join('');
      expect(sent).toBe('One two three '); // six words over twenty chunks: before chunks 0, 3, 6, 10…
      expect(done.response.output[0]).toMatchObject({
        status: 'incomplete',
        content: [{ type: 'output_audio', transcript: sent }],
      });
      expect(c.events('response.output_audio.delta')).toHaveLength(8);
      // The partial item stays in the conversation with the audio that went out.
      c.send({
        type: 'conversation.item.truncate',
        item_id: done.response.output[0].id,
        content_index: 0,
        audio_end_ms: 800,
      });
      await h.run(c.waitFor('conversation.item.truncated'));
    },
  );

  it('§1.9 answers a cancel with no active response with "Cancellation failed: no active response found"', async () => {
    h = await Harness.start({});
    const c = await h.connect();
    c.send({ type: 'response.cancel' });
    const e = await h.run(c.waitFor('error'));
    expect(e.error).toMatchObject({ type: 'invalid_request_error', message: CANCEL_FAILED_MESSAGE, event_id: null });
  });

  it('§4.5 step 4 a cancel that arrives after response.done fails the same way', async () => {
    h = await Harness.start({});
    const c = await h.connect();
    c.send({ type: 'response.create' });
    await h.run(c.waitFor('response.done'));
    c.send({ type: 'response.cancel' });
    const e = await h.run(c.waitFor('error'));
    expect(e.error.message).toBe(CANCEL_FAILED_MESSAGE);
  });

  it('cancels before the first output: response.done cancelled with no output', async () => {
    h = await Harness.start({ server: { reply: { ttftMs: 500 } } });
    const c = await h.connect();
    c.send({ type: 'response.create' });
    await h.run(c.waitFor('response.created'));
    c.send({ type: 'response.cancel' });
    const done = await h.run(c.waitFor('response.done'));
    expect(done.response.output).toEqual([]);
    expect(c.types()).toEqual(['conversation.created', 'response.created', 'response.done']);
  });

  it('a cancel naming another response_id fails', async () => {
    h = await Harness.start({ server: { reply: longReply } });
    const c = await h.connect();
    c.send({ type: 'response.create' });
    await h.run(c.waitFor('response.created'));
    c.send({ type: 'response.cancel', response_id: 'resp_other' });
    const e = await h.run(c.waitFor('error'));
    expect(e.error.message).toBe(CANCEL_FAILED_MESSAGE);
  });
});

describe('response.create (reference §2.8, §4.3)', () => {
  it('refuses a second response.create while one is active', async () => {
    h = await Harness.start({ server: { reply: longReply } });
    const c = await h.connect();
    c.send({ type: 'response.create' });
    c.send({ type: 'response.create', event_id: 'response_create_2' });
    const e = await h.run(c.waitFor('error'));
    expect(e.error).toMatchObject({ code: 'conversation_already_has_active_response', event_id: 'response_create_2' });
    await h.run(c.waitFor('response.done'));
    expect(c.events('response.created')).toHaveLength(1);
  });

  it('takes replies in order across the run and cycles them; each merges over server.reply', async () => {
    h = await Harness.start({
      server: {
        reply: { audio: null, ttftMs: 50 },
        replies: [{ transcript: 'First.' }, { transcript: 'Second.', ttftMs: 10 }],
      },
    });
    const c = await h.connect();
    const texts: string[] = [];
    for (let i = 1; i <= 3; i++) {
      c.send({ type: 'response.create' });
      await h.run(c.waitFor('response.done', i));
      texts.push(c.events('response.output_audio_transcript.done')[i - 1]!.transcript);
    }
    expect(texts).toEqual(['First.', 'Second.', 'First.']);
    expect(c.events('response.output_audio.delta')).toEqual([]);
  });

  it('§1.9 adds start_time (seconds into the reply audio) to transcript deltas of transcriptDeltaWords', async () => {
    h = await Harness.start({
      server: {
        reply: { transcript: 'a b c d', audio: { silence: { ms: 400 } }, startTime: true, transcriptDeltaWords: 2 },
      },
    });
    const c = await h.connect();
    c.send({ type: 'response.create' });
    await h.run(c.waitFor('response.done'));
    expect(c.events('response.output_audio_transcript.delta').map((d) => [d.delta, d.start_time])).toEqual([
      ['a b ', 0],
      ['c d', 0.2],
    ]);
  });

  it('chunkMs sets the audio per delta and the pace', async () => {
    h = await Harness.start({ server: { reply: { audio: { tone: { hz: 300, ms: 600 } }, chunkMs: 200 } } });
    const c = await h.connect();
    c.send({ type: 'response.create' });
    await h.run(c.waitFor('response.done'));
    expect(c.events('response.output_audio.delta').map((d) => Buffer.from(d.delta, 'base64').length)).toEqual([
      9600, 9600, 9600,
    ]);
    const t = c.timesOf('response.output_audio.delta');
    expect([t[1]! - t[0]!, t[2]! - t[1]!]).toEqual([200, 200]);
  });

  it('ends the reply with its last audio chunk even when the transcript has more words than chunks', async () => {
    h = await Harness.start({
      server: { reply: { transcript: 'Hi, I am Grok, nice to meet you.', audio: { tone: { hz: 300, ms: 300 } } } },
    });
    const c = await h.connect();
    c.send({ type: 'response.create' });
    await h.run(c.waitFor('response.done'));
    const audio = c.timesOf('response.output_audio.delta');
    expect(audio).toHaveLength(3);
    expect(c.timesOf('response.done')).toEqual([audio[2]]);
    expect(
      c
        .events('response.output_audio_transcript.delta')
        .map((d) => d.delta)
        .join(''),
    ).toBe('Hi, I am Grok, nice to meet you.');
  });

  it('§3 reports usage in response.done and, xAI-style, at the top level; given figures and null kept', async () => {
    const usage = { total_tokens: 9, input_tokens: 4, output_tokens: 5 };
    h = await Harness.start({
      server: { replies: [{}, { usage }, { usage: null }], xaiQuirks: { topLevelUsage: true } },
    });
    const c = await h.connect();
    c.send(userText('What is the weather like today?'));
    for (let i = 1; i <= 3; i++) {
      c.send({ type: 'response.create' });
      await h.run(c.waitFor('response.done', i));
    }
    const [computed, given, none] = c.events('response.done');
    expect(computed!.response.usage.input_token_details.text_tokens).toBe(8); // 31 characters / 4
    expect(computed!.usage).toEqual(computed!.response.usage);
    expect(given!.response.usage).toEqual(usage);
    expect(none!.response.usage).toBeNull();
    expect(none!.usage).toBeUndefined();
  });

  it('leaves out the top-level usage when xaiQuirks.topLevelUsage is false', async () => {
    h = await Harness.start({ server: { xaiQuirks: { topLevelUsage: false } } });
    const c = await h.connect();
    c.send({ type: 'response.create' });
    const done = await h.run(c.waitFor('response.done'));
    expect(done.usage).toBeUndefined();
    expect(done.response.usage.total_tokens).toBeGreaterThan(0);
  });

  it('§4.6 reply.fail ends the response with status failed and the error body, and no output', async () => {
    h = await Harness.start({ server: { reply: { fail: { type: 'server_error', code: 'overloaded' }, ttftMs: 100 } } });
    const c = await h.connect();
    c.send({ type: 'response.create' });
    const done = await h.run(c.waitFor('response.done'));
    expect(c.types()).toEqual(['conversation.created', 'response.created', 'response.done']);
    expect(done.response).toMatchObject({
      status: 'failed',
      status_details: { type: 'failed', error: { type: 'server_error', code: 'overloaded' } },
      output: [],
      usage: null,
    });
  });

  it('§1.8 a text-modality response streams xAI response.text.* deltas into an output_text part', async () => {
    h = await Harness.start({ server: { reply: { transcript: 'Just text.' } } });
    const c = await h.connect();
    c.send({ type: 'session.update', session: { output_modalities: ['text'] } });
    c.send({ type: 'response.create' });
    const done = await h.run(c.waitFor('response.done'));
    expect(c.types(['conversation.created', 'session.updated'])).toEqual([
      'response.created',
      'response.output_item.added',
      'conversation.item.added',
      'response.content_part.added',
      'response.text.delta',
      'response.text.delta',
      'response.text.done',
      'response.content_part.done',
      'response.output_item.done',
      'response.done',
    ]);
    expect(c.events('response.content_part.added')[0]!.part).toEqual({ type: 'text', text: '' });
    expect(done.response.output[0].content).toEqual([{ type: 'output_text', text: 'Just text.' }]);
  });

  it('xaiQuirks.textEvents openai names text deltas response.output_text.*; a response may ask for text', async () => {
    h = await Harness.start({ server: { xaiQuirks: { textEvents: 'openai' }, reply: { transcript: 'Hi.' } } });
    const c = await h.connect();
    c.send({ type: 'response.create', response: { output_modalities: ['text'] } });
    await h.run(c.waitFor('response.done'));
    expect(c.events('response.output_text.delta').map((d) => d.delta)).toEqual(['Hi.']);
    expect(c.events('response.output_text.done')[0]!.text).toBe('Hi.');
  });

  it('an out-of-band response (conversation: "none") leaves the conversation alone', async () => {
    h = await Harness.start({});
    const c = await h.connect();
    c.send({ type: 'response.create', response: { conversation: 'none', metadata: { topic: 'summary' } } });
    const done = await h.run(c.waitFor('response.done'));
    expect(c.events('conversation.item.added')).toEqual([]);
    expect(done.response.conversation_id).toBeNull();
    expect(done.response.metadata).toEqual({ topic: 'summary' });
    expect(h.sim.sessions()[0]!.items).toEqual([]);
  });

  it('§1.5 encodes output audio in the session format: 8 kHz µ-law is 800 bytes per 100 ms', async () => {
    h = await Harness.start({ server: { reply: { audio: { tone: { hz: 300, ms: 300 } } } } });
    const c = await h.connect();
    c.send({ type: 'session.update', session: { audio: { output: { format: { type: 'audio/pcmu' } } } } });
    c.send({ type: 'response.create' });
    await h.run(c.waitFor('response.done'));
    expect(c.events('response.output_audio.delta').map((d) => Buffer.from(d.delta, 'base64').length)).toEqual([
      800, 800, 800,
    ]);
  });

  it('§9 a force_message item is spoken through a whole response lifecycle without response.create', async () => {
    h = await Harness.start({});
    const c = await h.connect();
    c.send({
      type: 'conversation.item.create',
      item: { type: 'force_message', content: [{ type: 'text', text: 'Please hold.' }] },
    });
    const done = await h.run(c.waitFor('response.done'));
    expect(c.events('response.created')[0]!.response.metadata).toBeNull();
    expect(done.response.output[0].content[0].transcript).toBe('Please hold.');
  });
});

describe('function calls (reference §4.4)', () => {
  const tool = {
    type: 'function',
    name: 'get_weather',
    description: 'Weather',
    parameters: { type: 'object', properties: { city: { type: 'string' } } },
  };

  it('§4.4 answers with the call, then goes on after function_call_output and response.create', async () => {
    h = await Harness.start({
      server: {
        functionCall: { name: 'get_weather', arguments: { city: 'Paris' } },
        reply: { transcript: 'It is sunny.' },
      },
    });
    const c = await h.connect();
    c.send({ type: 'session.update', session: { tools: [tool] } });
    c.send(userText('Weather in Paris?'));
    c.send({ type: 'response.create' });
    const first = await h.run(c.waitFor('response.done'));
    expect(c.types(['conversation.created', 'session.updated'])).toEqual([
      'conversation.item.added',
      'response.created',
      'response.output_item.added',
      'conversation.item.added',
      'response.function_call_arguments.delta',
      'response.function_call_arguments.done',
      'response.output_item.done',
      'response.done',
    ]);
    const added = c.events('response.output_item.added')[0]!.item;
    expect(added).toMatchObject({ type: 'function_call', name: 'get_weather', arguments: '', status: 'in_progress' });
    const call = c.events('response.output_item.done')[0]!.item;
    expect(call).toMatchObject({
      type: 'function_call',
      name: 'get_weather',
      arguments: '{"city":"Paris"}',
      status: 'completed',
      call_id: expect.stringMatching(/^call_/),
    });
    expect(c.events('response.function_call_arguments.done')[0]).toMatchObject({
      call_id: call.call_id,
      name: 'get_weather',
      arguments: '{"city":"Paris"}',
    });
    expect(first.response.output).toEqual([call]);

    c.send({
      type: 'conversation.item.create',
      previous_item_id: call.id,
      item: { type: 'function_call_output', call_id: call.call_id, output: '{"sky":"clear"}' },
    });
    c.send({ type: 'response.cancel' });
    c.send({ type: 'response.create' });
    const second = await h.run(c.waitFor('response.done', 2));
    expect(second.response.output[0]).toMatchObject({
      type: 'message',
      content: [{ type: 'output_audio', transcript: 'It is sunny.' }],
    });
    expect(c.events('error').map((e) => e.error.message)).toEqual([CANCEL_FAILED_MESSAGE]);
  });

  it('a reply may carry several calls, with a given call id and string arguments split into deltas', async () => {
    const args = JSON.stringify({ query: 'x'.repeat(40) });
    h = await Harness.start({
      server: { reply: { functionCall: [{ name: 'a', arguments: args, callId: 'call_fixed' }, { name: 'b' }] } },
    });
    const c = await h.connect();
    c.send({ type: 'response.create' });
    const done = await h.run(c.waitFor('response.done'));
    expect(
      done.response.output.map((i: { name: string; call_id: string; arguments: string }) => [i.name, i.arguments]),
    ).toEqual([
      ['a', args],
      ['b', '{}'],
    ]);
    expect(done.response.output[0].call_id).toBe('call_fixed');
    expect(
      c
        .events('response.function_call_arguments.delta')
        .filter((d) => d.call_id === 'call_fixed')
        .map((d) => d.delta)
        .join(''),
    ).toBe(args);
    expect(c.events('response.output_item.added').map((e) => e.output_index)).toEqual([0, 1]);
  });
});
