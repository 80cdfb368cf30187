import { describe, expect, it } from 'vitest';
import { APIConnectionError, ChatMessage, RealtimeError, type RealtimeModelError } from '../../src/client/index.js';
import type { SocketFactory, SocketLike } from '../../src/link/index.js';
import { names, recordEvents, run, setup } from './peer.js';
import {
  assistantItem,
  itemAdded,
  playAudioResponse,
  responseCreated,
  outputItemAdded,
  userAudioItem,
  functionCallItem,
} from './server-events.js';

const refuse = (status: number) => () => ({ accept: false as const, status });

function errors(events: { name: string; payload: unknown }[]): RealtimeModelError[] {
  return events.filter((e) => e.name === 'error').map((e) => e.payload as RealtimeModelError);
}

describe('R2.1 session start', () => {
  it('R2.1 the full session.update is the first frame on the first socket', async () => {
    const s = setup({ latencyMs: 5 });
    await run(s, async () => {
      const session = s.model.session();
      session.generateReply().catch(() => {});
      await s.peer.waitFor('response.create');
      expect(s.peer.frames.map((f) => f.type)).toEqual(['session.update', 'response.create']);
      expect(String(s.peer.frames[0]!.event['event_id'])).toMatch(/^session_update_[0-9a-f]{12}$/);
      await session.close();
    });
  });

  it('§1.1 the handshake carries Authorization: Bearer and the URL with the model, and no subprotocol', async () => {
    const s = setup();
    await run(s, async () => {
      const session = s.model.session();
      await s.peer.waitFor('session.update');
      const { request } = s.peer.handshakes[0]!;
      expect(request.url).toBe('wss://api.x.ai/v1/realtime?model=grok-4-1-fast-non-reasoning');
      expect(request.headers['authorization']).toBe('Bearer test-key');
      expect(request.headers['user-agent']).toBe('rt-sim');
      expect(request.protocols).toEqual([]);
      await session.close();
    });
  });

  it('emits connection_opened with the attempt number and connection_closed with the close code', async () => {
    const s = setup({ latencyMs: 5 });
    await run(s, async () => {
      const session = s.model.session();
      const events = recordEvents(session, s.clock);
      await s.peer.waitFor('session.update');
      await session.close();
      expect(events.filter((e) => e.name.startsWith('connection_')).map((e) => [e.name, e.payload])).toEqual([
        ['connection_opened', { url: 'wss://api.x.ai/v1/realtime?model=grok-4-1-fast-non-reasoning', attempt: 1 }],
        ['connection_closed', { code: 1000, reason: '' }],
      ]);
    });
  });
});

describe('R2.3–R2.5 retry arithmetic', () => {
  it('R2.4 a refusing server sees 4 attempts 0.1 s, 2 s, 2 s apart', async () => {
    const s = setup({ peer: { handshake: refuse(503) } });
    await run(s, async () => {
      const session = s.model.session();
      const events = recordEvents(session, s.clock);
      await new Promise<void>((resolve) => session.on('error', (e) => !e.recoverable && resolve()));
      expect(s.peer.handshakes.map((h) => h.t)).toEqual([0, 100, 2100, 4100]);
      const errs = errors(events);
      expect(errs.map((e) => e.recoverable)).toEqual([true, true, true, false]);
      expect(errs.map((e) => e.timestamp)).toEqual([0, 0.1, 2.1, 4.1]);
      for (const e of errs) {
        expect(e.error).toBeInstanceOf(APIConnectionError);
        expect(e.error.message).toContain('503');
        expect(e.type).toBe('realtime_model_error');
        expect(e.label).toBe('livekit.plugins.xai.realtime.realtime_model.RealtimeModel');
      }
      // R2.8: the session is dead and close() rethrows the loop's error.
      const fatal = await session.close().catch((e: unknown) => e);
      expect(session.closed).toBe(true);
      expect(s.model.sessions).toEqual([]);
      expect(fatal).toBeInstanceOf(APIConnectionError);
      expect((fatal as APIConnectionError).code).toBe('RTSIM_CLIENT_RETRIES_EXHAUSTED');
      expect((fatal as Error).message).toContain('failed after 4 attempts');
      await expect(session.generateReply()).rejects.toThrow('expected an open session, got a closed one');
    });
    expect(s.clock.pendingTimers()).toBe(0);
  });

  it('R2.4 with maxRetry 0 the first failure is non-recoverable', async () => {
    const s = setup({ connOptions: { maxRetry: 0 }, peer: { handshake: refuse(500) } });
    await run(s, async () => {
      const session = s.model.session();
      const events = recordEvents(session, s.clock);
      const fatal = await new Promise<RealtimeModelError>((resolve) => session.on('error', resolve));
      expect(fatal.recoverable).toBe(false);
      expect(s.peer.handshakes).toHaveLength(1);
      await expect(session.close()).rejects.toBeInstanceOf(APIConnectionError);
      expect(errors(events)).toHaveLength(1);
    });
  });

  it('R2.4 retryIntervalMs sets every sleep after the first', async () => {
    const s = setup({ connOptions: { maxRetry: 2, retryIntervalMs: 700 }, peer: { handshake: refuse(429) } });
    await run(s, async () => {
      const session = s.model.session();
      await new Promise<void>((resolve) => session.on('error', (e) => !e.recoverable && resolve()));
      expect(s.peer.handshakes.map((h) => h.t)).toEqual([0, 100, 800]);
      await session.close().catch(() => {});
    });
  });

  it('R2.5 a 401 refusal is retried like any other connect failure', async () => {
    const s = setup({
      peer: { handshake: (_req, attempt) => (attempt === 1 ? { accept: false, status: 401 } : { accept: true }) },
    });
    await run(s, async () => {
      const session = s.model.session();
      const events = recordEvents(session, s.clock);
      await new Promise<void>((resolve) => session.on('session_reconnected', () => resolve()));
      const [err] = errors(events);
      expect(err?.recoverable).toBe(true);
      expect(err?.error.message).toContain('401');
      expect((err!.error as APIConnectionError).retryable).toBe(true);
      await session.close();
    });
  });

  it('R2.5 a connect timeout is retryable and uses connOptions.timeoutMs', async () => {
    // The handshake answer needs 2 × 6 s, more than the 10 s timeout.
    const s = setup({ latencyMs: 6000, connOptions: { maxRetry: 1, timeoutMs: 10000 } });
    await run(s, async () => {
      const session = s.model.session();
      const events = recordEvents(session, s.clock);
      await new Promise<void>((resolve) => session.on('error', (e) => !e.recoverable && resolve()));
      const errs = errors(events);
      expect(errs.map((e) => [e.timestamp, e.recoverable, (e.error as APIConnectionError).code])).toEqual([
        [10, true, 'RTSIM_CLIENT_CONNECT_TIMEOUT'],
        [20.1, false, 'RTSIM_CLIENT_CONNECT_TIMEOUT'],
      ]);
      await session.close().catch(() => {});
    });
  });

  it('R2.5 a text frame that is not JSON kills the session', async () => {
    const s = setup();
    await run(s, async () => {
      const session = s.model.session();
      const events = recordEvents(session, s.clock);
      await s.peer.waitFor('session.update');
      s.peer.current.sendText('not json {');
      const fatal = await new Promise<RealtimeModelError>((resolve) => session.on('error', resolve));
      expect(fatal.recoverable).toBe(false);
      expect(fatal.error).toBeInstanceOf(RealtimeError);
      expect(fatal.error.message).toContain('expected every text frame from the server to be JSON, got "not json {"');
      await expect(session.close()).rejects.toBe(fatal.error);
      expect(s.peer.handshakes).toHaveLength(1);
      expect(names(events)).toEqual(['connection_opened', 'connection_closed', 'error']);
    });
  });

  it('R2.5 an unexpected close is a recoverable error, then a reconnect 100 ms later', async () => {
    const s = setup();
    await run(s, async () => {
      const session = s.model.session();
      const events = recordEvents(session, s.clock);
      await s.peer.waitFor('session.update');
      s.peer.current.close(1011, 'boom');
      await new Promise<void>((resolve) => session.on('session_reconnected', () => resolve()));
      const [err] = errors(events);
      expect(err?.recoverable).toBe(true);
      expect(err?.error.message).toContain('OpenAI S2S connection closed unexpectedly (code 1011 "boom")');
      expect(s.peer.handshakes.map((h) => h.t)).toEqual([0, 100]);
      expect(names(events)).toEqual([
        'connection_opened',
        'connection_closed',
        'error',
        'connection_opened',
        'session_reconnected',
      ]);
      await session.close();
    });
  });

  it('R2.6 after a failed first attempt the next connection is a reconnect and resends the first update', async () => {
    const s = setup({ peer: { handshake: (_r, n) => (n === 1 ? { accept: false, status: 503 } : { accept: true }) } });
    await run(s, async () => {
      const session = s.model.session();
      await session.updateInstructions('Be brief.');
      const events = recordEvents(session, s.clock);
      await s.peer.waitFor('session.update', 3);
      const updates = s.peer.ofType('session.update').map((f) => f.event);
      // Burst: a new full update (with instructions); then the queue: the original full update, then instructions.
      expect(updates.map((u) => String(u['event_id']).replace(/[0-9a-f]{12}$/, ''))).toEqual([
        'session_update_',
        'session_update_',
        'instructions_update_',
      ]);
      expect((updates[0]!['session'] as Record<string, unknown>)['instructions']).toBe('Be brief.');
      expect((updates[1]!['session'] as Record<string, unknown>)['instructions']).toBeUndefined();
      expect(updates[0]!['event_id']).not.toBe(updates[1]!['event_id']);
      expect(names(events)).toEqual(['error', 'connection_opened', 'session_reconnected']);
      await session.close();
    });
  });

  it('R2.6 a socket dropped before it proved healthy does not reset the retry counter (rt-sim)', async () => {
    // Attempts: 1 refused, 2 accepted then dropped at once, 3 refused, 4 accepted.
    const s = setup({
      peer: { handshake: (_r, n) => (n === 1 || n === 3 ? { accept: false, status: 503 } : { accept: true }) },
    });
    await run(s, async () => {
      const session = s.model.session();
      await new Promise<void>((resolve) => session.once('session_reconnected', () => resolve()));
      s.peer.current.terminate();
      await new Promise<void>((resolve) => session.once('session_reconnected', () => resolve()));
      // No reset: the drop is the second failure of the streak, the refusal the third.
      const t = s.peer.handshakes.map((h) => h.t);
      expect(t[1]! - t[0]!).toBe(100);
      expect(t[2]! - t[1]!).toBe(2000);
      expect(t[3]! - t[2]!).toBe(2000);
      await session.close();
    });
  });

  it('R2.6 a socket up for healthyConnectionMs with its session.update answered resets the retry counter', async () => {
    const s = setup({
      peer: { handshake: (_r, n) => (n === 1 || n === 3 ? { accept: false, status: 503 } : { accept: true }) },
    });
    await run(s, async () => {
      const session = s.model.session();
      await new Promise<void>((resolve) => session.once('session_reconnected', () => resolve()));
      s.peer.send({ type: 'session.updated', session: {} });
      await s.clock.sleep(2000);
      s.peer.current.terminate();
      await new Promise<void>((resolve) => session.once('session_reconnected', () => resolve()));
      // Reset after healthy attempt 2: its drop retries after 100 ms, the refusal of
      // attempt 3 after another 2 s (second retry of the new streak).
      const t = s.peer.handshakes.map((h) => h.t);
      expect(t[1]! - t[0]!).toBe(100);
      expect(t[2]! - t[1]!).toBe(2100);
      expect(t[3]! - t[2]!).toBe(2000);
      await session.close();
    });
  });

  it('R2.7 events queued while disconnected go out after the reconnect burst', async () => {
    const s = setup();
    await run(s, async () => {
      const session = s.model.session();
      await s.peer.waitFor('session.update');
      s.peer.current.terminate();
      await new Promise<void>((resolve) => session.once('error', () => resolve()));
      session.clearAudio();
      await session.updateInstructions('late');
      await new Promise<void>((resolve) => session.once('session_reconnected', () => resolve()));
      await s.peer.waitFor('session.update', 3);
      const second = s.peer.frames.filter((f) => f.conn === 2).map((f) => f.type);
      expect(second).toEqual(['session.update', 'input_audio_buffer.clear', 'session.update']);
      await session.close();
    });
  });

  it('R2.9 server errors and failed responses never trigger a reconnect', async () => {
    const s = setup();
    await run(s, async () => {
      const session = s.model.session();
      const events = recordEvents(session, s.clock);
      await s.peer.waitFor('session.update');
      s.peer.send({ type: 'error', error: { type: 'server_error', message: 'nope' } });
      s.peer.send(responseCreated('r1'));
      s.peer.send({
        type: 'response.done',
        response: { id: 'r1', status: 'failed', status_details: { type: 'failed', error: { type: 'server_error' } } },
      });
      await s.clock.sleep(1000);
      expect(errors(events).map((e) => e.recoverable)).toEqual([true, true]);
      expect(s.peer.handshakes).toHaveLength(1);
      await session.close();
    });
  });
});

describe('§5.3 reconnect burst', () => {
  it('§5.3 sends full update, tools, then the filtered mirror as creates, each a queued event', async () => {
    const s = setup();
    await run(s, async () => {
      const session = s.model.session();
      await session.updateInstructions('Be brief.');
      await session.updateTools([
        { name: 'lookup', description: 'Look up', parameters: { type: 'object', properties: {} } },
      ]);
      await s.peer.waitFor('session.update', 3);
      const pc = s.peer.current;
      pc.send(
        itemAdded({ id: 'sys', type: 'message', role: 'system', content: [{ type: 'input_text', text: 'rules' }] }),
      );
      pc.send(itemAdded(userAudioItem('u1', 'hello there'), 'sys'));
      pc.send(itemAdded(userAudioItem('u2'), 'u1')); // empty content: excluded
      pc.send(itemAdded(functionCallItem('fc', 'call_1', 'lookup', '{}'), 'u2'));
      pc.send(
        itemAdded(
          { id: 'a1', type: 'message', role: 'assistant', content: [{ type: 'output_text', text: 'hi!' }] },
          'fc',
        ),
      );
      await s.clock.sleep(10);
      expect(session.chatCtx.items.map((i) => i.id)).toEqual(['sys', 'u1', 'u2', 'fc', 'a1']);
      const queued: string[] = [];
      session.on('openai_client_event_queued', (e) => queued.push(e.type));
      pc.terminate();
      await new Promise<void>((resolve) => session.once('session_reconnected', () => resolve()));
      await s.clock.sleep(1);
      const second = s.peer.frames.filter((f) => f.conn === 2).map((f) => f.event);
      const [full, tools, c1, c2] = second;
      expect(String(full!['event_id'])).toMatch(/^session_update_/);
      expect((full!['session'] as Record<string, unknown>)['instructions']).toBe('Be brief.');
      expect(String(tools!['event_id'])).toMatch(/^tools_update_/);
      expect(c1).toMatchObject({
        type: 'conversation.item.create',
        previous_item_id: 'root',
        item: { id: 'u1', type: 'message', role: 'user', content: [{ type: 'input_text', text: 'hello there' }] },
      });
      expect(String(c1!['event_id'])).toMatch(/^chat_ctx_create_[0-9a-f]{12}$/);
      expect(c2).toMatchObject({
        previous_item_id: 'u1',
        item: { id: 'a1', type: 'message', role: 'assistant', content: [{ type: 'output_text', text: 'hi!' }] },
      });
      expect(second).toHaveLength(4);
      expect(queued).toEqual([
        'session.update',
        'session.update',
        'conversation.item.create',
        'conversation.item.create',
      ]);
      // Beyond the reference (which empties the mirror): the mirror is what the burst
      // re-creates, at once, and the server's acknowledgements confirm it without copies.
      expect(session.chatCtx.items.map((i) => i.id)).toEqual(['u1', 'a1']);
      s.peer.send(itemAdded(userAudioItem('u1', 'hello there')));
      s.peer.send(
        itemAdded(
          { id: 'a1', type: 'message', role: 'assistant', content: [{ type: 'output_text', text: 'hi!' }] },
          null,
        ),
      );
      await s.clock.sleep(1);
      expect(session.chatCtx.items.map((i) => i.id)).toEqual(['u1', 'a1']);
      await session.close();
    });
  });

  it('§5.3 an updateChatCtx right after the burst, before its acks, appends after the re-created items', async () => {
    const s = setup();
    await run(s, async () => {
      const session = s.model.session();
      await s.peer.waitFor('session.update');
      s.peer.current.send(itemAdded(userAudioItem('u1', 'one')));
      s.peer.current.send(
        itemAdded(
          { id: 'a1', type: 'message', role: 'assistant', content: [{ type: 'output_text', text: 'hi!' }] },
          'u1',
        ),
      );
      await s.clock.sleep(10);
      s.peer.current.terminate();
      await new Promise<void>((resolve) => session.once('session_reconnected', () => resolve()));
      const ctx = session.chatCtx.copy();
      ctx.insert(new ChatMessage({ id: 'u2', role: 'user', content: ['two'] }));
      const done = session.updateChatCtx(ctx);
      await s.peer.waitFor('conversation.item.create', 3);
      const creates = s.peer.frames
        .filter((f) => f.conn === 2 && f.type === 'conversation.item.create')
        .map((f) => [f.event['previous_item_id'], (f.event['item'] as { id: string }).id]);
      // The reference diffed against an empty mirror: ['root', 'u2'], and the server held [u2, u1, a1].
      expect(creates).toEqual([
        ['root', 'u1'],
        ['u1', 'a1'],
        ['a1', 'u2'],
      ]);
      expect(s.peer.frames.filter((f) => f.conn === 2 && f.type === 'conversation.item.delete')).toEqual([]);
      for (const [prev, id] of creates)
        s.peer.send(
          itemAdded({ id, type: 'message', role: 'user', content: [{ type: 'input_text', text: '' }] }, prev as string),
        );
      await done;
      expect(session.chatCtx.items.map((i) => i.id)).toEqual(['u1', 'a1', 'u2']);
      await session.close();
    });
  });

  it(
    '§5.3 between a drop and the burst the mirror is already what the burst re-creates, ' +
      'so calls chain after kept items only',
    async () => {
      const s = setup();
      await run(s, async () => {
        const session = s.model.session();
        await s.peer.waitFor('session.update');
        s.peer.current.send(itemAdded(userAudioItem('u1', 'one')));
        s.peer.current.send(itemAdded(assistantItem('a1'), 'u1')); // cut before its text: empty, left out of the burst
        await s.clock.sleep(10);
        const closed = new Promise<void>((resolve) => session.once('connection_closed', () => resolve()));
        s.peer.current.terminate();
        await closed;
        expect(session.chatCtx.items.map((i) => i.id)).toEqual(['u1']);
        const ctx = session.chatCtx.copy();
        ctx.insert(new ChatMessage({ id: 'u2', role: 'user', content: ['two'] }));
        void session.updateChatCtx(ctx).catch(() => {});
        await new Promise<void>((resolve) => session.once('session_reconnected', () => resolve()));
        await s.peer.waitFor('conversation.item.create', 2);
        const creates = s.peer.frames
          .filter((f) => f.conn === 2 && f.type === 'conversation.item.create')
          .map((f) => [f.event['previous_item_id'], (f.event['item'] as { id: string }).id]);
        expect(creates).toEqual([
          ['root', 'u1'],
          ['u1', 'u2'],
        ]);
        await session.close();
      });
    },
  );

  it('§5.3 with no tools and an empty mirror the burst is the full update alone', async () => {
    const s = setup();
    await run(s, async () => {
      const session = s.model.session();
      await s.peer.waitFor('session.update');
      s.peer.current.terminate();
      await new Promise<void>((resolve) => session.once('session_reconnected', () => resolve()));
      await s.clock.sleep(1);
      expect(s.peer.frames.filter((f) => f.conn === 2).map((f) => f.type)).toEqual(['session.update']);
      await session.close();
    });
  });
});

describe('§5.4 session recycling', () => {
  it(
    '§5.4 after maxSessionDuration the socket closes with 1000, the session reconnects, ' + 'no error and no retry',
    async () => {
      const s = setup({ maxSessionDuration: 60_000, idleTimeoutMs: null });
      await run(s, async () => {
        const session = s.model.session();
        const events = recordEvents(session, s.clock);
        await new Promise<void>((resolve) => session.once('session_reconnected', () => resolve()));
        expect(s.peer.connections[0]!.closed).toEqual({ code: 1000, reason: '' });
        expect(s.peer.handshakes.map((h) => h.t)).toEqual([0, 60_000]);
        expect(names(events)).toEqual([
          'connection_opened',
          'connection_closed',
          'connection_opened',
          'session_reconnected',
        ]);
        await session.close();
      });
    },
  );

  it('§5.4 a response in flight is waited for before recycling', async () => {
    const s = setup({ maxSessionDuration: 1000, idleTimeoutMs: null });
    await run(s, async () => {
      const session = s.model.session();
      await s.peer.waitFor('session.update');
      playAudioResponse(s.peer.current, { responseId: 'r1', itemId: 'a1', open: true });
      await s.clock.sleep(5000);
      expect(s.peer.connections).toHaveLength(1);
      s.peer.send({ type: 'response.done', response: { id: 'r1', status: 'completed' } });
      await new Promise<void>((resolve) => session.once('session_reconnected', () => resolve()));
      expect(s.peer.handshakes.map((h) => h.t)).toEqual([0, 5000]);
      await session.close();
    });
  });

  it('§5.4 recycling is off by default for xAI (maxSessionDuration null)', async () => {
    const s = setup({ idleTimeoutMs: null });
    expect(s.model.maxSessionDurationMs).toBeNull();
    await run(s, async () => {
      const session = s.model.session();
      await s.peer.waitFor('session.update');
      expect(s.clock.pendingTimers()).toBe(0);
      await session.close();
    });
  });
});

describe('§5.5 close', () => {
  it('§5.5 close() sends what is queued, then closes with 1000 and resolves when the loop ends', async () => {
    const s = setup({ latencyMs: 20 });
    await run(s, async () => {
      const session = s.model.session();
      await s.peer.waitFor('session.update');
      await session.updateInstructions('one');
      session.clearAudio();
      const closing = session.close();
      await session.updateInstructions('dropped after close'); // R2.2
      await closing;
      expect(s.peer.types()).toEqual(['session.update', 'session.update', 'input_audio_buffer.clear']);
      expect(s.peer.current.closed).toEqual({ code: 1000, reason: '' });
      await session.close(); // twice is fine
    });
    expect(s.clock.pendingTimers()).toBe(0);
  });

  it('§5.5 close() while connecting still sends the queued events on the socket it opens', async () => {
    const s = setup({ latencyMs: 50 });
    await run(s, async () => {
      const session = s.model.session();
      await session.updateInstructions('x');
      await session.close();
      expect(s.peer.types()).toEqual(['session.update', 'session.update']);
    });
  });

  it('§5.5 close() during a retry sleep ends the loop at once', async () => {
    const s = setup({ peer: { handshake: refuse(503) } });
    await run(s, async () => {
      const session = s.model.session();
      await new Promise<void>((resolve) => session.once('error', () => resolve()));
      const before = s.clock.now();
      await session.close();
      expect(s.clock.now()).toBe(before);
      expect(s.peer.handshakes).toHaveLength(1);
    });
    expect(s.clock.pendingTimers()).toBe(0);
  });

  it('§5.5 close() stops waiting for the close echo after 2 s', async () => {
    let downstream = 0;
    const s = setup({ latencyMs: (direction) => (direction === 'downstream' ? downstream : 0) });
    await run(s, async () => {
      const session = s.model.session();
      const events = recordEvents(session, s.clock);
      await s.peer.waitFor('session.update');
      downstream = 1e9; // the peer's echo never arrives in time
      const start = s.clock.now();
      await session.close();
      expect(s.clock.now() - start).toBe(2000);
      expect(events.find((e) => e.name === 'connection_closed')?.payload).toEqual({ code: 1000, reason: '' });
      expect(events.filter((e) => e.name === 'error')).toEqual([]);
    });
  });

  it('§5.5 a failed send ends the socket quietly and the loop reconnects without an error', async () => {
    const s = setup();
    let failNext = false;
    const flaky: SocketFactory = (req) => {
      const ws = s.link.socketFactory(req);
      const send = ws.send.bind(ws);
      return new Proxy(ws, {
        get(target, prop) {
          if (prop === 'send') {
            return (data: string) => {
              if (failNext) {
                failNext = false;
                throw new Error('send failed');
              }
              send(data);
            };
          }
          const value = Reflect.get(target, prop) as unknown;
          return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
        },
      }) as SocketLike;
    };
    const model = new (s.model.constructor as typeof import('../../src/client/index.js').RealtimeModel)({
      apiKey: 'k',
      clock: s.clock,
      socketFactory: flaky,
      logger: s.logger,
    });
    await run(s, async () => {
      const session = model.session();
      const events = recordEvents(session, s.clock);
      await s.peer.waitFor('session.update');
      failNext = true;
      session.clearAudio();
      await new Promise<void>((resolve) => session.once('session_reconnected', () => resolve()));
      expect(errors(events)).toEqual([]);
      expect(s.peer.connections[0]!.closed?.code).toBe(1000);
      expect(s.logger.lines.some((l) => l.level === 'warn' && l.message.includes('failed to send'))).toBe(true);
      await session.close();
    });
  });
});

describe('half-open detection (rt-sim extra)', () => {
  it('a socket silent for idleTimeoutMs is dropped with a retryable error and the session reconnects', async () => {
    const s = setup({ idleTimeoutMs: 5000 });
    await run(s, async () => {
      const session = s.model.session();
      const events = recordEvents(session, s.clock);
      await s.peer.waitFor('session.update');
      s.peer.current.silent = true;
      await new Promise<void>((resolve) => session.once('session_reconnected', () => resolve()));
      const [err] = errors(events);
      expect(err?.recoverable).toBe(true);
      expect((err!.error as APIConnectionError).code).toBe('RTSIM_CLIENT_IDLE_TIMEOUT');
      expect((err!.error as APIConnectionError).retryable).toBe(true);
      expect(err?.timestamp).toBe(5);
      expect(events.find((e) => e.name === 'connection_closed')?.payload).toEqual({
        code: 4000,
        reason: 'rt-sim idle timeout',
      });
      expect(s.peer.handshakes.map((h) => h.t)).toEqual([0, 5100]);
      await session.close();
    });
    expect(s.clock.pendingTimers()).toBe(0);
  });

  it('any frame, ping included, resets the idle timer', async () => {
    const s = setup({ idleTimeoutMs: 5000 });
    await run(s, async () => {
      const session = s.model.session();
      await s.peer.waitFor('session.update');
      for (let i = 0; i < 5; i++) {
        await s.clock.sleep(4000);
        s.peer.send({ type: 'ping', timestamp: s.clock.now() });
      }
      await s.clock.sleep(4000);
      expect(s.peer.connections).toHaveLength(1);
      await s.clock.sleep(1001);
      expect(s.peer.connections[0]!.closed?.code).toBe(4000);
      await session.close();
    });
  });

  it('idleTimeoutMs null turns the detection off', async () => {
    const s = setup({ idleTimeoutMs: null });
    await run(s, async () => {
      const session = s.model.session();
      await s.peer.waitFor('session.update');
      expect(s.clock.pendingTimers()).toBe(0);
      await session.close();
    });
  });
});

describe('§8.8 fix: nothing survives a drop', () => {
  it('§8.8 a drop ends the response in flight and fails a pending generateReply with a clear error', async () => {
    const s = setup();
    await run(s, async () => {
      const session = s.model.session();
      await s.peer.waitFor('session.update');
      const created = new Promise<import('../../src/client/index.js').GenerationCreatedEvent>((resolve) =>
        session.once('generation_created', resolve),
      );
      s.peer.send(responseCreated('r1'));
      s.peer.send(outputItemAdded('r1', assistantItem('a1')));
      const gen = await created;
      const pending = session.generateReply();
      await s.peer.waitFor('response.create');
      s.peer.current.terminate();
      const error = await pending.catch((e: unknown) => e);
      expect(error).toBeInstanceOf(RealtimeError);
      expect((error as RealtimeError).code).toBe('RTSIM_CLIENT_CONNECTION_LOST');
      expect((error as Error).message).toContain('the connection ended (code 1006) before the server answered');
      const messages = [];
      for await (const m of gen.messageStream) {
        messages.push(m.messageId);
        for await (const _ of m.textStream) void _;
        for await (const _ of m.audioStream) void _;
        expect(await m.modalities).toEqual(['audio']);
      }
      expect(messages).toEqual(['a1']);
      for await (const _ of gen.functionStream) void _;
      await session.close();
    });
  });
});
