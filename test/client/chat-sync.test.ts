import { describe, expect, it } from 'vitest';
import {
  ChatContext,
  ChatMessage,
  FunctionCall,
  FunctionCallOutput,
  RealtimeError,
  type ChatItem,
} from '../../src/client/index.js';
import { withSession, setup, type ReceivedFrame, type Setup } from './peer.js';
import { itemAdded, itemDeleted } from './server-events.js';

/** A peer that acknowledges creates and deletes like the server (null previous id = append). */
function acking(): Setup {
  return setup({
    latencyMs: 10,
    peer: {
      onEvent: (frame, pc) => {
        if (frame.type === 'conversation.item.create') {
          const item = frame.event['item'] as Record<string, unknown>;
          const prev = frame.event['previous_item_id'];
          pc.send(itemAdded(item, prev === 'root' || prev === undefined ? null : (prev as string)));
        } else if (frame.type === 'conversation.item.delete') {
          pc.send(itemDeleted(String(frame.event['item_id'])));
        }
      },
    },
  });
}

const text = (id: string, content: string, role: 'user' | 'assistant' | 'system' = 'user'): ChatMessage =>
  new ChatMessage({ id, role, content: [content] });

function ops(frames: ReceivedFrame[]): string[] {
  return frames
    .filter((f) => f.type === 'conversation.item.create' || f.type === 'conversation.item.delete')
    .map((f) =>
      f.type === 'conversation.item.delete'
        ? `delete ${String(f.event['item_id'])}`
        : `create ${String((f.event['item'] as { id: string }).id)} prev ${String(f.event['previous_item_id'])}`,
    );
}

/** Fills the mirror through server events. */
async function seed(s: Setup, items: Record<string, unknown>[]): Promise<void> {
  let prev: string | null = null;
  for (const item of items) {
    s.peer.send(itemAdded(item, prev));
    prev = item['id'] as string;
  }
  await s.clock.sleep(20);
}

const wireText = (id: string, t: string, role = 'user') => ({
  id,
  type: 'message',
  role,
  content: [{ type: role === 'assistant' ? 'output_text' : 'input_text', text: t }],
});

describe('§5.11 updateChatCtx', () => {
  it('§6.1 mirror [], new [X, Y]: create X prev "root", then Y prev X; resolves once both are added', async () => {
    const s = acking();
    await withSession(s, async (session) => {
      await session.updateChatCtx(new ChatContext([text('X', 'x'), text('Y', 'y')]));
      expect(ops(s.peer.frames)).toEqual(['create X prev root', 'create Y prev X']);
      const [c1] = s.peer.ofType('conversation.item.create');
      expect(String(c1!.event['event_id'])).toMatch(/^chat_ctx_create_[0-9a-f]{12}$/);
      expect(c1!.event['item']).toEqual({
        id: 'X',
        type: 'message',
        role: 'user',
        content: [{ type: 'input_text', text: 'x' }],
      });
      expect(session.chatCtx.items.map((i) => i.id)).toEqual(['X', 'Y']);
    });
  });

  it('§6.1 mirror [A,B,C], new [A,C,D]: delete B, then create D prev C', async () => {
    const s = acking();
    await withSession(s, async (session) => {
      await seed(s, [wireText('A', 'a'), wireText('B', 'b'), wireText('C', 'c')]);
      await session.updateChatCtx(new ChatContext([text('A', 'a'), text('C', 'c'), text('D', 'd')]));
      expect(ops(s.peer.frames)).toEqual(['delete B', 'create D prev C']);
      const del = s.peer.ofType('conversation.item.delete')[0]!.event;
      expect(del).toEqual({
        type: 'conversation.item.delete',
        item_id: 'B',
        event_id: expect.stringMatching(/^chat_ctx_delete_[0-9a-f]{12}$/),
      });
      expect(session.chatCtx.items.map((i) => i.id)).toEqual(['A', 'C', 'D']);
    });
  });

  it('§6.1 mirror [A,B], new [B,A]: the LCS tie-break gives delete A, then create A prev B', async () => {
    const s = acking();
    await withSession(s, async (session) => {
      await seed(s, [wireText('A', 'a'), wireText('B', 'b')]);
      await session.updateChatCtx(new ChatContext([text('B', 'b'), text('A', 'a')]));
      expect(ops(s.peer.frames)).toEqual(['delete A', 'create A prev B']);
      expect(session.chatCtx.items.map((i) => i.id)).toEqual(['B', 'A']);
    });
  });

  it('§6.1 U1/U3 a mirror message with empty content is kept; a changed text is a delete + create pair', async () => {
    const s = acking();
    await withSession(s, async (session) => {
      await seed(s, [
        { id: 'U', type: 'message', role: 'user', content: [{ type: 'input_audio', transcript: null }] },
        wireText('B', 'hi'),
      ]);
      await session.updateChatCtx(new ChatContext([text('B', 'hi there')]));
      expect(ops(s.peer.frames)).toEqual(['delete B', 'create B prev root']);
    });
  });

  it('§6.1 mirror [A("x")], new [A("y")]: delete A, then create A prev "root"', async () => {
    const s = acking();
    await withSession(s, async (session) => {
      await seed(s, [wireText('A', 'x')]);
      await session.updateChatCtx(new ChatContext([text('A', 'y')]));
      expect(ops(s.peer.frames)).toEqual(['delete A', 'create A prev root']);
      expect((session.chatCtx.items[0] as ChatMessage).content).toEqual(['y']);
    });
  });

  it('§5.11 no difference sends nothing and resolves at once', async () => {
    const s = acking();
    await withSession(s, async (session) => {
      await seed(s, [wireText('A', 'a')]);
      const before = s.clock.now();
      await session.updateChatCtx(session.chatCtx.copy());
      expect(s.clock.now()).toBe(before);
      expect(ops(s.peer.frames)).toEqual([]);
    });
  });

  it('§5.11 without acknowledgements the call fails after 5 s with "update_chat_ctx timed out"', async () => {
    const s = setup();
    await withSession(s, async (session) => {
      const start = s.clock.now();
      const error = await session.updateChatCtx(new ChatContext([text('X', 'x')])).catch((e: unknown) => e);
      expect(s.clock.now() - start).toBe(5000);
      expect(error).toBeInstanceOf(RealtimeError);
      expect((error as RealtimeError).code).toBe('RTSIM_CLIENT_TIMEOUT');
      expect((error as Error).message).toContain('update_chat_ctx timed out');
      // A late acknowledgement still updates the mirror.
      s.peer.send(itemAdded(wireText('X', 'x')));
      await s.clock.sleep(1);
      expect(session.chatCtx.items.map((i) => i.id)).toEqual(['X']);
    });
  });

  it('§5.11 calls run one at a time: the second diff is computed after the first is acknowledged', async () => {
    const s = acking();
    await withSession(s, async (session) => {
      const first = session.updateChatCtx(new ChatContext([text('A', 'a')]));
      const second = session.updateChatCtx(new ChatContext([text('A', 'a'), text('B', 'b')]));
      await Promise.all([first, second]);
      expect(ops(s.peer.frames)).toEqual(['create A prev root', 'create B prev A']);
    });
  });

  it('§8.3 an own create at "root" echoed with previous_item_id null goes to the head, as asked', async () => {
    const s = setup();
    await withSession(s, async (session) => {
      s.peer.send(
        itemAdded({ id: 'a1', type: 'message', role: 'assistant', content: [{ type: 'output_text', text: 'hi' }] }),
      );
      await s.clock.sleep(1);
      const ctx = session.chatCtx.copy();
      ctx.items.unshift(new ChatMessage({ id: 'sys', role: 'user', content: ['first'] }));
      const done = session.updateChatCtx(ctx);
      await s.peer.waitFor('conversation.item.create');
      expect(s.peer.ofType('conversation.item.create').map((f) => f.event['previous_item_id'])).toEqual(['root']);
      s.peer.send(
        itemAdded({ id: 'sys', type: 'message', role: 'user', content: [{ type: 'input_text', text: 'first' }] }, null),
      );
      await done;
      expect(session.chatCtx.items.map((i) => i.id)).toEqual(['sys', 'a1']);
    });
  });

  it('§8.3 an id created by the reconnect burst and again by the next diff goes where each create asked', async () => {
    const s = acking();
    await withSession(s, async (session) => {
      await session.updateChatCtx(new ChatContext([text('A', 'a'), text('B', 'b')]));
      s.peer.current.terminate();
      await new Promise<void>((resolve) => session.once('session_reconnected', () => resolve()));
      // Before the burst is acknowledged: [B edited, A]. The LCS keeps B, so A moves after
      // it and B is re-created at "root", a second create of B in flight.
      await session.updateChatCtx(new ChatContext([text('B', 'b edited'), text('A', 'a')]));
      const second = s.peer.frames.filter((f) => f.conn === 2);
      expect(ops(second)).toEqual([
        'create A prev root',
        'create B prev A',
        'delete A',
        'create A prev B',
        'delete B',
        'create B prev root',
      ]);
      // The server's answer to the last create says null (the head): the burst's
      // acknowledgement of B must not have used up the place that create asked for.
      expect(session.chatCtx.items.map((i) => `${i.id}:${(i as ChatMessage).textContent}`)).toEqual([
        'B:b edited',
        'A:a',
      ]);
    });
  });

  it('§7 a function-call output item is sent with its call id', async () => {
    const s = acking();
    await withSession(s, async (session) => {
      await seed(s, [{ id: 'F', type: 'function_call', call_id: 'c1', name: 'lookup', arguments: '{}' }]);
      const ctx = session.chatCtx.copy();
      ctx.insert(new FunctionCallOutput({ id: 'O', callId: 'c1', output: 'sunny' }));
      await session.updateChatCtx(ctx);
      const create = s.peer.ofType('conversation.item.create')[0]!.event;
      expect(create).toMatchObject({
        previous_item_id: 'F',
        item: { id: 'O', type: 'function_call_output', call_id: 'c1', output: 'sunny' },
      });
      expect(session.chatCtx.items.map((i: ChatItem) => i.type)).toEqual(['function_call', 'function_call_output']);
      expect(session.chatCtx.items[0]).toBeInstanceOf(FunctionCall);
    });
  });
});

describe('§8.4 fix: an empty item_id on conversation.item.deleted', () => {
  it('§8.4 settles the oldest pending delete instead of letting updateChatCtx time out', async () => {
    const s = setup({
      peer: {
        onEvent: (frame, pc) => {
          if (frame.type === 'conversation.item.delete') pc.send(itemDeleted(''));
        },
      },
    });
    await withSession(s, async (session) => {
      await seed(s, [wireText('A', 'a'), wireText('B', 'b')]);
      const start = s.clock.now();
      await session.updateChatCtx(new ChatContext([]));
      expect(s.clock.now() - start).toBeLessThan(100);
      expect(ops(s.peer.frames)).toEqual(['delete A', 'delete B']);
      expect(session.chatCtx.items).toEqual([]);
    });
  });

  it('§8.4 an empty item_id with no delete pending is a warning', async () => {
    const s = setup();
    await withSession(s, async () => {
      s.peer.send(itemDeleted(''));
      await s.clock.sleep(1);
      expect(s.logger.lines.map((l) => l.message)).toContain(
        'conversation.item.deleted with an empty item_id and no delete pending',
      );
    });
  });
});

describe('§5.12 updateTools', () => {
  it('§2.1c sends the tools with the model, keeps only valid ones, and exposes a copy', async () => {
    const s = setup();
    await withSession(s, async (session) => {
      const params = { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] };
      await session.updateTools([
        { name: 'weather', description: 'Weather in a city', parameters: params },
        { name: 'no description', parameters: params },
        { name: 'nodesc', parameters: params },
        { name: 'broken', parameters: { type: 'string' } },
      ]);
      const update = (await s.peer.waitFor('session.update', 2)).event;
      expect(String(update['event_id'])).toMatch(/^tools_update_[0-9a-f]{12}$/);
      expect(update['session']).toEqual({
        type: 'realtime',
        model: 'grok-4-1-fast-non-reasoning',
        tools: [
          { type: 'function', name: 'weather', description: 'Weather in a city', parameters: params },
          { type: 'function', name: 'nodesc', description: '', parameters: params },
        ],
      });
      expect(session.tools.map((t) => t.name)).toEqual(['weather', 'nodesc']);
      session.tools.pop();
      expect(session.tools).toHaveLength(2);
      expect(s.logger.lines.filter((l) => l.level === 'error').map((l) => l.message)).toEqual([
        expect.stringContaining('tool dropped: tool name must match'),
        expect.stringContaining('tool dropped: tool "broken": parameters must be an object schema'),
      ]);
    });
  });

  it('§4.1 an empty tool list is still sent, and a name → tool record is accepted', async () => {
    const s = setup();
    await withSession(s, async (session) => {
      await session.updateTools([]);
      await session.updateTools({ ping: { description: 'p', parameters: { type: 'object' } } });
      await s.peer.waitFor('session.update', 3);
      const [, empty, record] = s.peer
        .ofType('session.update')
        .map((f) => f.event['session'] as Record<string, unknown>);
      expect(empty!['tools']).toEqual([]);
      expect(record!['tools']).toEqual([
        { type: 'function', name: 'ping', description: 'p', parameters: { type: 'object' } },
      ]);
    });
  });
});

describe('§5.13 updateInstructions and §5.14 updateOptions', () => {
  it('§2.1b sends only the instructions and keeps them for the next full update', async () => {
    const s = setup();
    await withSession(s, async (session) => {
      await session.updateInstructions('Be brief.');
      const update = (await s.peer.waitFor('session.update', 2)).event;
      expect(update).toEqual({
        type: 'session.update',
        event_id: expect.stringMatching(/^instructions_update_[0-9a-f]{12}$/),
        session: { type: 'realtime', instructions: 'Be brief.' },
      });
    });
  });

  it('§5.14 session-level updateOptions sends only what is given, null included, and stores it for later', async () => {
    const s = setup();
    await withSession(s, async (session) => {
      session.updateOptions({});
      session.updateOptions({ voice: 'eve' });
      session.updateOptions({ toolChoice: 'none' });
      session.updateOptions({ toolChoice: null, turnDetection: null, inputAudioNoiseReduction: 'near_field' });
      await s.peer.waitFor('session.update', 4);
      const [, voice, choice, several] = s.peer.ofType('session.update').map((f) => f.event);
      expect(String(voice!['event_id'])).toMatch(/^options_update_[0-9a-f]{12}$/);
      expect(voice!['session']).toEqual({ type: 'realtime', audio: { input: {}, output: { voice: 'eve' } } });
      expect(choice!['session']).toEqual({ type: 'realtime', tool_choice: 'none' });
      expect(several!['session']).toEqual({
        type: 'realtime',
        tool_choice: 'auto',
        audio: { input: { turn_detection: null, noise_reduction: { type: 'near_field' } }, output: {} },
      });
      expect(s.model.options.voice).toBe('eve');
      expect(s.model.options.turnDetection).toBeNull();
      // The next full update (a reconnect) carries them.
      s.peer.current.terminate();
      await new Promise<void>((resolve) => session.once('session_reconnected', () => resolve()));
      await s.clock.sleep(1);
      const full = s.peer.frames.filter((f) => f.conn === 2)[0]!.event['session'] as {
        audio: { input: Record<string, unknown>; output: Record<string, unknown> };
      };
      expect(full.audio.output['voice']).toBe('eve');
      expect(full.audio.input['turn_detection']).toBeNull();
      expect(full.audio.input['noise_reduction']).toEqual({ type: 'near_field' });
    });
  });
});
