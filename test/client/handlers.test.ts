import { describe, expect, it } from 'vitest';
import type {
  APIError,
  RealtimeModelError,
  AudioFrame,
  ChatMessage,
  FunctionCall,
  GenerationCreatedEvent,
  MessageGeneration,
  RealtimeSession,
} from '../../src/client/index.js';
import { withSession, recordEvents, setup, type Setup } from './peer.js';
import {
  assistantItem,
  audioDelta,
  contentPartAdded,
  functionCallItem,
  itemAdded,
  itemDeleted,
  outputItemAdded,
  outputItemDone,
  playAudioResponse,
  responseCreated,
  responseDone,
  textDelta,
  transcriptDelta,
  transcriptDone,
  userAudioItem,
} from './server-events.js';

/** Opens a session, waits for its first frame, runs `body`, closes. */
function nextGeneration(session: RealtimeSession): Promise<GenerationCreatedEvent> {
  return new Promise((resolve) => session.once('generation_created', resolve));
}

async function collect<T>(stream: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const v of stream) out.push(v);
  return out;
}

async function readMessage(
  m: MessageGeneration,
): Promise<{ id: string; text: string; frames: AudioFrame[]; modalities: string[] }> {
  const [text, frames, modalities] = await Promise.all([collect(m.textStream), collect(m.audioStream), m.modalities]);
  return { id: m.messageId, text: text.join(''), frames, modalities };
}

const settle = (s: Setup) => s.clock.sleep(1);

describe('§5.16 speech events', () => {
  it('§5.16 speech_started emits input_speech_started; speech_stopped says whether transcription is on', async () => {
    const s = setup();
    await withSession(s, async (session) => {
      const events = recordEvents(session, s.clock);
      s.peer.send({ type: 'input_audio_buffer.speech_started', item_id: 'u1', audio_start_ms: 0 });
      s.peer.send({ type: 'input_audio_buffer.speech_stopped', item_id: 'u1', audio_end_ms: 900 });
      await settle(s);
      session.updateOptions({ inputAudioTranscription: null });
      s.peer.send({ type: 'input_audio_buffer.speech_stopped', item_id: 'u1', audio_end_ms: 900 });
      await settle(s);
      const seen = events.filter((e) => e.name.startsWith('input_speech')).map((e) => [e.name, e.payload]);
      expect(seen).toEqual([
        ['input_speech_started', {}],
        ['input_speech_stopped', { userTranscriptionEnabled: true }],
        ['input_speech_stopped', { userTranscriptionEnabled: false }],
      ]);
    });
  });
});

describe('§5.16 a response, end to end', () => {
  it('§4.2 streams text and audio of a message, resolves modalities, emits generation_created, metrics', async () => {
    const s = setup({ latencyMs: 10 });
    await withSession(s, async (session) => {
      const events = recordEvents(session, s.clock);
      const created = nextGeneration(session);
      playAudioResponse(s.peer.current, {
        responseId: 'r1',
        itemId: 'a1',
        deltas: ['Hi ', 'there.'],
        audio: [new Int16Array([1, 2, 3]), new Int16Array([4, 5])],
      });
      const gen = await created;
      expect(gen.userInitiated).toBe(false);
      expect(gen.responseId).toBe('r1');
      const messages = await Promise.all((await collect(gen.messageStream)).map(readMessage));
      expect(messages).toHaveLength(1);
      const [m] = messages;
      expect(m!.id).toBe('a1');
      expect(m!.text).toBe('Hi there.');
      expect(m!.modalities).toEqual(['audio', 'text']);
      expect(m!.frames.map((f) => [Array.from(f.data), f.sampleRate, f.numChannels, f.samplesPerChannel])).toEqual([
        [[1, 2, 3], 24000, 1, 3],
        [[4, 5], 24000, 1, 2],
      ]);
      expect(await collect(gen.functionStream)).toEqual([]);
      expect(events.map((e) => e.name).filter((n) => n === 'generation_created' || n === 'metrics_collected')).toEqual([
        'generation_created',
        'metrics_collected',
      ]);
    });
  });

  it('§5.16 output_item.added ignores items that are not messages', async () => {
    const s = setup();
    await withSession(s, async (session) => {
      const created = nextGeneration(session);
      s.peer.send(responseCreated('r1'));
      s.peer.send(outputItemAdded('r1', functionCallItem('f1', 'c1', 'lookup', '', 'in_progress')));
      s.peer.send(responseDone('r1'));
      const gen = await created;
      expect(await collect(gen.messageStream)).toEqual([]);
    });
  });

  it('§5.16 a text content part resolves modalities to text and logs a warning while audio output is on', async () => {
    const s = setup();
    await withSession(s, async (session) => {
      const created = nextGeneration(session);
      s.peer.send(responseCreated('r1'));
      s.peer.send(outputItemAdded('r1', assistantItem('a1')));
      s.peer.send(contentPartAdded('r1', 'a1', 'text'));
      s.peer.send(responseDone('r1'));
      const gen = await created;
      const [m] = await collect(gen.messageStream);
      expect(await m!.modalities).toEqual(['text']);
      expect(s.logger.lines.some((l) => l.level === 'warn' && l.message.includes('text content part'))).toBe(true);
    });
  });

  it('§5.16 output_item.done closes that message’s streams and resolves modalities to the model’s', async () => {
    const s = setup();
    await withSession(s, async (session) => {
      const created = nextGeneration(session);
      s.peer.send(responseCreated('r1'));
      s.peer.send(outputItemAdded('r1', assistantItem('a1')));
      s.peer.send(transcriptDelta('r1', 'a1', 'x'));
      s.peer.send(outputItemDone('r1', assistantItem('a1', 'completed')));
      const gen = await created;
      const messages = gen.messageStream[Symbol.asyncIterator]();
      const m = (await messages.next()).value as MessageGeneration;
      // These reads would never end if output_item.done did not close the item's streams.
      expect(await collect(m.textStream)).toEqual(['x']);
      expect(await collect(m.audioStream)).toEqual([]);
      expect(await m.modalities).toEqual(['audio']);
      s.peer.send(responseDone('r1'));
      expect((await messages.next()).done).toBe(true);
    });
  });

  it('§5.16 output_item.done of a function call pushes a FunctionCall with a fresh item id', async () => {
    const s = setup();
    await withSession(s, async (session) => {
      const created = nextGeneration(session);
      s.peer.send(responseCreated('r1'));
      s.peer.send(outputItemAdded('r1', functionCallItem('srv_f1', 'call_1', 'lookup', '', 'in_progress')));
      s.peer.send(outputItemDone('r1', functionCallItem('srv_f1', 'call_1', 'lookup', '{"q":"x"}')));
      s.peer.send(responseDone('r1'));
      const gen = await created;
      const calls: FunctionCall[] = await collect(gen.functionStream);
      expect(calls).toHaveLength(1);
      expect(calls[0]).toMatchObject({ type: 'function_call', callId: 'call_1', name: 'lookup', args: '{"q":"x"}' });
      expect(calls[0]!.id).toMatch(/^item_[0-9a-f]{12}$/);
    });
  });

  it('a function call that ended incomplete (cut while its arguments streamed) never reaches the stream', async () => {
    const s = setup();
    await withSession(s, async (session) => {
      const created = nextGeneration(session);
      s.peer.send(responseCreated('r1'));
      s.peer.send(outputItemAdded('r1', functionCallItem('srv_f1', 'call_1', 'lookup', '', 'in_progress')));
      s.peer.send(outputItemDone('r1', functionCallItem('srv_f1', 'call_1', 'lookup', '{"q":"we', 'incomplete')));
      s.peer.send(outputItemAdded('r1', functionCallItem('srv_f2', 'call_2', 'lookup', '', 'in_progress'), 1));
      s.peer.send(outputItemDone('r1', functionCallItem('srv_f2', 'call_2', 'lookup', '{"q":"x"}'), 1));
      s.peer.send(responseDone('r1', { status: 'cancelled' }));
      const gen = await created;
      const calls: FunctionCall[] = await collect(gen.functionStream);
      expect(calls.map((c) => c.callId)).toEqual(['call_2']);
      expect(s.logger.lines.some((l) => l.level === 'warn' && l.message.includes('ended incomplete'))).toBe(true);
    });
  });

  it('a repeated output_item.done of one call sends it to the function stream once', async () => {
    const s = setup();
    await withSession(s, async (session) => {
      const created = nextGeneration(session);
      s.peer.send(responseCreated('r1'));
      s.peer.send(outputItemDone('r1', functionCallItem('srv_f1', 'call_1', 'lookup', '{}')));
      s.peer.send(outputItemDone('r1', functionCallItem('srv_f1', 'call_1', 'lookup', '{}')));
      s.peer.send(responseDone('r1'));
      const calls: FunctionCall[] = await collect((await created).functionStream);
      expect(calls.map((c) => c.callId)).toEqual(['call_1']);
    });
  });

  it('a late response.done of an older response leaves the newer in flight; the newer still gets metrics', async () => {
    const s = setup();
    await withSession(s, async (session) => {
      const metrics: string[] = [];
      session.on('metrics_collected', (m) => metrics.push(m.requestId));
      const second = new Promise<GenerationCreatedEvent>((resolve) => {
        let n = 0;
        session.on('generation_created', (g) => {
          if (++n === 2) resolve(g);
        });
      });
      s.peer.send(responseCreated('r1'));
      s.peer.send(responseCreated('r2'));
      s.peer.send(responseDone('r1'));
      s.peer.send(outputItemAdded('r2', assistantItem('a2')));
      s.peer.send(outputItemDone('r2', assistantItem('a2', 'completed')));
      s.peer.send(responseDone('r2'));
      const g = await second;
      expect((await collect(g.messageStream)).map((m) => m.messageId)).toEqual(['a2']);
      await s.clock.sleep(1);
      expect(metrics).toEqual(['r2']);
    });
  });

  it('§5.16 output_item.done of a call completes the mirror item that item.added left without arguments', async () => {
    const s = setup();
    await withSession(s, async (session) => {
      const created = nextGeneration(session);
      s.peer.send(responseCreated('r1'));
      const inProgress = functionCallItem('srv_f1', 'call_1', 'lookup', '', 'in_progress');
      s.peer.send(outputItemAdded('r1', inProgress));
      s.peer.send(itemAdded(inProgress, null));
      s.peer.send(outputItemDone('r1', functionCallItem('srv_f1', 'call_1', 'lookup', '{"q":"x"}')));
      s.peer.send(responseDone('r1'));
      await collect((await created).functionStream);
      expect(session.chatCtx.toJSON().items).toEqual([
        { type: 'function_call', id: 'srv_f1', callId: 'call_1', name: 'lookup', args: '{"q":"x"}' },
      ]);
    });
  });

  it('§5.16 a repeated output_item.added keeps the first message, so response.done ends the generation', async () => {
    const s = setup();
    await withSession(s, async (session) => {
      const created = nextGeneration(session);
      s.peer.send(responseCreated('r1'));
      s.peer.send(outputItemAdded('r1', assistantItem('a1')));
      s.peer.send(outputItemAdded('r1', assistantItem('a1')));
      s.peer.send(transcriptDelta('r1', 'a1', 'Hi.'));
      s.peer.send(responseDone('r1'));
      const gen = await created;
      const texts: string[] = [];
      for await (const m of gen.messageStream) texts.push((await collect(m.textStream)).join(''));
      expect(texts).toEqual(['Hi.']);
    });
  });

  it('§8.1 a transcript.done that arrives after response.done does not add the transcript again', async () => {
    const s = setup();
    await withSession(s, async (session) => {
      const created = nextGeneration(session);
      s.peer.send(responseCreated('r1'));
      s.peer.send(outputItemAdded('r1', assistantItem('a1')));
      s.peer.send(itemAdded(assistantItem('a1'), null));
      s.peer.send(transcriptDelta('r1', 'a1', 'Hi.'));
      s.peer.send(responseDone('r1'));
      s.peer.send(transcriptDone('r1', 'a1', 'Hi.'));
      await created;
      await s.clock.sleep(1);
      expect(session.chatCtx.toJSON().items).toMatchObject([{ id: 'a1', content: ['Hi.'] }]);
    });
  });

  it('§5.16 the first audio delta sets TTFT; transcript deltas never do', async () => {
    const s = setup();
    await withSession(s, async (session) => {
      const metrics = new Promise<import('../../src/client/index.js').RealtimeModelMetrics>((resolve) =>
        session.once('metrics_collected', resolve),
      );
      s.peer.send(responseCreated('r1'));
      s.peer.send(outputItemAdded('r1', assistantItem('a1')));
      s.peer.send(transcriptDelta('r1', 'a1', 'x'));
      await s.clock.sleep(300);
      s.peer.send(audioDelta('r1', 'a1', new Int16Array(10)));
      await s.clock.sleep(200);
      s.peer.send(audioDelta('r1', 'a1', new Int16Array(10)));
      s.peer.send(responseDone('r1'));
      const m = await metrics;
      expect(m.ttft).toBe(0.3);
      expect(m.duration).toBe(0.5);
    });
  });

  it('§5.16 response.done with no response in flight is ignored', async () => {
    const s = setup();
    await withSession(s, async (session) => {
      const events = recordEvents(session, s.clock);
      s.peer.send(responseDone('stray'));
      await settle(s);
      expect(events.filter((e) => e.name === 'metrics_collected')).toEqual([]);
      expect(s.logger.lines.filter((l) => l.level === 'error')).toEqual([]);
    });
  });

  it(
    '§5.16 a delta for an unknown item is a recoverable error; the response in flight ends, ' +
      'its later frames are dropped, its response.done still gives metrics',
    async () => {
      const s = setup();
      await withSession(s, async (session) => {
        const events = recordEvents(session, s.clock);
        s.peer.send(audioDelta('r0', 'nobody', new Int16Array(2)));
        s.peer.send(responseCreated('r1'));
        s.peer.send(outputItemAdded('r1', assistantItem('a1')));
        s.peer.send(transcriptDelta('r1', 'nobody', 'x'));
        s.peer.send(transcriptDelta('r1', 'a1', 'late'));
        s.peer.send(responseDone('r1'));
        await settle(s);
        const errors = events.filter((e) => e.name === 'error').map((e) => e.payload as RealtimeModelError);
        expect(errors.map((e) => [e.recoverable, (e.error as APIError).code])).toEqual([
          [true, 'RTSIM_CLIENT_EVENT_FAILED'],
          [true, 'RTSIM_CLIENT_EVENT_FAILED'],
        ]);
        expect(errors[0]!.error.message).toBe(
          '[rt-sim] could not handle server event response.output_audio.delta: response.output_audio.delta: ' +
            'expected a response in flight, got none',
        );
        expect(errors[1]!.error.message).toContain('unknown item "nobody"');
        const failures = s.logger.lines.filter((l) => l.message === 'failed to handle event');
        expect(failures.map((l) => l.fields?.['type'])).toEqual([
          'response.output_audio.delta',
          'response.output_audio_transcript.delta',
        ]);
        expect(events.filter((e) => e.name === 'metrics_collected')).toHaveLength(1);
      });
    },
  );

  it(
    '§5.16 a response.created without response.id is an error naming the field; ' +
      'the frames of that response that follow are dropped quietly',
    async () => {
      const s = setup();
      await withSession(s, async (session) => {
        const events = recordEvents(session, s.clock);
        s.peer.send({ type: 'response.created', response: { status: 'in_progress' } });
        s.peer.send(outputItemAdded('r1', assistantItem('a1')));
        s.peer.send(transcriptDelta('r1', 'a1', 'x'));
        s.peer.send(responseDone('r1'));
        await settle(s);
        const errors = events.filter((e) => e.name === 'error').map((e) => e.payload as RealtimeModelError);
        expect(errors).toHaveLength(1);
        expect((errors[0]!.error as APIError).code).toBe('RTSIM_CLIENT_EVENT_UNREADABLE');
        expect(errors[0]!.error.message).toBe(
          '[rt-sim] could not handle server event response.created: response.created: expected field ' +
            '"response.id" to be a string, got none',
        );
        expect(events.filter((e) => e.name === 'generation_created')).toEqual([]);
        expect(events.filter((e) => e.name === 'metrics_collected')).toHaveLength(1);
      });
    },
  );

  it('§5.16 ignored types are only emitted raw, every frame first', async () => {
    const s = setup();
    await withSession(s, async (session) => {
      const events = recordEvents(session, s.clock);
      for (const type of [
        'session.created',
        'session.updated',
        'conversation.created',
        'ping',
        'rate_limits.updated',
        'response.function_call_arguments.done',
        'x.unknown',
      ]) {
        s.peer.send({ type });
      }
      await settle(s);
      expect(events.map((e) => e.name)).toEqual(Array(7).fill('openai_server_event_received'));
      expect((events[6]!.payload as Record<string, unknown>)['type']).toBe('x.unknown');
      expect(s.logger.lines.filter((l) => l.level === 'error')).toEqual([]);
    });
  });
});

describe('§8.5 fix: text deltas under the xAI name', () => {
  it('§8.5 response.text.delta goes to the text stream like response.output_text.delta', async () => {
    const s = setup();
    await withSession(s, async (session) => {
      const created = nextGeneration(session);
      s.peer.send(responseCreated('r1'));
      s.peer.send(outputItemAdded('r1', assistantItem('a1')));
      s.peer.send(itemAdded(assistantItem('a1')));
      s.peer.send(textDelta('r1', 'a1', 'Hello ', 'response.text.delta'));
      s.peer.send(textDelta('r1', 'a1', 'world', 'response.output_text.delta'));
      s.peer.send({
        type: 'response.text.done',
        response_id: 'r1',
        item_id: 'a1',
        output_index: 0,
        content_index: 0,
        text: 'Hello world',
      });
      s.peer.send(responseDone('r1'));
      const gen = await created;
      const [m] = await Promise.all((await collect(gen.messageStream)).map(readMessage));
      expect(m!.text).toBe('Hello world');
      // No transcript.done came: the accumulated deltas reach the mirror at response.done.
      expect((session.chatCtx.items[0] as ChatMessage).content).toEqual(['Hello world']);
    });
  });

  it('§5.16 with text-only output the first text delta sets TTFT and the audio stream is closed at once', async () => {
    const s = setup({ modalities: ['text'] });
    await withSession(s, async (session) => {
      const created = nextGeneration(session);
      const metrics = new Promise<import('../../src/client/index.js').RealtimeModelMetrics>((resolve) =>
        session.once('metrics_collected', resolve),
      );
      s.peer.send(responseCreated('r1'));
      s.peer.send(outputItemAdded('r1', assistantItem('a1')));
      await s.clock.sleep(250);
      s.peer.send(textDelta('r1', 'a1', 'Hi', 'response.text.delta'));
      s.peer.send(responseDone('r1'));
      const gen = await created;
      const [m] = await Promise.all((await collect(gen.messageStream)).map(readMessage));
      expect(m).toMatchObject({ text: 'Hi', frames: [], modalities: ['text'] });
      expect((await metrics).ttft).toBe(0.25);
      const update = s.peer.ofType('session.update')[0]!.event['session'] as Record<string, unknown>;
      expect(update['output_modalities']).toEqual(['text']);
    });
  });
});

describe('§8.1 fix: one assistant transcript in the mirror', () => {
  it('§8.1 transcript.done appends the transcript once; response.done does not append the deltas again', async () => {
    const s = setup();
    await withSession(s, async (session) => {
      playAudioResponse(s.peer.current, { responseId: 'r1', itemId: 'a1', deltas: ['Hel', 'lo.'] });
      await settle(s);
      const item = session.chatCtx.items[0] as ChatMessage;
      expect(item.content).toEqual(['Hello.']);
      expect(item.textContent).toBe('Hello.');
    });
  });

  it('§8.1 without transcript.done the accumulated deltas are appended at response.done', async () => {
    const s = setup();
    await withSession(s, async (session) => {
      playAudioResponse(s.peer.current, { responseId: 'r1', itemId: 'a1', deltas: ['Hel', 'lo.'], transcript: null });
      await settle(s);
      expect((session.chatCtx.items[0] as ChatMessage).content).toEqual(['Hello.']);
    });
  });

  it('§8.1 a message with no transcript at all gets no empty string', async () => {
    const s = setup();
    await withSession(s, async (session) => {
      playAudioResponse(s.peer.current, { responseId: 'r1', itemId: 'a1', deltas: [], transcript: null });
      await settle(s);
      expect((session.chatCtx.items[0] as ChatMessage).content).toEqual([]);
    });
  });

  it('§5.16 transcript.done for an item not in the mirror changes nothing', async () => {
    const s = setup();
    await withSession(s, async (session) => {
      s.peer.send(responseCreated('r1'));
      s.peer.send(transcriptDone('r1', 'ghost', 'boo'));
      s.peer.send(responseDone('r1'));
      await settle(s);
      expect(session.chatCtx.items).toEqual([]);
    });
  });
});

describe('§5.16 input transcription and §8.2 fix', () => {
  it('§5.16 .completed adds the transcript to the mirror item and emits is_final true', async () => {
    const s = setup();
    await withSession(s, async (session) => {
      const events = recordEvents(session, s.clock);
      s.peer.send(itemAdded(userAudioItem('u1')));
      s.peer.send({
        type: 'conversation.item.input_audio_transcription.completed',
        item_id: 'u1',
        content_index: 0,
        transcript: 'hi there',
      });
      await settle(s);
      expect((session.chatCtx.items[0] as ChatMessage).content).toEqual(['hi there']);
      expect(events.filter((e) => e.name === 'input_audio_transcription_completed').map((e) => e.payload)).toEqual([
        { itemId: 'u1', transcript: 'hi there', isFinal: true },
      ]);
    });
  });

  it('§8.2 a user item that already holds the transcript is not given a second copy', async () => {
    const s = setup();
    await withSession(s, async (session) => {
      s.peer.send(itemAdded(userAudioItem('u1', 'hi there')));
      s.peer.send({
        type: 'conversation.item.input_audio_transcription.completed',
        item_id: 'u1',
        content_index: 0,
        transcript: 'hi there',
      });
      await settle(s);
      expect((session.chatCtx.items[0] as ChatMessage).content).toEqual(['hi there']);
    });
  });

  it('§8.2 a re-sent .completed replaces the transcript; in_progress is an interim; one final per item', async () => {
    const s = setup();
    await withSession(s, async (session) => {
      const events = recordEvents(session, s.clock);
      s.peer.send(itemAdded(userAudioItem('u1')));
      const completed = (transcript: string, status?: string) =>
        s.peer.send({
          type: 'conversation.item.input_audio_transcription.completed',
          item_id: 'u1',
          transcript,
          ...(status ? { status } : {}),
        });
      completed('hi', 'in_progress');
      completed('hi there', 'completed');
      completed('hi there you');
      await settle(s);
      expect((session.chatCtx.items[0] as ChatMessage).content).toEqual(['hi there you']);
      expect(events.filter((e) => e.name === 'input_audio_transcription_completed').map((e) => e.payload)).toEqual([
        { itemId: 'u1', transcript: 'hi', isFinal: false },
        { itemId: 'u1', transcript: 'hi there', isFinal: true },
      ]);
    });
  });

  it('§8.2 with userTranscripts "reference" every .completed is emitted and .updated is ignored', async () => {
    const s = setup({ userTranscripts: 'reference' });
    await withSession(s, async (session) => {
      const events = recordEvents(session, s.clock);
      s.peer.send(itemAdded(userAudioItem('u1')));
      s.peer.send({ type: 'conversation.item.input_audio_transcription.updated', item_id: 'u1', transcript: 'hi' });
      s.peer.send({
        type: 'conversation.item.input_audio_transcription.completed',
        item_id: 'u1',
        transcript: 'hi there',
      });
      s.peer.send({
        type: 'conversation.item.input_audio_transcription.completed',
        item_id: 'u1',
        transcript: 'hi there you',
      });
      await settle(s);
      expect((session.chatCtx.items[0] as ChatMessage).content).toEqual(['hi there you']);
      expect(events.filter((e) => e.name === 'input_audio_transcription_completed').map((e) => e.payload)).toEqual([
        { itemId: 'u1', transcript: 'hi there', isFinal: true },
        { itemId: 'u1', transcript: 'hi there you', isFinal: true },
      ]);
    });
  });

  it('§5.16 .completed for an item not in the mirror is still emitted', async () => {
    const s = setup();
    await withSession(s, async (session) => {
      const events = recordEvents(session, s.clock);
      s.peer.send({
        type: 'conversation.item.input_audio_transcription.completed',
        item_id: 'ghost',
        transcript: 'boo',
      });
      await settle(s);
      expect(events.find((e) => e.name === 'input_audio_transcription_completed')?.payload).toEqual({
        itemId: 'ghost',
        transcript: 'boo',
        isFinal: true,
      });
    });
  });

  it('§5.16 .failed is logged; .delta is ignored', async () => {
    const s = setup();
    await withSession(s, async (session) => {
      const events = recordEvents(session, s.clock);
      s.peer.send({
        type: 'conversation.item.input_audio_transcription.failed',
        item_id: 'u1',
        error: { message: 'bad audio' },
      });
      s.peer.send({ type: 'conversation.item.input_audio_transcription.delta', item_id: 'u1', delta: 'h' });
      await settle(s);
      expect(events.map((e) => e.name)).toEqual(Array(2).fill('openai_server_event_received'));
      expect(s.logger.lines.filter((l) => l.level === 'error').map((l) => l.message)).toEqual([
        'input audio transcription failed',
      ]);
    });
  });
});

describe('§5.16 conversation items', () => {
  it('§5.16 conversation.item.added converts and links items; the beta .created alias adds nothing twice', async () => {
    const s = setup();
    await withSession(s, async (session) => {
      s.peer.send(itemAdded(userAudioItem('u1', 'hello')));
      s.peer.send({ type: 'conversation.item.created', previous_item_id: null, item: userAudioItem('u1', 'hello') });
      s.peer.send(itemAdded(functionCallItem('f1', 'c1', 'lookup', '{}'), 'u1'));
      s.peer.send(itemAdded({ id: 'o1', type: 'function_call_output', call_id: 'c1', output: 'sunny' }, 'f1'));
      s.peer.send({ type: 'conversation.item.created', previous_item_id: 'o1', item: assistantItem('a1') });
      await settle(s);
      expect(session.chatCtx.toJSON().items).toEqual([
        { type: 'message', id: 'u1', role: 'user', content: ['hello'] },
        { type: 'function_call', id: 'f1', callId: 'c1', name: 'lookup', args: '{}' },
        { type: 'function_call_output', id: 'o1', callId: 'c1', name: '', output: 'sunny', isError: false },
        { type: 'message', id: 'a1', role: 'assistant', content: [] },
      ]);
      expect(s.logger.lines.filter((l) => l.level === 'warn')).toEqual([]);
    });
  });

  it('§5.16 a .added sent twice for an item in the mirror is a copy: added once, no warning', async () => {
    const s = setup();
    await withSession(s, async (session) => {
      s.peer.send(itemAdded(userAudioItem('u1', 'hello')));
      s.peer.send(itemAdded(userAudioItem('u2', 'there'), 'u1'));
      s.peer.send(itemAdded(userAudioItem('u1', 'hello')));
      await settle(s);
      expect(session.chatCtx.items.map((i) => i.id)).toEqual(['u1', 'u2']);
      expect(s.logger.lines.filter((l) => l.level === 'warn')).toEqual([]);
    });
  });

  it('§8.3 fix: previous_item_id null on a non-empty mirror appends instead of reversing the order', async () => {
    const s = setup();
    await withSession(s, async (session) => {
      for (const id of ['u1', 'a1', 'u2']) s.peer.send(itemAdded(userAudioItem(id, id)));
      await settle(s);
      expect(session.chatCtx.items.map((i) => i.id)).toEqual(['u1', 'a1', 'u2']);
    });
  });

  it('§5.16 an unknown previous_item_id or unsupported item type is a warning and the item is left out', async () => {
    const s = setup();
    await withSession(s, async (session) => {
      s.peer.send(itemAdded(userAudioItem('u1', 'x'), 'nowhere'));
      s.peer.send(itemAdded({ id: 'fm', type: 'some_future_item', content: [] } as never));
      await settle(s);
      expect(session.chatCtx.items).toEqual([]);
      expect(s.logger.lines.filter((l) => l.level === 'warn').map((l) => l.message)).toEqual([
        'item not added to the mirror',
        'item not added to the mirror',
      ]);
    });
  });

  it('§5.16 conversation.item.deleted removes the item; an unknown id is a warning', async () => {
    const s = setup();
    await withSession(s, async (session) => {
      s.peer.send(itemAdded(userAudioItem('u1', 'x')));
      s.peer.send(itemAdded(userAudioItem('u2', 'y')));
      s.peer.send(itemDeleted('u1'));
      s.peer.send(itemDeleted('ghost'));
      await settle(s);
      expect(session.chatCtx.items.map((i) => i.id)).toEqual(['u2']);
      expect(s.logger.lines.filter((l) => l.level === 'warn').map((l) => l.message)).toEqual([
        'deleted item not in the mirror',
      ]);
    });
  });

  it('§5.15 chatCtx is built over the mirror’s own item objects', async () => {
    const s = setup();
    await withSession(s, async (session) => {
      s.peer.send(itemAdded(userAudioItem('u1')));
      await settle(s);
      const before = session.chatCtx.items[0];
      s.peer.send({
        type: 'conversation.item.input_audio_transcription.completed',
        item_id: 'u1',
        transcript: 'later',
      });
      await settle(s);
      expect((before as ChatMessage).content).toEqual(['later']);
      expect(session.chatCtx.items[0]).toBe(before);
    });
  });
});

describe('§8.8 fix: a newer response ends the unfinished one', () => {
  it('§8.8 response.created while a response is in flight closes the old streams', async () => {
    const s = setup();
    await withSession(s, async (session) => {
      const first = nextGeneration(session);
      s.peer.send(responseCreated('r1'));
      s.peer.send(outputItemAdded('r1', assistantItem('a1')));
      s.peer.send(transcriptDelta('r1', 'a1', 'cut'));
      const g1 = await first;
      const second = nextGeneration(session);
      s.peer.send(responseCreated('r2'));
      const g2 = await second;
      const [m] = await Promise.all((await collect(g1.messageStream)).map(readMessage));
      expect(m).toMatchObject({ id: 'a1', text: 'cut', modalities: ['audio'] });
      expect(g2.responseId).toBe('r2');
      s.peer.send(responseDone('r2'));
      expect(await collect(g2.messageStream)).toEqual([]);
      expect(s.logger.lines.some((l) => l.message.includes('ending the old one'))).toBe(true);
    });
  });
});

describe('a repeated response.created of the response in flight (found by rt-sim fuzz)', () => {
  it('is ignored: the response keeps its one generation and its streams', async () => {
    const s = setup();
    await withSession(s, async (session) => {
      const created: GenerationCreatedEvent[] = [];
      session.on('generation_created', (g) => created.push(g));
      const first = nextGeneration(session);
      s.peer.send(responseCreated('r1'));
      const g1 = await first;
      s.peer.send(responseCreated('r1'));
      s.peer.send(outputItemAdded('r1', assistantItem('a1')));
      s.peer.send(transcriptDelta('r1', 'a1', 'kept'));
      s.peer.send(responseDone('r1'));
      const [m] = await Promise.all((await collect(g1.messageStream)).map(readMessage));
      expect(m).toMatchObject({ id: 'a1', text: 'kept' });
      expect(created.map((g) => g.responseId)).toEqual(['r1']);
      expect(s.logger.lines.some((l) => l.message.includes('response.created repeated'))).toBe(true);
    });
  });
});
