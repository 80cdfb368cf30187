import { mkdtemp, writeFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { encodeWav, toneSamples } from '../../src/simulator/index.js';
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

async function wavFile(samples: Int16Array, rate: number, channels: number): Promise<{ dir: string; file: string }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'rt-sim-sim-'));
  await writeFile(path.join(dir, 'reply.wav'), encodeWav(samples, rate, channels));
  return { dir, file: 'reply.wav' };
}

describe('session start (reference §4.1, §1.9)', () => {
  it('§1.9 sends conversation.created first, with a conversation id minted from the seeded generator', async () => {
    h = await Harness.start({});
    const c = await h.connect();
    await h.advance(0);
    expect(c.types()).toEqual(['conversation.created']);
    const created = c.events('conversation.created')[0]!;
    expect(created.conversation).toEqual({
      id: expect.stringMatching(/^conv_[0-9a-f]{12}$/),
      object: 'realtime.conversation',
    });
    expect(created.event_id).toMatch(/^event_[0-9a-f]{12}$/);
  });

  it('the same seed gives the same ids, a different seed different ones', async () => {
    const ids: string[] = [];
    for (const seed of [7, 7, 8]) {
      const run = await Harness.start({}, { seed });
      const c = await run.connect();
      await run.advance(0);
      ids.push(c.events('conversation.created')[0]!.conversation.id);
      await run.stop();
    }
    expect(ids[0]).toBe(ids[1]);
    expect(ids[2]).not.toBe(ids[0]);
  });

  it('sends session.created after conversation.created when server.sessionCreated is on (2026 servers)', async () => {
    h = await Harness.start({ server: { sessionCreated: true } });
    const c = await h.connect();
    await h.advance(0);
    expect(c.types()).toEqual(['conversation.created', 'session.created']);
    expect(c.events('session.created')[0]!.session.model).toBe('grok-4-1-fast-non-reasoning');
  });

  it('§2.1a merges session.update and echoes the effective session as session.updated, model from ?model', async () => {
    h = await Harness.start({});
    const c = await h.connect();
    c.send({
      type: 'session.update',
      event_id: 'session_update_000000000001',
      session: {
        type: 'realtime',
        model: 'something-else',
        output_modalities: ['audio'],
        audio: {
          input: {
            format: { type: 'audio/pcm', rate: 24000 },
            noise_reduction: null,
            transcription: { model: 'gpt-4o-mini-transcribe' },
            turn_detection: {
              type: 'server_vad',
              threshold: 0.5,
              prefix_padding_ms: 300,
              silence_duration_ms: 200,
              create_response: true,
              interrupt_response: true,
            },
          },
          output: { format: { type: 'audio/pcm', rate: 24000 }, speed: 1.0, voice: 'ara' },
        },
        max_output_tokens: 'inf',
        tool_choice: 'auto',
        tracing: null,
      },
    });
    c.send({ type: 'session.update', session: { type: 'realtime', instructions: 'Be brief.' } });
    await h.run(c.waitFor('session.updated', 2));
    const [first, second] = c.events('session.updated');
    expect(first!.session.model).toBe('grok-4-1-fast-non-reasoning');
    expect(first!.session.audio.output.voice).toBe('ara');
    expect(first!.session.turn_detection).toEqual({
      type: 'server_vad',
      threshold: 0.5,
      prefix_padding_ms: 300,
      silence_duration_ms: 200,
      create_response: true,
      interrupt_response: true,
    });
    expect(first!.session.instructions).toBeNull();
    expect(second!.session.instructions).toBe('Be brief.');
    expect(second!.session.turn_detection.threshold).toBe(0.5);
  });

  it('uses server.model when the URL has no ?model=', async () => {
    h = await Harness.start({ server: { model: 'grok-voice-think-fast-1.0' } });
    const c = await h.connect({ query: '' });
    c.send({ type: 'session.update', session: {} });
    await h.run(c.waitFor('session.updated'));
    expect(c.events('session.updated')[0]!.session.model).toBe('grok-voice-think-fast-1.0');
  });
});

describe('a text-initiated reply (reference §4.3)', () => {
  it('§4.3 answers item create and response.create: full lifecycle, WAV at 24 kHz mono, paced per 100 ms', async () => {
    // 1 s of 16 kHz stereo: 24 000 samples at 24 kHz, i.e. 10 chunks of 4800 bytes.
    const stereo = new Int16Array(16000 * 2);
    const mono = toneSamples(440, 1000, 0.4);
    for (let i = 0; i < 16000; i++) stereo[i * 2] = stereo[i * 2 + 1] = mono[Math.floor((i * 24000) / 16000)]!;
    const { dir, file } = await wavFile(stereo, 16000, 2);
    try {
      h = await Harness.start(
        { server: { reply: { transcript: 'Hello there, friend.', audio: { wav: file }, ttftMs: 300 } } },
        { baseDir: dir },
      );
    } finally {
      await rm(dir, { recursive: true });
    }
    const c = await h.connect();
    c.send(userText('hi', { event_id: 'chat_ctx_create_1', previous_item_id: 'root' }));
    await h.run(c.waitFor('conversation.item.added'));
    const start = h.clock.now();
    c.send({
      type: 'response.create',
      event_id: 'response_create_abc',
      response: { instructions: null, metadata: { client_event_id: 'response_create_abc' } },
    });
    const done = await h.run(c.waitFor('response.done'));

    expect(c.types()).toEqual([
      'conversation.created',
      'conversation.item.added',
      'response.created',
      'response.output_item.added',
      'conversation.item.added',
      'response.content_part.added',
      // Three words over ten chunks: a transcript delta before chunks 0, 3 and 6.
      'response.output_audio_transcript.delta',
      'response.output_audio.delta',
      'response.output_audio.delta',
      'response.output_audio.delta',
      'response.output_audio_transcript.delta',
      'response.output_audio.delta',
      'response.output_audio.delta',
      'response.output_audio.delta',
      'response.output_audio_transcript.delta',
      'response.output_audio.delta',
      'response.output_audio.delta',
      'response.output_audio.delta',
      'response.output_audio.delta',
      'response.output_audio.done',
      'response.output_audio_transcript.done',
      'response.content_part.done',
      'response.output_item.done',
      'response.done',
    ]);
    const created = c.events('response.created')[0]!;
    expect(created.response).toMatchObject({
      object: 'realtime.response',
      status: 'in_progress',
      output: [],
      metadata: { client_event_id: 'response_create_abc' },
    });

    const deltas = c.events('response.output_audio.delta');
    expect(deltas.map((d) => Buffer.from(d.delta, 'base64').length)).toEqual(Array(10).fill(4800));
    const times = c.timesOf('response.output_audio.delta');
    expect(times[0]! - start).toBe(300);
    expect(times.slice(1).map((t, i) => t - times[i]!)).toEqual(Array(9).fill(100));

    const transcript = c
      .events('response.output_audio_transcript.delta')
      .map((d) => d.delta)
      .join('');
    expect(transcript).toBe('Hello there, friend.');
    expect(c.events('response.output_audio_transcript.done')[0]!.transcript).toBe('Hello there, friend.');

    const item = c.events('response.output_item.done')[0]!.item;
    expect(item).toMatchObject({
      type: 'message',
      role: 'assistant',
      status: 'completed',
      content: [{ type: 'output_audio', transcript: 'Hello there, friend.' }],
    });
    const assistantAdded = c.events('conversation.item.added')[1]!;
    expect(assistantAdded.previous_item_id).toBe(c.events('conversation.item.added')[0]!.item.id);
    expect(assistantAdded.item).toMatchObject({ id: item.id, role: 'assistant', status: 'in_progress', content: [] });

    expect(done.response.status).toBe('completed');
    expect(done.response.metadata).toEqual({ client_event_id: 'response_create_abc' });
    expect(done.response.output).toEqual([item]);
    expect(done.response.usage).toMatchObject({ output_token_details: { text_tokens: 5, audio_tokens: 20 } });
    expect(done.usage).toEqual(done.response.usage);
  });

  it('§4.3 echoes the user item with the client id; previous_item_id null first, the predecessor after', async () => {
    h = await Harness.start({});
    const c = await h.connect();
    c.send({
      type: 'conversation.item.create',
      previous_item_id: 'root',
      item: { id: 'item_a', type: 'message', role: 'user', content: [{ type: 'input_text', text: 'one' }] },
    });
    c.send({
      type: 'conversation.item.create',
      previous_item_id: 'item_a',
      item: { id: 'item_b', type: 'message', role: 'user', content: [{ type: 'input_text', text: 'two' }] },
    });
    await h.run(c.waitFor('conversation.item.added', 2));
    const [a, b] = c.events('conversation.item.added');
    expect(a!.previous_item_id).toBeNull();
    expect(a!.item).toEqual({
      id: 'item_a',
      object: 'realtime.item',
      type: 'message',
      role: 'user',
      status: 'completed',
      content: [{ type: 'input_text', text: 'one' }],
    });
    expect(b!.previous_item_id).toBe('item_a');
  });

  it('generates a default tone reply when the scenario gives no audio, pacing the transcript within it', async () => {
    h = await Harness.start({});
    const c = await h.connect();
    c.send({ type: 'response.create' });
    const done = await h.run(c.waitFor('response.done'));
    const text = c
      .events('response.output_audio_transcript.delta')
      .map((d) => d.delta)
      .join('');
    expect(text).toBe('Hello! How can I help?');
    // 22 characters × 60 ms, rounded up to 100 ms: 1400 ms = 14 chunks.
    expect(c.events('response.output_audio.delta')).toHaveLength(14);
    expect(done.response.metadata).toBeNull();
  });
});
