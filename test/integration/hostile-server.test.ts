/**
 * The client against real `ws` servers on 127.0.0.1 that behave as a hostile or careless
 * peer would (issue 11): one that speaks first, in the same segment as its handshake answer.
 */
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocketServer, type WebSocket } from 'ws';
import { RealtimeModel, silentLogger, type RealtimeModelError } from '../../src/client/index.js';
import { RealClock } from '../../src/clock/index.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** A loopback `ws` server; `onConnection` runs for every accepted socket. */
async function server(onConnection: (ws: WebSocket) => void): Promise<{ baseURL: string; connections: () => number }> {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  let count = 0;
  wss.on('connection', (ws) => {
    count++;
    onConnection(ws);
  });
  await new Promise<void>((resolve) => wss.once('listening', () => resolve()));
  cleanups.push(
    () =>
      new Promise<void>((resolve) => {
        for (const client of wss.clients) client.terminate();
        wss.close(() => resolve());
      }),
  );
  const { port } = wss.address() as AddressInfo;
  return { baseURL: `http://127.0.0.1:${port}/v1`, connections: () => count };
}

const created = (n: number): string => JSON.stringify({ type: 'conversation.created', event_id: `event_${n}`, conversation: { id: `conv_${n}`, object: 'realtime.conversation' } });

describe('a server that speaks first', () => {
  it('loses none of 20 frames sent at once on connection', async () => {
    let sent = 0;
    const { baseURL } = await server((ws) => ws.send(created(++sent)));
    const model = new RealtimeModel({ apiKey: 'k', baseURL, logger: silentLogger, idleTimeoutMs: null });
    const clock = new RealClock();
    let received = 0;
    for (let i = 0; i < 20; i++) {
      const session = model.session();
      const stopWaiting = new AbortController();
      const missed = clock.sleep(1000, stopWaiting.signal).then(() => {
        throw new Error('no first frame within 1 s');
      });
      const first = new Promise<void>((resolve, reject) => {
        session.on('openai_server_event_received', (event) => {
          if ((event as { type?: unknown }).type === 'conversation.created') resolve();
        });
        session.on('error', (error) => reject((error as RealtimeModelError).error));
        session.on('connection_closed', () => reject(new Error('closed before the first frame arrived')));
      });
      await Promise.race([first, missed]).then(() => received++, () => {});
      stopWaiting.abort();
      missed.catch(() => {});
      await session.close();
    }
    expect(sent).toBe(20);
    expect(received).toBe(20);
  });
});
