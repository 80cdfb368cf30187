/**
 * The rt-sim client holds the same conversation with the simulator over each of its three
 * transports (issue 4): the in-memory link on the virtual clock, a real `ws` server on
 * 127.0.0.1, and msw intercepting the global `WebSocket`.
 */
import { setupServer } from 'msw/node';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket as WsWebSocket } from 'ws';
import { RealtimeModel, silentLogger } from '../../src/client/index.js';
import type { RealtimeModelMetrics, RealtimeSession, WebSocketCtor } from '../../src/client/index.js';
import { RealClock, VirtualClock, createRandom } from '../../src/clock/index.js';
import type { Clock } from '../../src/clock/index.js';
import { createMemoryLink } from '../../src/link/index.js';
import { createSimulator, serveSimulator } from '../../src/simulator/index.js';
import type { Simulator } from '../../src/simulator/index.js';
import { createXaiHandler } from '../../src/simulator/msw/index.js';

const REPLY = { transcript: 'Over every transport.', audio: { tone: { hz: 300, ms: 200 } } };
const KEY = 'transport-test-key';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function simulator(clock: Clock, apiKey: string | null): Promise<Simulator> {
  const sim = await createSimulator({
    clock,
    random: createRandom(7),
    config: { server: { reply: REPLY } },
    apiKey,
    strict: true,
  });
  cleanups.push(() => sim.close());
  return sim;
}

function clientTypes(sim: Simulator): string[] {
  const types: string[] = [];
  sim.onFrame((f) => {
    if (f.direction === 'in') types.push((JSON.parse(f.text) as { type: string }).type);
  });
  return types;
}

/** One reply, read through the client's streams, then a clean close. */
async function converse(
  session: RealtimeSession,
): Promise<{ text: string; samples: number; metrics: RealtimeModelMetrics; chat: string[] }> {
  const metrics = new Promise<RealtimeModelMetrics>((resolve) =>
    session.once('metrics_collected', (m) => resolve(m as RealtimeModelMetrics)),
  );
  const gen = await session.generateReply();
  let text = '';
  let samples = 0;
  for await (const message of gen.messageStream) {
    for await (const delta of message.textStream) text += delta;
    for await (const frame of message.audioStream) samples += frame.samplesPerChannel;
  }
  const m = await metrics;
  const chat = session.chatCtx
    .toJSON()
    .items.map((i) => (i.type === 'message' ? `${i.role}: ${i.content.join('')}` : i.type));
  await session.close();
  return { text, samples, metrics: m, chat };
}

function expectTheConversation(r: Awaited<ReturnType<typeof converse>>, sent: string[]): void {
  expect(r.text).toBe(REPLY.transcript);
  // 200 ms of 24 kHz audio.
  expect(r.samples).toBe(4800);
  expect(r.metrics.cancelled).toBe(false);
  expect(r.chat).toEqual([`assistant: ${REPLY.transcript}`]);
  expect(sent).toEqual(['session.update', 'response.create']);
}

describe('the rt-sim client and the simulator', () => {
  it('hold a conversation over the in-memory link on the virtual clock', async () => {
    const clock = new VirtualClock();
    const sim = await simulator(clock, KEY);
    const sent = clientTypes(sim);
    const link = createMemoryLink(sim, { clock });
    const model = new RealtimeModel({
      apiKey: KEY,
      clock,
      random: createRandom(1),
      socketFactory: link.socketFactory,
      logger: silentLogger,
    });
    const r = await clock.run(converse(model.session()), { maxMs: 60_000 });
    expectTheConversation(r, sent);
    // Virtual time: two 100 ms chunks paced exactly, the second at 100 ms with response.done.
    expect(r.metrics.duration).toBeCloseTo(0.1, 6);
  });

  it('hold a conversation over a real ws server on 127.0.0.1', async () => {
    const clock = new RealClock();
    const sim = await simulator(clock, KEY);
    const sent = clientTypes(sim);
    const handle = await serveSimulator(sim, { host: '127.0.0.1', port: 0 });
    cleanups.push(() => handle.close());
    const model = new RealtimeModel({
      apiKey: KEY,
      baseURL: handle.url.replace(/^ws/, 'http').replace(/\/realtime$/, ''),
      clock,
      logger: silentLogger,
    });
    expectTheConversation(await converse(model.session()), sent);
  });

  it('hold a conversation through msw intercepting the global WebSocket', async () => {
    const g = globalThis as { WebSocket?: unknown };
    const had = g.WebSocket;
    // Node 20 has no global WebSocket without --experimental-websocket; msw needs one before it starts.
    if (typeof had !== 'function') g.WebSocket = WsWebSocket;
    cleanups.push(() => {
      if (typeof had !== 'function') delete g.WebSocket;
    });
    const clock = new RealClock();
    // msw cannot see handshake headers, so this simulator takes any key.
    const sim = await simulator(clock, null);
    const sent = clientTypes(sim);
    const server = setupServer(createXaiHandler(sim));
    server.listen({ onUnhandledRequest: 'error' });
    cleanups.push(() => server.close());
    const model = new RealtimeModel({
      apiKey: KEY,
      clock,
      WebSocket: g.WebSocket as WebSocketCtor,
      logger: silentLogger,
    });
    expectTheConversation(await converse(model.session()), sent);
  });
});
