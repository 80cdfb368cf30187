/**
 * Hostile server frames into the client over a real loopback socket (issue 11): what only a
 * real socket carries (invalid UTF-8 in a text frame) and the big ones (a 2,000-deep frame,
 * a 4 MB audio delta, binary frames), each with a reply pending. Bounded per case, not timed.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { WebSocket } from 'ws';
import { RealtimeModel, silentLogger, type RealtimeModelError } from '../../../src/client/index.js';
import { RealClock } from '../../../src/clock/index.js';
import {
  assistantItem,
  contentPartAdded,
  itemAdded,
  outputItemAdded,
  responseCreated,
  responseDone,
  transcriptDelta,
} from '../../client/server-events.js';
import { loopbackServer } from '../loopback-server.js';
import { ProcessGuard } from './hostile.js';

const BOUND_MS = 10_000;
const clock = new RealClock();
const guard = new ProcessGuard();
beforeAll(() => guard.install());
afterAll(() => guard.uninstall());

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** A loopback server; `hostile` runs on each `response.create` with the socket and the client's event id. */
function server(
  hostile: (ws: WebSocket, clientEventId: string, connection: number) => void,
): Promise<{ baseURL: string; connections: () => number }> {
  return loopbackServer((ws, connection) => {
    ws.on('message', (data) => {
      const event = JSON.parse(String(data)) as { type: string; event_id?: string };
      if (event.type === 'response.create') hostile(ws, String(event.event_id), connection);
    });
  }, cleanups);
}

/** Settles within the bound or fails as a hang. */
async function bounded<T>(promise: Promise<T>, what: string): Promise<T> {
  const stop = new AbortController();
  const hang = clock.sleep(BOUND_MS, stop.signal).then(() => {
    throw new Error(`${what} did not settle within ${BOUND_MS} ms: a hang`);
  });
  hang.catch(() => {});
  try {
    return await Promise.race([promise, hang]);
  } finally {
    stop.abort();
  }
}

const send = (ws: WebSocket, event: Record<string, unknown>, n: number): void =>
  ws.send(JSON.stringify({ event_id: `event_${n}`, ...event }));

/** A whole good text reply "Hello." to `clientEventId`. */
function goodReply(ws: WebSocket, clientEventId: string, id: string): void {
  send(ws, responseCreated(id, { client_event_id: clientEventId }), 1);
  send(ws, outputItemAdded(id, assistantItem(`${id}_item`)), 2);
  send(ws, itemAdded(assistantItem(`${id}_item`)), 3);
  send(ws, contentPartAdded(id, `${id}_item`), 4);
  send(ws, transcriptDelta(id, `${id}_item`, 'Hello.'), 5);
  send(ws, responseDone(id), 6);
}

async function textOf(
  generation: Awaited<ReturnType<ReturnType<RealtimeModel['session']>['generateReply']>>,
): Promise<string> {
  let text = '';
  for await (const message of generation.messageStream) for await (const delta of message.textStream) text += delta;
  return text;
}

describe('hostile server frames into the client (real loopback socket)', () => {
  it('reports a non-UTF-8 text frame as a dropped connection, fails the pending reply, reconnects', async () => {
    const { baseURL, connections } = await server((ws, clientEventId, connection) => {
      if (connection === 1) ws.send(Buffer.from([0x7b, 0x22, 0xc3, 0x28, 0x22, 0x7d]), { binary: false });
      else goodReply(ws, clientEventId, 'resp_after');
    });
    const session = new RealtimeModel({ apiKey: 'k', baseURL, logger: silentLogger }).session();
    const errors: RealtimeModelError[] = [];
    session.on('error', (e) => errors.push(e));
    await expect(bounded(session.generateReply(), 'the reply')).rejects.toThrow(/connection ended|closed/);
    expect(errors.map((e) => [e.recoverable, e.error.message])).toEqual([
      [true, expect.stringContaining('invalid UTF-8')],
    ]);
    expect(await bounded(session.generateReply().then(textOf), 'the reply after the reconnect')).toBe('Hello.');
    expect(connections()).toBe(2);
    await session.close();
    guard.check(() => 'invalid UTF-8 into the client');
  });

  it('takes a 2,000-deep frame, a 4 MB audio delta and binary frames in a reply; answers the next one', async () => {
    let replies = 0;
    const { baseURL } = await server((ws, clientEventId) => {
      const id = `resp_${++replies}`;
      if (replies > 1) return goodReply(ws, clientEventId, id);
      send(ws, responseCreated(id, { client_event_id: clientEventId }), 1);
      send(ws, outputItemAdded(id, assistantItem('a')), 2);
      send(ws, itemAdded(assistantItem('a')), 3);
      send(ws, contentPartAdded(id, 'a'), 4);
      ws.send(
        `{"type":"response.output_audio_transcript.delta","event_id":"deep","response_id":"${id}","item_id":"a","output_index":0,"content_index":0,"delta":"Big ","x":${'['.repeat(2000)}${']'.repeat(2000)}}`,
      );
      send(
        ws,
        {
          type: 'response.output_audio.delta',
          response_id: id,
          item_id: 'a',
          output_index: 0,
          content_index: 0,
          delta: Buffer.alloc(3_000_000).toString('base64'),
        },
        5,
      );
      ws.send(Buffer.alloc(4096, 7), { binary: true });
      send(ws, transcriptDelta(id, 'a', 'frames.'), 6);
      send(ws, responseDone(id), 7);
    });
    const session = new RealtimeModel({ apiKey: 'k', baseURL, logger: silentLogger }).session();
    const errors: RealtimeModelError[] = [];
    session.on('error', (e) => errors.push(e));
    const first = await bounded(session.generateReply(), 'the first reply');
    let audioBytes = 0;
    const text = await bounded(
      (async () => {
        let t = '';
        for await (const message of first.messageStream) {
          const audio = (async () => {
            for await (const frame of message.audioStream) audioBytes += frame.data.byteLength;
          })();
          for await (const delta of message.textStream) t += delta;
          await audio;
        }
        return t;
      })(),
      'the first reply streams',
    );
    expect(text).toBe('Big frames.');
    expect(audioBytes).toBe(3_000_000);
    expect(errors).toEqual([]);
    expect(await bounded(session.generateReply().then(textOf), 'the next reply')).toBe('Hello.');
    guard.check(() => 'big frames into the client');
    await session.close();
  });
});
