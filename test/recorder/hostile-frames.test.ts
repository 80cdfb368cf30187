import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import { MAX_FRAME_BYTES, MAX_JSON_DEPTH } from '../../src/protocol/index.js';
import { startRecorder, type Recorder } from '../../src/recorder/index.js';
import { isCloseRecord, readTranscript, type TranscriptRecord } from '../../src/transcript/index.js';
import { TestClient } from './client.js';
import { KEY, startFakeUpstream, type FakeUpstream } from './fake-upstream.js';

/**
 * Issue 11: the recorder must survive frames a hostile client sends (2,000-deep JSON, 20 MB
 * of text, frames just over the size limit, binary, invalid UTF-8), over real loopback
 * sockets: each is recorded or noted, and the frames before and after it are all there.
 */

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function setup(): Promise<{ upstream: FakeUpstream; recorder: Recorder; out: string }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'rtsim-recorder-hostile-'));
  cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
  const upstream = await startFakeUpstream();
  cleanups.push(() => upstream.close());
  const out = path.join(dir, 'hostile.rtsim.jsonl');
  const recorder = await startRecorder({ upstream: upstream.url, out, audio: 'inline' });
  cleanups.push(() => recorder.close());
  return { upstream, recorder, out };
}

async function connect(recorder: Recorder): Promise<TestClient> {
  const app = new TestClient(recorder.url, { headers: { Authorization: `Bearer ${KEY}` } });
  cleanups.push(() => app.close());
  await app.next('conversation.created');
  return app;
}

/** A `session.update` marked with `tag` (in its instructions), and its answer awaited. */
async function marker(app: TestClient, tag: string): Promise<void> {
  app.send({ type: 'session.update', session: { instructions: tag } });
  await app.next('session.updated');
}

/** Records of the transcript after the recorder closed, checked by the transcript loader. */
async function transcript(recorder: Recorder, out: string): Promise<TranscriptRecord[]> {
  await recorder.close();
  return (await readTranscript(out, { resolveAudio: false })).records;
}

/** Index of the c2s `session.update` whose instructions are `tag`. */
function markerAt(records: TranscriptRecord[], tag: string): number {
  return records.findIndex(
    (r) =>
      'frame' in r &&
      r.dir === 'c2s' &&
      r.frame.type === 'session.update' &&
      JSON.stringify(r.frame.session) === JSON.stringify({ instructions: tag }),
  );
}

/** Asserts the `before` and `after` markers are recorded around the record at `index`, and returns it. */
function between(records: TranscriptRecord[], index: number): TranscriptRecord {
  expect(index).toBeGreaterThan(markerAt(records, 'before'));
  expect(markerAt(records, 'before')).toBeGreaterThan(0);
  expect(markerAt(records, 'after')).toBeGreaterThan(index);
  return records[index]!;
}

describe('recorder against hostile frames, on 127.0.0.1 (issue 11)', () => {
  it('records a 2,000-deep JSON frame as text with a note, forwards it unchanged, keeps its neighbours', async () => {
    const { upstream, recorder, out } = await setup();
    const app = await connect(recorder);
    await marker(app, 'before');
    const deep = `{"type":"test.deep","nested":${'['.repeat(2000)}${']'.repeat(2000)}}`;
    app.ws.send(deep);
    await app.next('error');
    await marker(app, 'after');
    expect(upstream.connections[0]!.received).toContain(deep);

    const records = await transcript(recorder, out);
    const noted = between(
      records,
      records.findIndex((r) => 'text' in r && r.dir === 'c2s'),
    );
    expect(noted).toMatchObject({ dir: 'c2s', text: deep });
    expect('note' in noted ? noted.note : '').toContain(`deeper than the protocol's limit of ${MAX_JSON_DEPTH} levels`);
  });

  it('notes a 20 MB non-JSON frame without storing it, forwards it whole, and keeps proxying the session', async () => {
    const { upstream, recorder, out } = await setup();
    const app = await connect(recorder);
    await marker(app, 'before');
    app.ws.send('x'.repeat(20_000_000));
    expect((await app.next('error')).error).toMatchObject({ message: 'not JSON (20000000 characters)' });
    await marker(app, 'after');
    expect(upstream.connections[0]!.received.map((text) => text.length)).toContain(20_000_000);

    const records = await transcript(recorder, out);
    const noted = between(
      records,
      records.findIndex((r) => 'omitted' in r),
    );
    expect(noted).toMatchObject({ dir: 'c2s', omitted: { binary: false, bytes: 20_000_000 } });
    expect('note' in noted ? noted.note : '').toContain(
      `over the protocol's frame limit of ${MAX_FRAME_BYTES} bytes (MAX_FRAME_BYTES)`,
    );
  }, 60_000);

  it('stores a text frame of exactly MAX_FRAME_BYTES and notes one a byte over it', async () => {
    const { recorder, out } = await setup();
    const app = await connect(recorder);
    await marker(app, 'before');
    app.ws.send('a '.repeat(MAX_FRAME_BYTES / 2));
    await app.next('error');
    app.ws.send(`${'a '.repeat(MAX_FRAME_BYTES / 2)}!`);
    await app.next('error');
    await marker(app, 'after');

    const records = await transcript(recorder, out);
    const stored = records.findIndex((r) => 'text' in r && r.dir === 'c2s');
    expect(between(records, stored)).toMatchObject({ text: 'a '.repeat(MAX_FRAME_BYTES / 2) });
    expect(between(records, stored)).not.toHaveProperty('note');
    const omitted = records.findIndex((r) => 'omitted' in r);
    expect(omitted).toBeGreaterThan(stored);
    expect(between(records, omitted)).toMatchObject({
      dir: 'c2s',
      omitted: { binary: false, bytes: MAX_FRAME_BYTES + 1 },
    });
  }, 60_000);

  it('records binary frames both ways as base64, notes one over the limit both ways; the session goes on', async () => {
    const { recorder, out } = await setup();
    const app = await connect(recorder);
    await marker(app, 'before');
    app.ws.send(Buffer.from([1, 2, 3, 255]), { binary: true });
    app.ws.send(Buffer.alloc(MAX_FRAME_BYTES + 10, 7), { binary: true });
    const [small, big] = await app.binaryFrames(2);
    expect([...small!]).toEqual([1, 2, 3, 255]);
    expect(big!.byteLength).toBe(MAX_FRAME_BYTES + 10);
    await marker(app, 'after');

    const records = await transcript(recorder, out);
    const binaries = records.filter((r) => 'binary' in r);
    expect(binaries).toMatchObject([
      { dir: 'c2s', binary: 'AQID/w==' },
      { dir: 's2c', binary: 'AQID/w==' },
    ]);
    const omitted = records.flatMap((r, i) => ('omitted' in r ? [i] : []));
    expect(omitted.map((i) => between(records, i))).toMatchObject([
      { dir: 'c2s', omitted: { binary: true, bytes: MAX_FRAME_BYTES + 10 } },
      { dir: 's2c', omitted: { binary: true, bytes: MAX_FRAME_BYTES + 10 } },
    ]);
  }, 60_000);

  it("records non-UTF-8 text as the recorder's 1007 close; keeps earlier frames, the next connection", async () => {
    const { upstream, recorder, out } = await setup();
    const app = await connect(recorder);
    await marker(app, 'before');
    app.ws.send(Buffer.from([0x7b, 0xff, 0xfe, 0x7d]), { binary: false });
    expect((await app.closed).code).toBe(1007);

    const next = await connect(recorder);
    await marker(next, 'after');
    await next.close();
    expect(upstream.connections).toHaveLength(2);

    const records = await transcript(recorder, out);
    const close = records.findIndex((r) => r.conn === 1 && 'kind' in r && r.kind === 'close');
    expect(between(records, close)).toMatchObject({ conn: 1, kind: 'close', code: 1007, by: 'recorder' });
    expect('reason' in records[close]! ? records[close].reason : '').toContain('invalid UTF-8');
    expect(records[markerAt(records, 'after')]!.conn).toBe(2);
  });

  it("records non-UTF-8 upstream text as the recorder's 1007 close, passed on, after earlier frames", async () => {
    const raw = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    cleanups.push(() => new Promise((resolve) => raw.close(resolve)));
    await new Promise((resolve) => raw.once('listening', resolve));
    const upstreamClosed = new Promise<number>((resolve) =>
      raw.on('connection', (socket) => {
        socket.on('error', () => {});
        socket.on('close', (code) => resolve(code));
        socket.send(JSON.stringify({ type: 'conversation.created', event_id: 'event_1' }));
        socket.on('message', () => socket.send(Buffer.from([0x7b, 0xff, 0xfe, 0x7d]), { binary: false }));
      }),
    );
    const dir = mkdtempSync(path.join(tmpdir(), 'rtsim-recorder-hostile-'));
    cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
    const out = path.join(dir, 'upstream-utf8.rtsim.jsonl');
    const recorder = await startRecorder({
      upstream: `ws://127.0.0.1:${(raw.address() as AddressInfo).port}/v1/realtime`,
      out,
      audio: 'inline',
    });
    cleanups.push(() => recorder.close());
    const app = await connect(recorder);
    app.send({ type: 'session.update', session: { instructions: 'before' } });
    const closed = await app.closed;
    expect(closed).toEqual({
      code: 1007,
      reason: 'upstream frame refused: Invalid WebSocket frame: invalid UTF-8 sequence',
    });
    expect(await upstreamClosed).toBe(1007);

    const records = await transcript(recorder, out);
    expect(
      records.map((r) =>
        'frame' in r
          ? `${r.dir} ${String(r.frame.type)}`
          : 'kind' in r
            ? `${r.kind} ${r.kind === 'close' ? `${r.code} ${r.by}` : ''}`.trim()
            : r.dir,
      ),
    ).toEqual(['open', 's2c conversation.created', 'c2s session.update', 'close 1007 recorder']);
  });
  it('closes a client with 1013 once it queues over maxPendingBytes before the upstream opens; says why', async () => {
    // An upstream that accepts the TCP connection and never answers the upgrade.
    const held: Socket[] = [];
    const silent: Server = createServer();
    silent.on('upgrade', (_req, socket: Socket) => held.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    cleanups.push(async () => {
      for (const s of held) s.destroy();
      await new Promise((resolve) => silent.close(resolve));
    });
    const dir = mkdtempSync(path.join(tmpdir(), 'rtsim-recorder-queue-'));
    cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
    const out = path.join(dir, 'queue.rtsim.jsonl');
    const recorder = await startRecorder({
      upstream: `ws://127.0.0.1:${(silent.address() as AddressInfo).port}`,
      out,
      audio: 'inline',
      maxPendingBytes: 100_000,
    });
    cleanups.push(() => recorder.close());
    const app = new TestClient(recorder.url, { headers: { Authorization: `Bearer ${KEY}` } });
    cleanups.push(() => app.close());
    await app.opened;
    const chunk = JSON.stringify({ type: 'input_audio_buffer.append', audio: 'A'.repeat(30_000) });
    for (let i = 0; i < 4; i++) app.ws.send(chunk);
    const closed = await app.closed;
    expect(closed.code).toBe(1013);
    expect(closed.reason).toContain('queued before the upstream opened');
    const records = await transcript(recorder, out);
    expect(records.filter(isCloseRecord)).toEqual([
      expect.objectContaining({ code: 1013, by: 'recorder', reason: closed.reason }),
    ]);
    // Every frame is recorded as it reached the recorder, the one that passed the limit included.
    expect(records.filter((r) => 'dir' in r)).toHaveLength(4);
  });
});
