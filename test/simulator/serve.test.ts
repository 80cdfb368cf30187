import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { RealClock, createRandom } from '../../src/clock/index.js';
import { encodePcm16, parseServerEvent } from '../../src/protocol/index.js';
import type { ServeHandle } from '../../src/simulator/index.js';
import { createSimulator, serveSimulator, toneSamples } from '../../src/simulator/index.js';
import type { Json } from './driver.js';
import { closeServersAfterEach } from './serve-cleanup.js';

const { sockets, track } = closeServersAfterEach();

async function serve(config: Parameters<typeof createSimulator>[0]['config'] = {}): Promise<ServeHandle> {
  const sim = await createSimulator({
    clock: new RealClock(),
    random: createRandom(5),
    config: {
      server: {
        profile: 'xai-2025-12',
        reply: { transcript: 'Hi from the simulator.', audio: { tone: { hz: 440, ms: 300 } } },
      },
      ...config,
    },
    apiKey: 'sk-test',
    strict: true,
  });
  return track(await serveSimulator(sim, { port: 0 }));
}

/** A client nobody in this project wrote: the `ws` package, driven by hand. */
function open(
  url: string,
  headers: Record<string, string>,
): Promise<{ ws: WebSocket; events: Json[]; next: (type: string) => Promise<Json> }> {
  const ws = new WebSocket(url, { headers });
  sockets.push(ws);
  const events: Json[] = [];
  const waiting: (() => void)[] = [];
  ws.on('message', (data) => {
    const text = data.toString();
    const parsed = parseServerEvent(text);
    if (!parsed.ok) throw parsed.error;
    events.push(JSON.parse(text) as Json);
    for (const w of waiting.splice(0)) w();
  });
  const next = (type: string): Promise<Json> =>
    new Promise((resolve, reject) => {
      const check = (): void => {
        const found = events.find((e) => e.type === type);
        if (found) resolve(found);
        else if (ws.readyState === WebSocket.CLOSED) reject(new Error(`closed before ${type}`));
        else waiting.push(check);
      };
      ws.once('close', () => check());
      check();
    });
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve({ ws, events, next }));
    ws.once('error', reject);
  });
}

describe('serveSimulator: the simulator on a real ws server', () => {
  it('prints a loopback URL at /v1/realtime', async () => {
    const s = await serve();
    expect(s.url).toMatch(/^ws:\/\/127\.0\.0\.1:\d+\/v1\/realtime$/);
    expect(s.host).toBe('127.0.0.1');
  });

  it(
    'holds a whole conversation with a raw ws client: session.update, append/commit, response.create, ' +
      'audio and transcript through response.done',
    async () => {
      const s = await serve();
      const c = await open(`${s.url}?model=grok-voice-latest`, { Authorization: 'Bearer sk-test' });
      expect((await c.next('conversation.created')).conversation.id).toMatch(/^conv_/);
      c.ws.send(
        JSON.stringify({
          type: 'session.update',
          session: { voice: 'rex', turn_detection: null, instructions: 'Be brief.' },
        }),
      );
      expect((await c.next('session.updated')).session).toMatchObject({
        model: 'grok-voice-latest',
        voice: 'rex',
        turn_detection: null,
      });
      const audio = toneSamples(200, 400, 0.5);
      for (let i = 0; i < audio.length; i += 2400)
        c.ws.send(
          JSON.stringify({ type: 'input_audio_buffer.append', audio: encodePcm16(audio.subarray(i, i + 2400)) }),
        );
      c.ws.send(JSON.stringify({ type: 'input_audio_buffer.commit' }));
      const committed = await c.next('input_audio_buffer.committed');
      c.ws.send(
        JSON.stringify({ type: 'response.create', event_id: 'r1', response: { metadata: { client_event_id: 'r1' } } }),
      );
      const done = await c.next('response.done');
      const types = c.events.map((e) => e.type);
      expect(types.slice(0, 5)).toEqual([
        'conversation.created',
        'session.updated',
        'input_audio_buffer.committed',
        'conversation.item.added',
        'conversation.item.input_audio_transcription.completed',
      ]);
      expect(c.events.find((e) => e.type === 'conversation.item.added')!.item.id).toBe(committed.item_id);
      expect(
        c.events
          .filter((e) => e.type === 'response.output_audio.delta')
          .map((e) => Buffer.from(e.delta, 'base64').length),
      ).toEqual([4800, 4800, 4800]);
      expect(
        c.events
          .filter((e) => e.type === 'response.output_audio_transcript.delta')
          .map((e) => e.delta)
          .join(''),
      ).toBe('Hi from the simulator.');
      expect(done.response).toMatchObject({ status: 'completed', metadata: { client_event_id: 'r1' } });
    },
  );

  it('serves many connections at once, each with its own session', async () => {
    const s = await serve();
    const clients = await Promise.all(
      Array.from({ length: 5 }, () => open(s.url, { authorization: 'Bearer sk-test' })),
    );
    for (const c of clients) c.ws.send(JSON.stringify({ type: 'response.create' }));
    const dones = await Promise.all(clients.map((c) => c.next('response.done')));
    const conversations = await Promise.all(clients.map((c) => c.next('conversation.created')));
    expect(new Set(conversations.map((e) => e.conversation.id)).size).toBe(5);
    expect(dones.every((d) => d.response.status === 'completed')).toBe(true);
  });

  it('answers a wrong key with a real HTTP 401 that a client sees as a failed handshake', async () => {
    const s = await serve();
    const ws = new WebSocket(s.url, { headers: { Authorization: 'Bearer wrong' } });
    sockets.push(ws);
    const error = await new Promise<Error>((resolve) => ws.once('error', resolve));
    expect(error.message).toBe('Unexpected server response: 401');
  });

  it("answers an upgrade to an unknown path with the service's JSON not_found body, not a plain 404", async () => {
    const s = await serve();
    const url = s.url.replace('/v1/realtime', '/v1/realtime/elsewhere');
    const ws = new WebSocket(url, { headers: { Authorization: 'Bearer sk-test' } });
    ws.on('error', () => undefined);
    const answer = await new Promise<{ status: number | undefined; type: string | undefined; body: string }>(
      (resolve) => {
        ws.once('unexpected-response', (req, res) => {
          let body = '';
          res.on('data', (chunk: Buffer) => (body += chunk.toString()));
          res.on('end', () => {
            req.destroy();
            resolve({ status: res.statusCode, type: res.headers['content-type'], body });
          });
        });
      },
    );
    expect(answer.status).toBe(404);
    expect(answer.type).toContain('application/json');
    expect(JSON.parse(answer.body)).toEqual({
      error: {
        type: 'invalid_request_error',
        code: 'not_found',
        message: 'No such endpoint: /v1/realtime/elsewhere. Expected /v1/realtime.',
      },
    });
  });

  it('close() ends the sessions with 1001 and stops listening', async () => {
    const s = await serve();
    const c = await open(s.url, { Authorization: 'Bearer sk-test' });
    await c.next('conversation.created');
    const closed = new Promise<number>((resolve) => c.ws.once('close', (code) => resolve(code)));
    await s.close();
    expect(await closed).toBe(1001);
    const refused = new WebSocket(s.url, { headers: { Authorization: 'Bearer sk-test' } });
    await new Promise<void>((resolve) => refused.once('error', () => resolve()));
  });
});
