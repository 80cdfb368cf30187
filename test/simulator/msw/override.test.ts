/**
 * Issue 10: `server.use(createXaiHandler(...))` over an earlier handler replaces it, as msw
 * users expect of `server.use`. msw hands a WebSocket connection to every matching handler,
 * newest first; without a claim both fake servers answered the same socket (two
 * `conversation.created`, two replies to one `response.create`).
 */
import { ws } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket as WsWebSocket } from 'ws';
import { createXaiHandler } from '../../../src/simulator/msw/index.js';

const hadGlobalWebSocket = typeof (globalThis as { WebSocket?: unknown }).WebSocket === 'function';
if (!hadGlobalWebSocket) (globalThis as { WebSocket?: unknown }).WebSocket = WsWebSocket;

const server = setupServer(
  createXaiHandler({ server: { reply: { transcript: 'From the first handler.', audio: null } } }),
);
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => {
  server.close();
  if (!hadGlobalWebSocket) delete (globalThis as { WebSocket?: unknown }).WebSocket;
});

/** Connects, asks for one reply, and returns every event up to its `response.done` and a short quiet spell. */
async function oneReply(): Promise<{ type: string; transcript?: string }[]> {
  const socket = new globalThis.WebSocket('wss://api.x.ai/v1/realtime', []);
  const events: { type: string; transcript?: string }[] = [];
  const done = new Promise<void>((resolve) => {
    socket.addEventListener('message', (e) => {
      const event = JSON.parse(String(e.data)) as { type: string };
      events.push(event);
      if (event.type === 'conversation.created' && events.filter((x) => x.type === 'conversation.created').length === 1)
        socket.send(JSON.stringify({ type: 'response.create' }));
      if (event.type === 'response.done') resolve();
    });
  });
  await done;
  // A second fake server would answer within the same few turns of the event loop.
  await new Promise((resolve) => globalThis.setTimeout(resolve, 50));
  const closed = new Promise((resolve) => socket.addEventListener('close', resolve));
  socket.close();
  await closed;
  return events;
}

describe('createXaiHandler under server.use', () => {
  it('answers with the first handler while no override is in place', async () => {
    const events = await oneReply();
    expect(events.filter((e) => e.type === 'conversation.created')).toHaveLength(1);
    expect(events.find((e) => e.type === 'response.output_audio_transcript.done')?.transcript).toBe(
      'From the first handler.',
    );
  });

  it('lets a handler added by server.use replace the earlier one: one fake server answers the socket', async () => {
    server.use(createXaiHandler({ server: { reply: { transcript: 'From the override.', audio: null } } }));
    const events = await oneReply();
    expect(events.filter((e) => e.type === 'conversation.created')).toHaveLength(1);
    expect(events.filter((e) => e.type === 'response.done')).toHaveLength(1);
    expect(events.filter((e) => e.type === 'response.output_audio_transcript.done').map((e) => e.transcript)).toEqual([
      'From the override.',
    ]);
  });

  it('keeps the client messages from an older user handler on the same URL, like msw stopPropagation', async () => {
    const seenByOlder: string[] = [];
    const older = ws.link('wss://api.x.ai/v1/realtime');
    server.resetHandlers(
      older.addEventListener('connection', ({ client }) =>
        client.addEventListener('message', (e) => seenByOlder.push(String(e.data))),
      ),
    );
    server.use(createXaiHandler({ server: { reply: { transcript: 'Only me.', audio: null } } }));
    const events = await oneReply();
    expect(events.filter((e) => e.type === 'response.output_audio_transcript.done').map((e) => e.transcript)).toEqual([
      'Only me.',
    ]);
    expect(seenByOlder).toEqual([]);
  });
});
