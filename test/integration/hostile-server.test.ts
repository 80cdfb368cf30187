/**
 * The client against real `ws` servers on 127.0.0.1 that behave as a hostile or careless
 * peer would (issue 11): one that speaks first, in the same segment as its handshake answer.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { WebSocket } from 'ws';
import { RealtimeModel, silentLogger, type RealtimeModelError } from '../../src/client/index.js';
import { RealClock } from '../../src/clock/index.js';
import {
  assistantItem,
  contentPartAdded,
  itemAdded,
  outputItemAdded,
  outputItemDone,
  responseCreated,
  responseDone,
  transcriptDelta,
  transcriptDone,
} from '../client/server-events.js';
import { loopbackServer } from './loopback-server.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** A loopback `ws` server; `onConnection` runs for every accepted socket. */
function server(onConnection: (ws: WebSocket) => void): Promise<{ baseURL: string; connections: () => number }> {
  return loopbackServer((ws) => onConnection(ws), cleanups);
}

const created = (n: number): string =>
  JSON.stringify({
    type: 'conversation.created',
    event_id: `event_${n}`,
    conversation: { id: `conv_${n}`, object: 'realtime.conversation' },
  });

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
      await Promise.race([first, missed]).then(
        () => received++,
        () => {},
      );
      stopWaiting.abort();
      missed.catch(() => {});
      await session.close();
    }
    expect(sent).toBe(20);
    expect(received).toBe(20);
  });
});

describe('a server that greets and drops every connection', () => {
  it('sees exactly maxRetry + 1 connections, then the client reports a fatal error', async () => {
    const { baseURL, connections } = await server((ws) => {
      ws.send(created(0));
      ws.terminate();
    });
    const model = new RealtimeModel({
      apiKey: 'k',
      baseURL,
      logger: silentLogger,
      connOptions: { maxRetry: 2, retryIntervalMs: 50 },
    });
    const session = model.session();
    const errors: RealtimeModelError[] = [];
    const fatal = new Promise<RealtimeModelError>((resolve) =>
      session.on('error', (e) => {
        const error = e as RealtimeModelError;
        errors.push(error);
        if (!error.recoverable) resolve(error);
      }),
    );
    const last = await fatal;
    expect(connections()).toBe(3);
    expect(errors.map((e) => e.recoverable)).toEqual([true, true, false]);
    expect(last.error.message).toContain('connection closed unexpectedly');
    // The session dies right after its fatal error event.
    await new RealClock().sleep(20);
    expect(session.closed).toBe(true);
    await expect(session.generateReply()).rejects.toThrow('failed after 3 attempts (maxRetry 2)');
    // The session is dead: close() reports why.
    await expect(session.close()).rejects.toMatchObject({ code: 'RTSIM_CLIENT_RETRIES_EXHAUSTED', retryable: false });
    expect(connections()).toBe(3);
  });
});

describe('a server that interleaves two responses', () => {
  it('never applies frames of the other response to the one in flight', async () => {
    const { baseURL } = await server((ws) => {
      ws.on('message', (data) => {
        const event = JSON.parse(String(data)) as { type: string; event_id?: string };
        if (event.type !== 'response.create') return;
        const send = (e: Record<string, unknown>): void => ws.send(JSON.stringify(e));
        // rA (server-initiated) starts, then rB (the client's) takes over; rA keeps streaming.
        send(responseCreated('rA'));
        send(outputItemAdded('rA', assistantItem('aA')));
        send(itemAdded(assistantItem('aA')));
        send(responseCreated('rB', { client_event_id: String(event.event_id) }));
        send(outputItemAdded('rB', assistantItem('aB')));
        send(itemAdded(assistantItem('aB'), 'aA'));
        send(contentPartAdded('rA', 'aA'));
        send(contentPartAdded('rB', 'aB'));
        for (const [a, b] of [
          ['WRONG ', 'Right '],
          ['WRONG', 'one.'],
        ] as const) {
          send(transcriptDelta('rA', 'aA', a));
          send(transcriptDelta('rB', 'aB', b));
        }
        send(transcriptDone('rA', 'aA', 'WRONG WRONG'));
        send(outputItemDone('rA', assistantItem('aA', 'completed')));
        send(responseDone('rA'));
        send(transcriptDone('rB', 'aB', 'Right one.'));
        send(outputItemDone('rB', assistantItem('aB', 'completed')));
        send(responseDone('rB'));
      });
    });
    const warnings: string[] = [];
    const logger = { ...silentLogger, warn: (message: string) => void warnings.push(message) };
    const model = new RealtimeModel({ apiKey: 'k', baseURL, logger });
    const session = model.session();
    const errors: unknown[] = [];
    session.on('error', (e) => errors.push(e));
    const gen = await session.generateReply();
    let text = '';
    for await (const message of gen.messageStream) for await (const delta of message.textStream) text += delta;
    expect(text).toBe('Right one.');
    expect(errors).toEqual([]);
    // rA's content part, 2 deltas, transcript.done and output_item.done; its response.done is ignored too.
    expect(warnings.filter((w) => w.startsWith('frame of another response'))).toHaveLength(5);
    await session.close();
  });
});
