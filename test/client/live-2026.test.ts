/**
 * The client against frames in the shapes live 2026 xAI sessions send
 * (test/fixtures/xai-live-2026.json), sent exactly as they are, and against frames it
 * cannot handle: it must complete the reply, or fail it loudly, never hang.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type {
  APIError,
  AudioFrame,
  GenerationCreatedEvent,
  MessageGeneration,
  RealtimeModelError,
  RealtimeModelMetrics,
  RealtimeSession,
} from '../../src/client/index.js';
import { GENERATE_REPLY_TIMEOUT_MS } from '../../src/client/index.js';
import { recordEvents, setup, withSession, type Setup } from './peer.js';
import { assistantItem, audioDelta, outputItemAdded, responseCreated } from './server-events.js';

interface Fixture {
  turn: Record<string, unknown>[];
}

const fixture = JSON.parse(readFileSync(new URL('../fixtures/xai-live-2026.json', import.meta.url), 'utf8')) as Fixture;

/** Sends frames as text, untouched (no event_id filled in). */
function sendRaw(s: Setup, frames: readonly Record<string, unknown>[]): void {
  for (const frame of frames) s.peer.current.sendText(JSON.stringify(frame));
}

async function collect<T>(stream: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const v of stream) out.push(v);
  return out;
}

async function readGeneration(
  g: GenerationCreatedEvent,
): Promise<{ text: string; samples: number; functions: number }[]> {
  const [messages, functions] = await Promise.all([collect(g.messageStream), collect(g.functionStream)]);
  return Promise.all(
    messages.map(async (m: MessageGeneration) => {
      const [text, frames] = await Promise.all([collect(m.textStream), collect(m.audioStream)]);
      return {
        text: text.join(''),
        samples: frames.reduce((n: number, f: AudioFrame) => n + f.samplesPerChannel, 0),
        functions: functions.length,
      };
    }),
  );
}

function nextGeneration(session: RealtimeSession): Promise<GenerationCreatedEvent> {
  return new Promise((resolve) => session.once('generation_created', resolve));
}

describe('a voice turn in the live 2026 shapes', () => {
  it('completes the generation with audio and text, reports top-level usage with xAI extras, no error', async () => {
    const s = setup();
    await withSession(s, async (session) => {
      const events = recordEvents(session, s.clock);
      const generation = nextGeneration(session);
      sendRaw(s, fixture.turn);
      const read = await readGeneration(await generation);
      await s.clock.sleep(1);
      // Two audio deltas of 100 ms each at 24 kHz.
      const sent = fixture.turn.filter((f) => f['type'] === 'response.output_audio.delta');
      expect(sent.reduce((n, f) => n + Buffer.from(String(f['delta']), 'base64').length / 2, 0)).toBe(4800);
      expect(read).toEqual([{ text: 'Sunny and warm.', samples: 4800, functions: 0 }]);
      const metrics = events
        .filter((e) => e.name === 'metrics_collected')
        .map((e) => e.payload as RealtimeModelMetrics);
      expect(metrics).toHaveLength(1);
      expect(metrics[0]).toMatchObject({
        requestId: 'a3561c1d-4dbe-4dd6-ac9f-40ee3b7c6720',
        cancelled: false,
        totalTokens: 412,
        inputTokens: 371,
        outputTokens: 41,
        inputTokenDetails: { textTokens: 298, audioTokens: 73, grokTokens: 0 },
        outputTokenDetails: { textTokens: 12, audioTokens: 29, grokTokens: 0 },
        outputAudioSeconds: 1.44,
        billableAudioSeconds: 3,
      });
      expect(events.filter((e) => e.name === 'error')).toEqual([]);
      expect(s.logger.lines.filter((l) => l.level === 'error' || l.level === 'warn')).toEqual([]);
      expect(session.chatCtx.items.map((i) => (i.type === 'message' ? [i.role, i.content] : [i.type]))).toEqual([
        ['user', ['What is the weather like?']],
        ['assistant', ['Sunny and warm.']],
      ]);
    });
  });

  it('emits the cumulative .updated transcripts as interims and exactly one final from .completed', async () => {
    const s = setup();
    await withSession(s, async (session) => {
      const events = recordEvents(session, s.clock);
      sendRaw(s, fixture.turn);
      await s.clock.sleep(1);
      expect(events.filter((e) => e.name === 'input_audio_transcription_completed').map((e) => e.payload)).toEqual([
        { itemId: 'cd7ad592-7510-48c5-a0ac-f435b16bf129', transcript: 'What is', isFinal: false },
        { itemId: 'cd7ad592-7510-48c5-a0ac-f435b16bf129', transcript: 'What is the weather', isFinal: false },
        { itemId: 'cd7ad592-7510-48c5-a0ac-f435b16bf129', transcript: 'What is the weather like?', isFinal: true },
      ]);
    });
  });

  it('keeps the nested usage when it has figures, filling only what it lacks from the top level', async () => {
    const s = setup();
    await withSession(s, async (session) => {
      const metrics = new Promise<RealtimeModelMetrics>((resolve) => session.once('metrics_collected', resolve));
      const done = fixture.turn.at(-1)!;
      const nested = { ...(done['response'] as Record<string, unknown>), usage: { total_tokens: 7, output_tokens: 5 } };
      sendRaw(s, [...fixture.turn.slice(0, -1), { ...done, response: nested }]);
      const m = await metrics;
      expect([m.totalTokens, m.outputTokens, m.inputTokens, m.outputAudioSeconds]).toEqual([7, 5, 371, 1.44]);
    });
  });
});

describe('a frame the client cannot handle fails the reply loudly, never hangs', () => {
  it('an audio delta with a number for delta: an error event; the generation ends in the reply timeout', async () => {
    const s = setup();
    await withSession(s, async (session) => {
      const errors: RealtimeModelError[] = [];
      session.on('error', (e) => errors.push(e));
      const start = s.clock.now();
      const reply = session.generateReply();
      const create = await s.peer.waitFor('response.create');
      const eventId = String(create.event['event_id']);
      s.peer.send(responseCreated('r1', { client_event_id: eventId }));
      s.peer.send(outputItemAdded('r1', assistantItem('a1')));
      s.peer.send(audioDelta('r1', 'a1', new Int16Array(4)));
      s.peer.send({
        type: 'response.output_audio.delta',
        response_id: 'r1',
        item_id: 'a1',
        output_index: 0,
        content_index: 0,
        delta: 42,
      });
      const generation = await reply;
      const read = await readGeneration(generation);
      expect(read).toEqual([{ text: '', samples: 4, functions: 0 }]);
      expect(s.clock.now() - start).toBeLessThan(GENERATE_REPLY_TIMEOUT_MS);
      expect(errors).toHaveLength(1);
      expect(errors[0]!.recoverable).toBe(true);
      expect((errors[0]!.error as APIError).code).toBe('RTSIM_CLIENT_EVENT_UNREADABLE');
      expect(errors[0]!.error.message).toBe(
        '[rt-sim] could not handle server event response.output_audio.delta: response.output_audio.delta: ' +
          'expected field "delta" to be a string, got the number 42',
      );
    });
  });

  it('a response.created without response.id fails the generateReply it answers at once, with the error', async () => {
    const s = setup();
    await withSession(s, async (session) => {
      const errors: RealtimeModelError[] = [];
      session.on('error', (e) => errors.push(e));
      const start = s.clock.now();
      const reply = session.generateReply().then(
        () => 'resolved',
        (e: unknown) => e,
      );
      const create = await s.peer.waitFor('response.create');
      s.peer.send({
        type: 'response.created',
        response: { status: 'in_progress', metadata: { client_event_id: create.event['event_id'] } },
      });
      const outcome = await reply;
      expect(s.clock.now() - start).toBeLessThan(GENERATE_REPLY_TIMEOUT_MS);
      expect(outcome).toBe(errors[0]?.error);
      expect((outcome as APIError).code).toBe('RTSIM_CLIENT_EVENT_UNREADABLE');
    });
  });

  it('a bad audio payload (not base64) ends the generation with an error naming the frame', async () => {
    const s = setup();
    await withSession(s, async (session) => {
      const errors: RealtimeModelError[] = [];
      session.on('error', (e) => errors.push(e));
      const generation = nextGeneration(session);
      s.peer.send(responseCreated('r1'));
      s.peer.send(outputItemAdded('r1', assistantItem('a1')));
      s.peer.send({ type: 'response.output_audio.delta', response_id: 'r1', item_id: 'a1', delta: '%%%' });
      await readGeneration(await generation);
      expect(
        errors.map((e) => [(e.error as APIError).code, e.error.message.includes('response.output_audio.delta')]),
      ).toEqual([['RTSIM_CLIENT_EVENT_FAILED', true]]);
    });
  });
});
