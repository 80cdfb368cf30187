import { afterEach, describe, expect, it } from 'vitest';
import { XAI_DEFAULT_TURN_DETECTION } from '../../src/protocol/index.js';
import { mulawEncode, resamplePcm16 } from '../../src/audio/index.js';
import type { TestClient } from './driver.js';
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

/** The plugin's turn detection (threshold 0.5, prefix 300 ms, silence 200 ms) with overrides. */
function vad(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    type: 'session.update',
    session: {
      type: 'realtime',
      audio: { input: { turn_detection: { ...XAI_DEFAULT_TURN_DETECTION, ...overrides } } },
    },
  };
}

async function connectWith(
  config: Parameters<typeof Harness.start>[0],
  ...updates: Record<string, unknown>[]
): Promise<TestClient> {
  h = await Harness.start(config);
  const c = await h.connect();
  for (const u of updates) c.send(u);
  await h.run(c.waitFor('session.updated', updates.length));
  return c;
}

const AUDIO_EVENTS = ['conversation.created', 'session.updated'];

describe('manual turns: append, commit, clear (reference §2.2–§2.4)', () => {
  it('§2.3 commit makes the buffer a user audio item and transcribes it; no response if turns are manual', async () => {
    const c = await connectWith(
      { server: { userTranscript: 'What time is it?' } },
      { type: 'session.update', session: { turn_detection: null } },
    );
    c.append(speech(500));
    c.send({ type: 'input_audio_buffer.commit' });
    await h!.run(c.waitFor('conversation.item.input_audio_transcription.completed'));
    await h!.advance(1000);
    expect(c.types(AUDIO_EVENTS)).toEqual([
      'input_audio_buffer.committed',
      'conversation.item.added',
      'conversation.item.input_audio_transcription.completed',
    ]);
    const committed = c.events('input_audio_buffer.committed')[0]!;
    expect(committed.previous_item_id).toBeNull();
    const added = c.events('conversation.item.added')[0]!;
    expect(added.item).toEqual({
      id: committed.item_id,
      object: 'realtime.item',
      type: 'message',
      role: 'user',
      status: 'completed',
      content: [{ type: 'input_audio', transcript: null }],
    });
    expect(c.events('conversation.item.input_audio_transcription.completed')[0]).toMatchObject({
      item_id: committed.item_id,
      content_index: 0,
      transcript: 'What time is it?',
      usage: { type: 'duration', seconds: 0.5 },
    });
  });

  it('refuses to commit less than 100 ms of audio with input_audio_buffer_commit_empty', async () => {
    const c = await connectWith({}, { type: 'session.update', session: { turn_detection: null } });
    c.append(silence(50), 50);
    c.send({ type: 'input_audio_buffer.commit', event_id: 'commit_1' });
    const e = await h!.run(c.waitFor('error'));
    expect(e.error).toMatchObject({ code: 'input_audio_buffer_commit_empty', event_id: 'commit_1' });
    expect(e.error.message).toContain('only has 50.00ms of audio');
  });

  it('§2.4 clear empties the buffer and answers input_audio_buffer.cleared', async () => {
    const c = await connectWith({}, { type: 'session.update', session: { turn_detection: null } });
    c.append(speech(300));
    c.send({ type: 'input_audio_buffer.clear' });
    c.send({ type: 'input_audio_buffer.commit' });
    await h!.run(c.waitFor('error'));
    expect(c.types(AUDIO_EVENTS)).toEqual(['input_audio_buffer.cleared', 'error']);
  });

  it('sends no transcription events when transcription is null', async () => {
    const c = await connectWith(
      {},
      { type: 'session.update', session: { turn_detection: null, audio: { input: { transcription: null } } } },
    );
    c.append(speech(200));
    c.send({ type: 'input_audio_buffer.commit' });
    await h!.run(c.waitFor('conversation.item.added'));
    await h!.advance(100);
    expect(c.types(AUDIO_EVENTS)).toEqual(['input_audio_buffer.committed', 'conversation.item.added']);
  });
});

describe('server VAD (reference §1.6, §4.2)', () => {
  it(
    '§4.2 detects speech from the audio energy: speech_started with prefix padding, ' +
      'speech_stopped after the silence, commit, item, transcript, response',
    async () => {
      const c = await connectWith({}, vad());
      c.append(concat(silence(1000), speech(1000), silence(500)));
      await h!.run(c.waitFor('response.done'));
      expect(c.types(AUDIO_EVENTS).slice(0, 6)).toEqual([
        'input_audio_buffer.speech_started',
        'input_audio_buffer.speech_stopped',
        'input_audio_buffer.committed',
        'conversation.item.added',
        'conversation.item.input_audio_transcription.completed',
        'response.created',
      ]);
      const started = c.events('input_audio_buffer.speech_started')[0]!;
      const stopped = c.events('input_audio_buffer.speech_stopped')[0]!;
      expect(started.audio_start_ms).toBe(700); // speech at 1000 ms − 300 ms prefix padding
      expect(stopped.audio_end_ms).toBe(2200); // speech ends at 2000 ms + 200 ms of silence
      expect(stopped.item_id).toBe(started.item_id);
      expect(c.events('input_audio_buffer.committed')[0]!.item_id).toBe(started.item_id);
      expect(c.events('conversation.item.input_audio_transcription.completed')[0]!.usage).toEqual({
        type: 'duration',
        seconds: 2.2,
      });
      expect(c.events('response.created')[0]!.response.metadata).toBeNull();
    },
  );

  it('§1.6 uses xAI defaults (threshold 0.85) when the client sets none: a quieter voice is not speech', async () => {
    h = await Harness.start({});
    const c = await h.connect();
    c.append(concat(speech(600, 0.5), silence(800)));
    await h.advance(100);
    expect(c.types()).toEqual(['conversation.created']);
    c.append(concat(speech(600, 0.9), silence(800)));
    await h.run(c.waitFor('input_audio_buffer.speech_stopped'));
    // silence_duration_ms defaults to 500: speech ends at 2000 ms, stopped at 2500.
    expect(c.events('input_audio_buffer.speech_stopped')[0]!.audio_end_ms).toBe(2500);
  });

  it('server.vad.floorDb changes what level counts as speech', async () => {
    h = await Harness.start({ server: { vad: { floorDb: -90 } } });
    const c = await h.connect();
    c.append(concat(speech(600, 0.5), silence(800)));
    await h.run(c.waitFor('input_audio_buffer.speech_stopped'));
  });

  it('§1.6 create_response false: the turn is committed and transcribed but no response starts', async () => {
    const c = await connectWith({}, vad({ create_response: false }));
    c.append(concat(speech(500), silence(400)));
    await h!.run(c.waitFor('conversation.item.input_audio_transcription.completed'));
    await h!.advance(2000);
    expect(c.events('response.created')).toEqual([]);
  });

  it('§4.5 interrupt_response cancels the response in flight on speech (cancelled, reason turn_detected)', async () => {
    const c = await connectWith(
      {
        server: { reply: { transcript: 'A long answer that goes on and on.', audio: { tone: { hz: 220, ms: 5000 } } } },
      },
      vad(),
    );
    c.send({ type: 'response.create' });
    await h!.run(c.waitFor('response.output_audio.delta', 5));
    c.append(concat(speech(400), silence(300)));
    await h!.run(c.waitFor('response.done', 2));
    const [cancelled, next] = c.events('response.done');
    expect(cancelled!.response.status).toBe('cancelled');
    expect(cancelled!.response.status_details).toEqual({ type: 'cancelled', reason: 'turn_detected' });
    expect(cancelled!.response.output[0].status).toBe('incomplete');
    expect(c.types().indexOf('input_audio_buffer.speech_started')).toBeLessThan(c.types().indexOf('response.done'));
    expect(next!.response.status).toBe('completed');
  });

  it('interrupt_response false: the response plays on and the new turn is answered after it', async () => {
    const c = await connectWith(
      { server: { reply: { transcript: 'Long.', audio: { tone: { hz: 220, ms: 3000 } } } } },
      vad({ interrupt_response: false }),
    );
    c.send({ type: 'response.create' });
    await h!.run(c.waitFor('response.output_audio.delta', 2));
    c.append(concat(speech(400), silence(300)));
    await h!.run(c.waitFor('response.done', 2));
    expect(c.events('response.done').map((d) => d.response.status)).toEqual(['completed', 'completed']);
    const types = c.types();
    expect(types.indexOf('response.done')).toBeLessThan(types.lastIndexOf('response.created'));
  });

  it('takes user transcripts in order across turns from a list', async () => {
    const c = await connectWith({ server: { userTranscript: ['First.', 'Second.'] } }, vad({ create_response: false }));
    c.append(concat(speech(300), silence(300), speech(300), silence(300), speech(300), silence(300)));
    await h!.run(c.waitFor('conversation.item.input_audio_transcription.completed', 3));
    expect(c.events('conversation.item.input_audio_transcription.completed').map((e) => e.transcript)).toEqual([
      'First.',
      'Second.',
      'First.',
    ]);
    const items = c.events('conversation.item.added');
    expect(items[1]!.previous_item_id).toBe(items[0]!.item.id);
  });

  it('§9 streams cumulative .updated partials before .completed when transcribing with grok-transcribe', async () => {
    const c = await connectWith(
      { server: { userTranscript: 'Book a table.' } },
      {
        type: 'session.update',
        session: {
          audio: {
            input: {
              transcription: { model: 'grok-transcribe' },
              turn_detection: { ...XAI_DEFAULT_TURN_DETECTION, create_response: false },
            },
          },
        },
      },
    );
    c.append(concat(speech(300), silence(300)));
    await h!.run(c.waitFor('conversation.item.input_audio_transcription.completed'));
    expect(c.events('conversation.item.input_audio_transcription.updated').map((e) => e.transcript)).toEqual([
      'Book ',
      'Book a ',
      'Book a table.',
    ]);
  });

  it('§8.2 with xaiQuirks.transcriptInUserItem the user item already carries its transcript', async () => {
    const c = await connectWith(
      { server: { userTranscript: 'Hi there.', xaiQuirks: { transcriptInUserItem: true } } },
      vad({ create_response: false }),
    );
    c.append(concat(speech(300), silence(300)));
    const added = await h!.run(c.waitFor('conversation.item.added'));
    expect(added.item.content).toEqual([{ type: 'input_audio', transcript: 'Hi there.' }]);
  });

  it('§4.2 step 6 transcriptionDelayMs moves the transcript after response.created', async () => {
    const c = await connectWith({ server: { transcriptionDelayMs: 250 } }, vad());
    c.append(concat(speech(300), silence(300)));
    await h!.run(c.waitFor('conversation.item.input_audio_transcription.completed'));
    const types = c.types();
    expect(types.indexOf('response.created')).toBeLessThan(
      types.indexOf('conversation.item.input_audio_transcription.completed'),
    );
    const [created] = c.timesOf('response.created');
    expect(c.timesOf('conversation.item.input_audio_transcription.completed')[0]! - created!).toBe(250);
  });

  it('§1.6 idle_timeout_ms: nobody speaks after a reply, so timeout_triggered and the model speaks again', async () => {
    const c = await connectWith({}, vad({ idle_timeout_ms: 3000 }));
    c.send({ type: 'response.create' });
    await h!.run(c.waitFor('response.done'));
    const doneAt = c.timesOf('response.done')[0]!;
    await h!.run(c.waitFor('response.created', 2));
    expect(c.timesOf('input_audio_buffer.timeout_triggered')[0]! - doneAt).toBe(3000);
    const t = c.events('input_audio_buffer.timeout_triggered')[0]!;
    expect(t.audio_start_ms).toBe(t.audio_end_ms);
  });

  it('§1.5 reads 16 kHz PCM input and keeps times in milliseconds', async () => {
    const c = await connectWith(
      {},
      {
        type: 'session.update',
        session: {
          audio: {
            input: {
              format: { type: 'audio/pcm', rate: 16000 },
              turn_detection: { ...XAI_DEFAULT_TURN_DETECTION, create_response: false },
            },
          },
        },
      },
    );
    const audio = resamplePcm16(concat(silence(500), speech(500), silence(300)), 24000, 16000);
    c.append(audio, 150); // 150 ms of 24 kHz samples = 225 ms chunks of 16 kHz samples
    await h!.run(c.waitFor('input_audio_buffer.speech_stopped'));
    expect(c.events('input_audio_buffer.speech_started')[0]!.audio_start_ms).toBe(200);
    expect(c.events('input_audio_buffer.speech_stopped')[0]!.audio_end_ms).toBe(1200);
  });

  it('§1.5 reads G.711 µ-law input at 8 kHz', async () => {
    const c = await connectWith(
      {},
      {
        type: 'session.update',
        session: {
          audio: {
            input: {
              format: { type: 'audio/pcmu' },
              turn_detection: { ...XAI_DEFAULT_TURN_DETECTION, create_response: false },
            },
          },
        },
      },
    );
    const pcm8k = resamplePcm16(concat(speech(400), silence(400)), 24000, 8000);
    const mulaw = Buffer.from(Array.from(pcm8k, (s) => mulawEncode(s)));
    c.send({ type: 'input_audio_buffer.append', audio: mulaw.toString('base64') });
    await h!.run(c.waitFor('input_audio_buffer.speech_stopped'));
    expect(c.events('input_audio_buffer.speech_stopped')[0]!.audio_end_ms).toBe(600);
  });
});
