/**
 * The msw handler in a vitest test, the way a user would write one. Node 20 has no global
 * `WebSocket` without `--experimental-websocket` (checked below), and msw only intercepts
 * the global class, so the test sets one from the `ws` package before msw starts.
 */
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket as WsWebSocket } from 'ws';
import { VirtualClock, createRandom } from '../../../src/clock/index.js';
import { parseServerEvent } from '../../../src/protocol/index.js';
import { createSimulator } from '../../../src/simulator/index.js';
import type { Simulator } from '../../../src/simulator/index.js';
import { createXaiHandler } from '../../../src/simulator/msw/index.js';

const hadGlobalWebSocket = typeof (globalThis as { WebSocket?: unknown }).WebSocket === 'function';
if (!hadGlobalWebSocket) (globalThis as { WebSocket?: unknown }).WebSocket = WsWebSocket;

const clock = new VirtualClock();
let sim: Simulator;
let server: ReturnType<typeof setupServer>;

beforeAll(async () => {
  sim = await createSimulator({
    clock,
    random: createRandom(3),
    config: {
      server: {
        profile: 'xai-2025-12',
        reply: { transcript: 'Mocked by msw.', audio: { tone: { hz: 300, ms: 200 } } },
      },
    },
    apiKey: 'secret-token',
    strict: true,
  });
  server = setupServer(
    createXaiHandler(sim),
    createXaiHandler(
      { server: { reply: { transcript: 'From a config.', audio: null } } },
      { url: 'wss://example.test/v1/realtime' },
    ),
  );
  server.listen({ onUnhandledRequest: 'error' });
});
afterEach(() => server.resetHandlers());
afterAll(async () => {
  server.close();
  await sim.close();
  if (!hadGlobalWebSocket) delete (globalThis as { WebSocket?: unknown }).WebSocket;
});

interface Conversation {
  ws: WebSocket;
  events: Record<string, unknown>[];
  until(test: () => boolean): Promise<void>;
  closed: Promise<{ code: number }>;
}

function connect(url: string, protocols: string[]): Conversation {
  const ws = new globalThis.WebSocket(url, protocols);
  const events: Record<string, unknown>[] = [];
  const wake: (() => void)[] = [];
  ws.addEventListener('message', (e) => {
    const parsed = parseServerEvent(String(e.data));
    if (!parsed.ok) throw parsed.error;
    events.push(parsed.event as Record<string, unknown>);
    for (const w of wake.splice(0)) w();
  });
  const closed = new Promise<{ code: number }>((resolve) =>
    ws.addEventListener('close', (e) => resolve({ code: e.code })),
  );
  const until = (test: () => boolean): Promise<void> =>
    new Promise((resolve) => {
      const check = (): void => (test() ? resolve() : void wake.push(check));
      check();
    });
  return { ws, events, until, closed };
}

describe('createXaiHandler (msw 2.x ws.link)', () => {
  it('records whether this Node has a global WebSocket without flags (Node 20: no; Node 22: yes)', () => {
    const major = Number(process.versions.node.split('.')[0]);
    expect(hadGlobalWebSocket).toBe(major >= 22 || process.execArgv.includes('--experimental-websocket'));
    expect(typeof globalThis.WebSocket).toBe('function');
  });

  it('answers a globalThis.WebSocket client at wss://api.x.ai/v1/realtime, authenticated by subprotocol', async () => {
    const c = connect('wss://api.x.ai/v1/realtime?model=grok-voice-latest', ['xai-client-secret.secret-token']);
    await clock.run(c.until(() => c.events.length > 0));
    expect(c.events[0]!.type).toBe('conversation.created');
    c.ws.send(
      JSON.stringify({
        type: 'conversation.item.create',
        item: { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'hi' }] },
      }),
    );
    c.ws.send(
      JSON.stringify({ type: 'response.create', event_id: 'rc1', response: { metadata: { client_event_id: 'rc1' } } }),
    );
    await clock.run(c.until(() => c.events.some((e) => e.type === 'response.done')));
    const done = c.events.find((e) => e.type === 'response.done')!;
    expect(done.response).toMatchObject({ status: 'completed', metadata: { client_event_id: 'rc1' } });
    expect(c.events.filter((e) => e.type === 'response.output_audio.delta')).toHaveLength(2);
    expect(
      c.events
        .filter((e) => e.type === 'response.output_audio_transcript.delta')
        .map((e) => e.delta)
        .join(''),
    ).toBe('Mocked by msw.');
    expect(sim.sessions().at(-1)!.model).toBe('grok-voice-latest');
    c.ws.close();
    await clock.run(c.closed);
  });

  it('refuses a wrong token the way ws reports a refused handshake: error, then close 1006', async () => {
    const c = connect('wss://api.x.ai/v1/realtime', ['xai-client-secret.']);
    const errored = new Promise<void>((resolve) => c.ws.addEventListener('error', () => resolve()));
    await clock.run(errored);
    const closed = await clock.run(c.closed);
    expect(closed.code).toBe(1006);
    expect(c.events).toEqual([]);
  });

  it('builds its own simulator from a config (real clock) on the URL it is given', async () => {
    const c = connect('wss://example.test/v1/realtime', []);
    await c.until(() => c.events.length > 0);
    c.ws.send(JSON.stringify({ type: 'response.create' }));
    await c.until(() => c.events.some((e) => e.type === 'response.done'));
    expect(c.events.find((e) => e.type === 'response.output_audio_transcript.done')!.transcript).toBe('From a config.');
    c.ws.close();
    await c.closed;
  });
});
