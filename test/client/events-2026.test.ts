/** The 2026 xAI events the client handles or leaves alone on purpose (issue 9). */
import { describe, expect, it } from 'vitest';
import type { FunctionCall, GenerationCreatedEvent, RealtimeSession } from '../../src/client/index.js';
import { recordEvents, setup, withSession, type Setup } from './peer.js';
import {
  assistantItem,
  itemAdded,
  userAudioItem,
  outputItemAdded,
  outputItemDone,
  responseCreated,
  responseDone,
} from './server-events.js';

const settle = (s: Setup) => s.clock.sleep(1);

function sendRaw(s: Setup, frame: Record<string, unknown>): void {
  s.peer.current.sendText(JSON.stringify(frame));
}

function nextGeneration(session: RealtimeSession): Promise<GenerationCreatedEvent> {
  return new Promise((resolve) => session.once('generation_created', resolve));
}

async function collect<T>(stream: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const v of stream) out.push(v);
  return out;
}

/** Log lines at warn or error level: what an operator would be alarmed by. */
const alarms = (s: Setup) => s.logger.lines.filter((l) => l.level === 'warn' || l.level === 'error');

describe('2026 session events', () => {
  it('session.created is accepted on every connect; an echoed voice "xai_ara" for "ara" is no mismatch', async () => {
    const s = setup({ voice: 'ara' });
    await withSession(s, async (session) => {
      const events = recordEvents(session, s.clock);
      const created = {
        type: 'session.created',
        event_id: 'e1',
        session: {
          id: 's1',
          model: 'grok-voice-think-fast-2.0',
          voice: 'xai_ara',
          modalities: ['audio'],
          turn_detection: null,
        },
      };
      sendRaw(s, created);
      sendRaw(s, {
        type: 'session.updated',
        event_id: 'e2',
        session: { voice: 'xai_ara', tool_choice: 'not implemented' },
      });
      await settle(s);
      expect(events.map((e) => e.name)).toEqual(['openai_server_event_received', 'openai_server_event_received']);
      expect(alarms(s)).toEqual([]);
      expect(s.logger.lines.find((l) => l.message === 'session created')?.fields).toMatchObject({
        voice: 'xai_ara',
        voiceSent: 'ara',
      });
      expect(s.model.options.voice).toBe('ara');
    });
  });

  it('a ping with an integer timestamp and no event_id is fine', async () => {
    const s = setup();
    await withSession(s, async (session) => {
      const events = recordEvents(session, s.clock);
      sendRaw(s, { type: 'ping', timestamp: 1754300000123, extra: true });
      await settle(s);
      expect(events.map((e) => e.name)).toEqual(['openai_server_event_received']);
      expect(alarms(s)).toEqual([]);
    });
  });

  it('input_audio_buffer.timeout_triggered is logged at info level and emits nothing else', async () => {
    const s = setup();
    await withSession(s, async (session) => {
      const events = recordEvents(session, s.clock);
      sendRaw(s, {
        type: 'input_audio_buffer.timeout_triggered',
        event_id: 'e1',
        item_id: 'u1',
        audio_start_ms: 0,
        audio_end_ms: 5000,
      });
      await settle(s);
      expect(events.map((e) => e.name)).toEqual(['openai_server_event_received']);
      expect(s.logger.lines).toEqual([
        {
          level: 'info',
          message: 'input audio buffer timeout triggered',
          fields: { itemId: 'u1', audioStartMs: 0, audioEndMs: 5000 },
        },
      ]);
    });
  });

  it('unknown event types (dtmf, mcp_list_tools.*, response.mcp_call*) are emitted raw only', async () => {
    const s = setup();
    await withSession(s, async (session) => {
      const events = recordEvents(session, s.clock);
      for (const type of [
        'input_audio_buffer.dtmf_event_received',
        'mcp_list_tools.in_progress',
        'response.mcp_call.completed',
        'response.mcp_call_arguments.delta',
      ]) {
        sendRaw(s, { type, whatever: 1 });
      }
      await settle(s);
      expect(events.map((e) => e.name)).toEqual(Array(4).fill('openai_server_event_received'));
      expect(alarms(s)).toEqual([]);
    });
  });
});

describe('2026 user transcripts', () => {
  it('cumulative .updated are interims, .completed the one final; an .updated after the final is dropped', async () => {
    const s = setup();
    await withSession(s, async (session) => {
      const events = recordEvents(session, s.clock);
      const updated = (transcript: string) =>
        sendRaw(s, { type: 'conversation.item.input_audio_transcription.updated', item_id: 'u1', transcript });
      updated('Hel');
      updated('Hello the');
      sendRaw(s, {
        type: 'conversation.item.input_audio_transcription.completed',
        event_id: 'e',
        item_id: 'u1',
        transcript: 'Hello there.',
      });
      updated('Hello there.');
      await settle(s);
      expect(events.filter((e) => e.name === 'input_audio_transcription_completed').map((e) => e.payload)).toEqual([
        { itemId: 'u1', transcript: 'Hel', isFinal: false },
        { itemId: 'u1', transcript: 'Hello the', isFinal: false },
        { itemId: 'u1', transcript: 'Hello there.', isFinal: true },
      ]);
    });
  });
});

describe('2026 server-side tool items', () => {
  const serverItems = [
    { id: 'ws1', type: 'web_search_call', status: 'completed', action: { type: 'search', query: 'weather' } },
    { id: 'xs1', type: 'x_search_call', status: 'completed' },
    { id: 'fs1', type: 'file_search_call', status: 'completed', queries: ['q'], results: null },
    {
      id: 'mc1',
      type: 'mcp_call',
      status: 'completed',
      name: 'lookup',
      arguments: '{}',
      server_label: 'kb',
      output: 'x',
    },
    { id: 'ml1', type: 'mcp_list_tools', server_label: 'kb', tools: [] },
    { id: 'nx1', type: 'next_year_item' },
  ];

  it(
    'are never sent to the function stream and never an error, wherever they appear; ' +
      'the message beside them still streams',
    async () => {
      const s = setup();
      await withSession(s, async (session) => {
        const events = recordEvents(session, s.clock);
        const generation = nextGeneration(session);
        s.peer.send(responseCreated('r1'));
        for (const [i, item] of serverItems.entries()) {
          s.peer.send(outputItemAdded('r1', item, i));
          s.peer.send(itemAdded(item));
          s.peer.send(outputItemDone('r1', item, i));
        }
        s.peer.send(outputItemAdded('r1', assistantItem('a1'), 6));
        s.peer.send(outputItemDone('r1', assistantItem('a1', 'completed'), 6));
        s.peer.send(responseDone('r1', { output: serverItems }));
        const g = await generation;
        const [messages, functions] = await Promise.all([
          collect(g.messageStream),
          collect<FunctionCall>(g.functionStream),
        ]);
        expect(messages.map((m) => m.messageId)).toEqual(['a1']);
        expect(functions).toEqual([]);
        await settle(s);
        expect(events.filter((e) => e.name === 'error')).toEqual([]);
        expect(events.filter((e) => e.name === 'metrics_collected')).toHaveLength(1);
        expect(session.chatCtx.items).toEqual([]);
        // Only the type nobody knows yet is worth a warning.
        expect(alarms(s).map((l) => l.message)).toEqual(['item not added to the mirror']);
      });
    },
  );

  it('an item chained after a left-out tool call takes its place in the mirror, after the user turn', async () => {
    const s = setup();
    await withSession(s, async (session) => {
      s.peer.send(itemAdded(userAudioItem('u1', 'Weather?'), null));
      s.peer.send(itemAdded(serverItems[0]!, 'u1'));
      s.peer.send(itemAdded(serverItems[3]!, 'ws1'));
      s.peer.send(itemAdded(assistantItem('a1', 'completed'), 'mc1'));
      s.peer.send(itemAdded(assistantItem('a2', 'completed'), 'a1'));
      await settle(s);
      expect(session.chatCtx.items.map((i) => i.id)).toEqual(['u1', 'a1', 'a2']);
      expect(alarms(s)).toEqual([]);
    });
  });

  it('a function call of the client still reaches the function stream beside them', async () => {
    const s = setup();
    await withSession(s, async (session) => {
      const generation = nextGeneration(session);
      s.peer.send(responseCreated('r1'));
      s.peer.send(outputItemDone('r1', serverItems[0]!, 0));
      s.peer.send(
        outputItemDone(
          'r1',
          {
            id: 'fc1',
            type: 'function_call',
            status: 'completed',
            call_id: 'c1',
            name: 'get_weather',
            arguments: '{}',
          },
          1,
        ),
      );
      s.peer.send(responseDone('r1'));
      const g = await generation;
      const functions = await collect<FunctionCall>(g.functionStream);
      expect(functions.map((f) => [f.callId, f.name])).toEqual([['c1', 'get_weather']]);
    });
  });
});
