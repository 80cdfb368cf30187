import { describe, expect, it } from 'vitest';
import { RealtimeError, type GenerationCreatedEvent, type RealtimeSession } from '../../src/client/index.js';
import { withSession, recordEvents, run, setup, type Setup } from './peer.js';
import {
  assistantItem,
  itemAdded,
  outputItemAdded,
  playAudioResponse,
  responseCreated,
  responseDone,
} from './server-events.js';

describe('§5.8 generateReply', () => {
  it('§2.8 sends response.create with null instructions and metadata.client_event_id = its event_id', async () => {
    const s = setup();
    await withSession(s, async (session) => {
      session.generateReply().catch(() => {});
      session.generateReply('').catch(() => {});
      session.generateReply('Be brief.').catch(() => {});
      await s.peer.waitFor('response.create', 3);
      const creates = s.peer.ofType('response.create').map((f) => f.event);
      for (const c of creates) {
        expect(String(c['event_id'])).toMatch(/^response_create_[0-9a-f]{12}$/);
        expect(Object.keys(c).sort()).toEqual(['event_id', 'response', 'type']);
      }
      expect(creates.map((c) => c['response'])).toEqual([
        { instructions: null, metadata: { client_event_id: creates[0]!['event_id'] } },
        { instructions: null, metadata: { client_event_id: creates[1]!['event_id'] } },
        { instructions: 'Be brief.', metadata: { client_event_id: creates[2]!['event_id'] } },
      ]);
    });
  });

  it('§5.8 the echoed client_event_id resolves the call, userInitiated true; generation_created follows', async () => {
    const s = setup({ latencyMs: 25 });
    await withSession(s, async (session) => {
      const emitted: GenerationCreatedEvent[] = [];
      session.on('generation_created', (g) => emitted.push(g));
      const reply = session.generateReply('hi');
      const create = await s.peer.waitFor('response.create');
      playAudioResponse(s.peer.current, {
        responseId: 'r1',
        itemId: 'a1',
        metadata: { client_event_id: String(create.event['event_id']) },
      });
      const gen = await reply;
      expect(gen.userInitiated).toBe(true);
      expect(gen.responseId).toBe('r1');
      expect(emitted).toEqual([gen]);
      // Open at 50 ms; the update reaches the peer at 75, the request at 100, the answer the client at 125.
      expect(s.clock.now()).toBe(125);
    });
  });

  it('§5.8 without the echo the call fails after 5 s with "generate_reply timed out"', async () => {
    const s = setup();
    await withSession(s, async (session) => {
      const start = s.clock.now();
      const error = await session.generateReply().catch((e: unknown) => e);
      expect(s.clock.now() - start).toBe(5000);
      expect(error).toBeInstanceOf(RealtimeError);
      expect((error as RealtimeError).code).toBe('RTSIM_CLIENT_TIMEOUT');
      expect((error as Error).message).toContain('generate_reply timed out');
    });
  });

  it('§5.8 a response.created after the timeout is server-initiated and logs a warning', async () => {
    const s = setup();
    await withSession(s, async (session) => {
      const reply = session.generateReply().catch((e: unknown) => e);
      const create = await s.peer.waitFor('response.create');
      await reply;
      const created = new Promise<GenerationCreatedEvent>((resolve) => session.once('generation_created', resolve));
      s.peer.send(responseCreated('r1', { client_event_id: String(create.event['event_id']) }));
      expect((await created).userInitiated).toBe(false);
      expect(
        s.logger.lines.some((l) => l.level === 'warn' && l.message.includes('after generateReply timed out')),
      ).toBe(true);
      s.peer.send(responseDone('r1'));
    });
  });

  it('§5.8 a response whose metadata matches nothing is server-initiated', async () => {
    const s = setup();
    await withSession(s, async (session) => {
      const created = new Promise<GenerationCreatedEvent>((resolve) => session.once('generation_created', resolve));
      s.peer.send(responseCreated('r1', { client_event_id: 'response_create_000000000000' }));
      expect((await created).userInitiated).toBe(false);
      s.peer.send(responseDone('r1'));
    });
  });

  it('§8.8 close() fails a pending generateReply with "session closed" and leaves no timer', async () => {
    const s = setup();
    await run(s, async () => {
      const session = s.model.session();
      const reply = session.generateReply().catch((e: unknown) => e);
      await s.peer.waitFor('response.create');
      await session.close();
      const error = await reply;
      expect((error as RealtimeError).code).toBe('RTSIM_CLIENT_CLOSED');
      expect((error as Error).message).toContain('session closed');
      await expect(session.generateReply()).rejects.toThrow(
        'expected an open session, got a closed one: close() was called',
      );
    });
    expect(s.clock.pendingTimers()).toBe(0);
  });
});

describe('§5.9 interrupt', () => {
  it('§8.13 fix: interrupt sends response.cancel only while a response is active', async () => {
    const s = setup();
    await withSession(s, async (session) => {
      session.interrupt();
      s.peer.send(responseCreated('r1'));
      await s.clock.sleep(1);
      session.interrupt();
      s.peer.send(
        responseDone('r1', { status: 'cancelled', statusDetails: { type: 'cancelled', reason: 'client_cancelled' } }),
      );
      await s.clock.sleep(1);
      session.interrupt();
      await s.clock.sleep(1);
      const cancels = s.peer.ofType('response.cancel');
      expect(cancels.map((c) => c.event)).toEqual([{ type: 'response.cancel' }]);
    });
  });
});

/** Mirror [u1 "hi", a1 "Hello there, how can"], then a text-path truncate of a1 to "Hello there". */
async function truncateTextPath(s: Setup, session: RealtimeSession): Promise<void> {
  s.peer.send(itemAdded({ id: 'u1', type: 'message', role: 'user', content: [{ type: 'input_text', text: 'hi' }] }));
  s.peer.send(
    itemAdded(
      {
        id: 'a1',
        type: 'message',
        role: 'assistant',
        content: [{ type: 'output_text', text: 'Hello there, how can' }],
      },
      'u1',
    ),
  );
  await s.clock.sleep(1);
  session.truncate({ messageId: 'a1', modalities: ['text'], audioEndMs: 500, audioTranscript: 'Hello there' });
  await s.peer.waitFor('conversation.item.create');
}

describe('§5.10 truncate', () => {
  it('§2.7 the audio path sends conversation.item.truncate, content_index 0, and leaves the mirror alone', async () => {
    const s = setup();
    await withSession(s, async (session) => {
      playAudioResponse(s.peer.current, { responseId: 'r1', itemId: 'a1' });
      await s.clock.sleep(1);
      session.truncate({ messageId: 'a1', modalities: ['audio', 'text'], audioEndMs: 1234 });
      session.truncate({ messageId: 'a1', audioEndMs: 0 });
      await s.peer.waitFor('conversation.item.truncate', 2);
      expect(s.peer.ofType('conversation.item.truncate').map((f) => f.event)).toEqual([
        { type: 'conversation.item.truncate', item_id: 'a1', content_index: 0, audio_end_ms: 1234 },
        { type: 'conversation.item.truncate', item_id: 'a1', content_index: 0, audio_end_ms: 0 },
      ]);
      expect(session.chatCtx.toJSON().items[0]).toMatchObject({ id: 'a1', content: ['Hello.'] });
    });
  });

  it('§5.10 the text path replaces the message through a delete and a create at the same place', async () => {
    const s = setup();
    await withSession(s, async (session) => {
      await truncateTextPath(s, session);
      const [del, create] = s.peer.frames.slice(-2).map((f) => f.event);
      expect(del).toMatchObject({ type: 'conversation.item.delete', item_id: 'a1' });
      expect(String(del!['event_id'])).toMatch(/^chat_ctx_delete_/);
      expect(create).toMatchObject({
        type: 'conversation.item.create',
        previous_item_id: 'u1',
        item: { id: 'a1', type: 'message', role: 'assistant', content: [{ type: 'output_text', text: 'Hello there' }] },
      });
    });
  });

  it('§5.10 §8.4 the text path ends with the new text in the mirror when the delete answers item_id ""', async () => {
    const s = setup();
    await withSession(s, async (session) => {
      await truncateTextPath(s, session);
      // xAI-style answers: an empty deleted id, and a null previous id on the re-created item.
      s.peer.send({ type: 'conversation.item.deleted', item_id: '' });
      s.peer.send(
        itemAdded(
          { id: 'a1', type: 'message', role: 'assistant', content: [{ type: 'output_text', text: 'Hello there' }] },
          null,
        ),
      );
      await s.clock.sleep(1);
      expect(session.chatCtx.toJSON().items.map((i) => (i.type === 'message' ? [i.id, i.content] : [i.id]))).toEqual([
        ['u1', ['hi']],
        ['a1', ['Hello there']],
      ]);
    });
  });

  it('§5.10 the text path sends nothing for an unknown id, an empty mirror item or a missing transcript', async () => {
    const s = setup();
    await withSession(s, async (session) => {
      s.peer.send(itemAdded(assistantItem('a1')));
      await s.clock.sleep(1);
      session.truncate({ messageId: 'ghost', modalities: ['text'], audioEndMs: 0, audioTranscript: 'x' });
      session.truncate({ messageId: 'a1', modalities: ['text'], audioEndMs: 0, audioTranscript: 'x' });
      session.truncate({ messageId: 'a1', modalities: ['text'], audioEndMs: 0 });
      await s.clock.sleep(1);
      expect(s.peer.types()).toEqual(['session.update']);
    });
  });
});

describe('§5.7 pushVideo', () => {
  it('§5.7 sends a user image message with a video_ event id and no previous_item_id', async () => {
    const s = setup();
    await withSession(s, async (session) => {
      session.pushVideo({ data: new Uint8Array([0xff, 0xd8, 0xff]) });
      session.pushVideo({ data: new Uint8Array([1, 2]), mimeType: 'image/png' });
      await s.peer.waitFor('conversation.item.create', 2);
      const [jpeg, png] = s.peer.ofType('conversation.item.create').map((f) => f.event);
      expect(String(jpeg!['event_id'])).toMatch(/^video_[0-9a-f]{12}$/);
      expect('previous_item_id' in jpeg!).toBe(false);
      expect(jpeg!['item']).toEqual({
        id: expect.stringMatching(/^item_[0-9a-f]{12}$/),
        type: 'message',
        role: 'user',
        content: [{ type: 'input_image', image_url: 'data:image/jpeg;base64,/9j/' }],
      });
      expect((png!['item'] as { content: unknown[] }).content).toEqual([
        { type: 'input_image', image_url: 'data:image/png;base64,AQI=' },
      ]);
    });
  });
});

describe('§5.19 events for observers', () => {
  it('§5.19 openai_client_event_queued carries each sent event, openai_server_event_received each frame', async () => {
    const s = setup();
    await run(s, async () => {
      const session = s.model.session();
      const events = recordEvents(session, s.clock);
      await s.peer.waitFor('session.update');
      s.peer.send(outputItemAdded('r0', assistantItem('x')));
      session.clearAudio();
      await s.peer.waitFor('input_audio_buffer.clear');
      const sent = events
        .filter((e) => e.name === 'openai_client_event_queued')
        .map((e) => (e.payload as { type: string }).type);
      expect(sent).toEqual(['session.update', 'input_audio_buffer.clear']);
      const received = events
        .filter((e) => e.name === 'openai_server_event_received')
        .map((e) => (e.payload as { type: string }).type);
      expect(received).toEqual(['response.output_item.added']);
      await session.close();
    });
  });

  it('a listener that throws is logged and the session carries on', async () => {
    const s = setup();
    await withSession(s, async (session) => {
      session.on('generation_created', () => {
        throw new Error('listener bug');
      });
      const seen: string[] = [];
      session.on('generation_created', (g) => seen.push(g.responseId));
      s.peer.send(responseCreated('r1'));
      s.peer.send(responseDone('r1'));
      await s.clock.sleep(1);
      expect(seen).toEqual(['r1']);
      expect(
        s.logger.lines.some(
          (l) => l.level === 'error' && l.message.includes('a listener of "generation_created" threw'),
        ),
      ).toBe(true);
    });
  });
});
