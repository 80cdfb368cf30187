import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { RealClock, createRandom } from '../../src/clock/index.js';
import { parseServerEvent } from '../../src/protocol/index.js';
import { createSimulator, serveSimulator, toneSamples } from '../../src/simulator/index.js';
import type { Json } from './driver.js';
import { closeServersAfterEach } from './serve-cleanup.js';

const { sockets, track } = closeServersAfterEach();

interface Conn {
  ws: WebSocket;
  events: Json[];
  binary: Buffer[];
  next(type: string, nth?: number): Promise<Json>;
  send(event: Record<string, unknown>): void;
}

async function open(): Promise<Conn> {
  const sim = await createSimulator({
    clock: new RealClock(),
    random: createRandom(4),
    config: { server: { reply: { transcript: 'Hi there.', audio: { tone: { hz: 440, ms: 300 } } } } },
    apiKey: null,
    strict: true,
  });
  const server = track(await serveSimulator(sim, { port: 0 }));
  const ws = new WebSocket(server.url);
  sockets.push(ws);
  const events: Json[] = [];
  const binary: Buffer[] = [];
  const waiting: (() => void)[] = [];
  ws.on('message', (data, isBinary) => {
    if (isBinary) binary.push(Buffer.from(data as Buffer));
    else {
      const text = data.toString();
      const parsed = parseServerEvent(text);
      if (!parsed.ok) throw parsed.error;
      events.push(JSON.parse(text) as Json);
    }
    for (const w of waiting.splice(0)) w();
  });
  const next = (type: string, nth = 1): Promise<Json> =>
    new Promise((resolve, reject) => {
      const check = (): void => {
        const found = events.filter((e) => e.type === type)[nth - 1];
        if (found) resolve(found);
        else if (ws.readyState === WebSocket.CLOSED) reject(new Error(`closed before ${type}`));
        else waiting.push(check);
      };
      check();
    });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  return { ws, events, binary, next, send: (e) => ws.send(JSON.stringify(e)) };
}

function pcm16(ms: number): Buffer {
  const samples = toneSamples(300, ms, 0.5);
  return Buffer.from(samples.buffer, samples.byteOffset, samples.byteLength);
}

describe('xAI 2026 session fields on a served simulator', () => {
  it('echoes reasoning.effort, replace and both audio transports in session.updated once set', async () => {
    const c = await open();
    c.send({ type: 'session.update', session: { instructions: 'x' } });
    const plain = (await c.next('session.updated')).session;
    expect(plain).not.toHaveProperty('reasoning');
    expect(plain).not.toHaveProperty('replace');
    expect(plain.audio.input).not.toHaveProperty('transport');
    expect(plain.audio.output).not.toHaveProperty('transport');
    c.send({
      type: 'session.update',
      session: {
        reasoning: { effort: 'high' },
        replace: { xAI: 'ex ay eye' },
        audio: { input: { transport: 'binary' }, output: { transport: 'json' } },
      },
    });
    const set = (await c.next('session.updated', 2)).session;
    expect(set).toMatchObject({
      reasoning: { effort: 'high' },
      replace: { xAI: 'ex ay eye' },
      audio: { input: { transport: 'binary' }, output: { transport: 'json' } },
    });
    c.send({ type: 'session.update', session: { voice: 'rex' } });
    expect((await c.next('session.updated', 3)).session).toMatchObject({
      reasoning: { effort: 'high' },
      audio: { input: { transport: 'binary' } },
    });
  });

  it('refuses a transport outside json and binary with invalid_event', async () => {
    const c = await open();
    c.send({ type: 'session.update', event_id: 'u1', session: { audio: { output: { transport: 'opus' } } } });
    expect((await c.next('error')).error).toMatchObject({
      type: 'invalid_request_error',
      code: 'invalid_event',
      event_id: 'u1',
    });
  });

  it('with output transport binary, sends output audio as binary PCM frames and no output_audio.delta', async () => {
    const c = await open();
    c.send({ type: 'session.update', session: { audio: { output: { transport: 'binary' } } } });
    await c.next('session.updated');
    c.send({ type: 'response.create' });
    const done = await c.next('response.done');
    expect(done.response.status).toBe('completed');
    expect(c.events.filter((e) => e.type === 'response.output_audio.delta')).toEqual([]);
    expect(c.binary.map((b) => b.length)).toEqual([4800, 4800, 4800]);
    expect(c.events.some((e) => e.type === 'response.output_audio_transcript.done')).toBe(true);
  });

  it('sends the binary frames in the session output format (G.711 µ-law at 8 kHz: one byte a sample)', async () => {
    const c = await open();
    c.send({
      type: 'session.update',
      session: { audio: { output: { transport: 'binary', format: { type: 'audio/pcmu' } } } },
    });
    await c.next('session.updated');
    c.send({ type: 'response.create' });
    await c.next('response.done');
    expect(c.binary.map((b) => b.length)).toEqual([800, 800, 800]);
  });

  it('keeps JSON audio deltas by default and after output transport json', async () => {
    const c = await open();
    c.send({ type: 'session.update', session: { audio: { output: { transport: 'json' } } } });
    await c.next('session.updated');
    c.send({ type: 'response.create' });
    await c.next('response.done');
    expect(c.binary).toEqual([]);
    expect(c.events.filter((e) => e.type === 'response.output_audio.delta')).toHaveLength(3);
  });

  it('appends binary frames from the client to the input buffer with input transport binary', async () => {
    const c = await open();
    c.send({ type: 'session.update', session: { turn_detection: null, audio: { input: { transport: 'binary' } } } });
    await c.next('session.updated');
    c.ws.send(pcm16(200));
    c.send({ type: 'input_audio_buffer.commit' });
    const committed = await c.next('input_audio_buffer.committed');
    expect(committed.item_id).toEqual(expect.any(String));
    expect(c.events.some((e) => e.type === 'error')).toBe(false);
  });

  it('refuses a binary PCM16 frame of an odd byte count, as it refuses such an append; appends nothing', async () => {
    const c = await open();
    c.send({ type: 'session.update', session: { turn_detection: null, audio: { input: { transport: 'binary' } } } });
    await c.next('session.updated');
    c.ws.send(Buffer.concat([pcm16(200), Buffer.from([1])]));
    expect((await c.next('error')).error).toMatchObject({
      type: 'invalid_request_error',
      code: 'invalid_value',
      message: 'Invalid binary audio frame: PCM16 audio must have an even number of bytes, got 9601.',
    });
    c.send({ type: 'input_audio_buffer.commit', event_id: 'c1' });
    expect((await c.next('error', 2)).error).toMatchObject({ code: 'input_audio_buffer_commit_empty', event_id: 'c1' });
    expect(c.ws.readyState).toBe(c.ws.OPEN);
  });

  it('refuses client binary frames while the input transport is json, naming the field; appends nothing', async () => {
    const c = await open();
    c.send({ type: 'session.update', session: { turn_detection: null } });
    await c.next('session.updated');
    c.ws.send(pcm16(200));
    expect((await c.next('error')).error).toMatchObject({
      type: 'invalid_request_error',
      code: 'invalid_event',
      param: 'session.audio.input.transport',
      message: expect.stringContaining("'binary'"),
    });
    c.send({ type: 'input_audio_buffer.commit', event_id: 'c1' });
    expect((await c.next('error', 2)).error).toMatchObject({ code: 'input_audio_buffer_commit_empty', event_id: 'c1' });
    expect(c.ws.readyState).toBe(c.ws.OPEN);
  });
});
