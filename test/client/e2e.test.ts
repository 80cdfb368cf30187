/**
 * The same client over a real `ws` server on loopback, on the real clock: what runs over the
 * in-memory link runs over a socket too.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { RealClock } from '../../src/clock/index.js';
import {
  startWsServer,
  type ConnectionHandler,
  type HandshakeDecision,
  type HandshakeRequest,
  type ServerConnection,
  type WsServerHandle,
} from '../../src/link/index.js';
import {
  ChatMessage,
  RealtimeModel,
  type RealtimeModelMetrics,
  type RealtimeSession,
  type RealtimeSessionEventName,
} from '../../src/client/index.js';
import { recordingLogger } from './peer.js';
import {
  assistantItem,
  audioDelta,
  contentPartAdded,
  itemAdded,
  outputItemAdded,
  outputItemDone,
  responseCreated,
  responseDone,
  transcriptDelta,
  transcriptDone,
  usage,
} from './server-events.js';

/** A tiny fake xAI server: answers creates and response requests like §4.2–§4.3. */
class LoopbackServer implements ConnectionHandler {
  readonly requests: HandshakeRequest[] = [];
  readonly received: string[] = [];
  readonly closes: number[] = [];
  readonly connections: ServerConnection[] = [];
  refuse = 0;
  #n = 0;

  handshake(request: HandshakeRequest): HandshakeDecision {
    this.requests.push(request);
    if (this.refuse > 0) {
      this.refuse--;
      return { accept: false, status: 401, body: 'bad key' };
    }
    return { accept: true };
  }

  connection(conn: ServerConnection): void {
    this.connections.push(conn);
    let last: string | null = null;
    const send = (e: Record<string, unknown>) => conn.send(JSON.stringify({ event_id: `evt_${++this.#n}`, ...e }));
    conn.onClose((code) => this.closes.push(code));
    conn.onMessage((text) => {
      const e = JSON.parse(text) as Record<string, unknown>;
      this.received.push(String(e['type']));
      if (e['type'] === 'session.update') send({ type: 'session.updated', session: { type: 'realtime' } });
      if (e['type'] === 'conversation.item.create') {
        const item = e['item'] as Record<string, unknown>;
        send(itemAdded(item, last));
        last = String(item['id']);
      }
      if (e['type'] === 'response.create') {
        const metadata = (e['response'] as { metadata: Record<string, string> }).metadata;
        const r = `resp_${this.#n}`;
        const a = `item_srv_${this.#n}`;
        send(responseCreated(r, metadata));
        send(outputItemAdded(r, assistantItem(a)));
        send(itemAdded(assistantItem(a), last));
        last = a;
        send(contentPartAdded(r, a));
        send(transcriptDelta(r, a, 'Hello '));
        send(audioDelta(r, a, new Int16Array(2400)));
        send(transcriptDelta(r, a, 'there.'));
        send(audioDelta(r, a, new Int16Array(1200)));
        send(transcriptDone(r, a, 'Hello there.'));
        send(outputItemDone(r, assistantItem(a, 'completed')));
        send({ ...responseDone(r, { usage }) });
      }
    });
  }
}

let server: WsServerHandle | undefined;
let session: RealtimeSession | undefined;

afterEach(async () => {
  await session?.close().catch(() => {});
  await server?.close();
  session = undefined;
  server = undefined;
});

function until<T>(s: RealtimeSession, name: RealtimeSessionEventName): Promise<T> {
  return new Promise((resolve) => s.once(name, (payload) => resolve(payload as T)));
}

describe('end to end over ws on 127.0.0.1', () => {
  it('connects with the headers, replies, syncs the chat context and closes cleanly', async () => {
    const handler = new LoopbackServer();
    server = await startWsServer(handler, { host: '127.0.0.1', port: 0 });
    const clock = new RealClock();
    const model = new RealtimeModel({
      apiKey: 'e2e-key',
      baseURL: server.url.replace(/^ws/, 'http'),
      clock,
      logger: recordingLogger(),
    });
    session = model.session();
    const metrics = until<RealtimeModelMetrics>(session, 'metrics_collected');

    const gen = await session.generateReply('Say hello.');
    expect(gen.userInitiated).toBe(true);
    let text = '';
    let samples = 0;
    for await (const message of gen.messageStream) {
      for await (const delta of message.textStream) text += delta;
      for await (const frame of message.audioStream) samples += frame.samplesPerChannel;
      expect(await message.modalities).toEqual(['audio', 'text']);
    }
    expect(text).toBe('Hello there.');
    expect(samples).toBe(3600);
    const m = await metrics;
    expect(m.outputTokens).toBe(20);
    expect(m.ttft).toBeGreaterThanOrEqual(0);

    const ctx = session.chatCtx.copy();
    ctx.insert(new ChatMessage({ id: 'item_user_1', role: 'user', content: ['Thanks!'] }));
    await session.updateChatCtx(ctx);
    expect(session.chatCtx.toJSON().items.map((i) => [i.id, i.type === 'message' ? i.content : []])).toEqual([
      [expect.stringMatching(/^item_srv_/), ['Hello there.']],
      ['item_user_1', ['Thanks!']],
    ]);

    await session.close();
    const request = handler.requests[0]!;
    expect(request.url).toBe(`${server!.url}?model=grok-4-1-fast-non-reasoning`);
    expect(request.headers['authorization']).toBe('Bearer e2e-key');
    expect(request.headers['user-agent']).toBe('rt-sim');
    expect(handler.received).toEqual(['session.update', 'response.create', 'conversation.item.create']);
    await waitFor(() => handler.closes.length === 1);
    expect(handler.closes).toEqual([1000]);
    expect(clock.pendingTimers()).toBe(0);
  });

  it('R2.5 a 401 refusal is retried over a real socket and the next connection sends the reconnect burst', async () => {
    const handler = new LoopbackServer();
    handler.refuse = 1;
    server = await startWsServer(handler, { host: '127.0.0.1', port: 0 });
    const clock = new RealClock();
    const model = new RealtimeModel({
      apiKey: 'k',
      baseURL: server.url,
      clock,
      logger: recordingLogger(),
      connOptions: { maxRetry: 2 },
    });
    session = model.session();
    const errors: boolean[] = [];
    session.on('error', (e) => errors.push(e.recoverable));
    await until(session, 'session_reconnected');
    expect(errors).toEqual([true]);
    expect(handler.requests).toHaveLength(2);
    await session.close();
    expect(clock.pendingTimers()).toBe(0);
  });

  it('R2.5 a dropped socket reconnects over a real socket', async () => {
    const handler = new LoopbackServer();
    server = await startWsServer(handler, { host: '127.0.0.1', port: 0 });
    const clock = new RealClock();
    const model = new RealtimeModel({ apiKey: 'k', baseURL: server.url, clock, logger: recordingLogger() });
    session = model.session();
    await waitFor(() => handler.received.length > 0);
    handler.connections[0]!.terminate();
    await until(session, 'session_reconnected');
    const gen = await session.generateReply();
    expect(gen.userInitiated).toBe(true);
    for await (const message of gen.messageStream) {
      for await (const _ of message.textStream) void _;
      for await (const _ of message.audioStream) void _;
    }
    await session.close();
    expect(clock.pendingTimers()).toBe(0);
  });
});

/** Polls a condition on the real event loop (the server's close report comes a moment after the client's). */
async function waitFor(condition: () => boolean): Promise<void> {
  const clock = new RealClock();
  for (let i = 0; i < 200 && !condition(); i++) await clock.sleep(5);
  expect(condition()).toBe(true);
}
