import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import wavDecoder from 'wav-decoder';
import { VirtualClock } from '../../src/clock/index.js';
import {
  createMemoryLink,
  ReadyState,
  wsSocketFactory,
  type SocketEventMap,
  type SocketFactory,
  type SocketLike,
} from '../../src/link/index.js';
import { startRecorder, type Recorder } from '../../src/recorder/index.js';
import { readTranscript, type TranscriptRecord } from '../../src/transcript/index.js';
import { TestClient } from './client.js';
import { EPHEMERAL, fakeUpstreamHandler, KEY, startFakeUpstream, tone, type FakeUpstream } from './fake-upstream.js';

const MODEL = 'grok-4-1-fast-non-reasoning';
const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function setup(options: { audio?: 'inline' | 'wav'; upstreamQuery?: string } = {}): Promise<{
  upstream: FakeUpstream;
  recorder: Recorder;
  dir: string;
  out: string;
}> {
  const dir = mkdtempSync(path.join(tmpdir(), 'rtsim-recorder-'));
  cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
  const upstream = await startFakeUpstream();
  cleanups.push(() => upstream.close());
  const out = path.join(dir, 'session.rtsim.jsonl');
  const recorder = await startRecorder({
    upstream: `${upstream.url}${options.upstreamQuery ?? ''}`,
    out,
    ...(options.audio === undefined ? {} : { audio: options.audio }),
  });
  cleanups.push(() => recorder.close());
  return { upstream, recorder, dir, out };
}

function client(url: string, options: ConstructorParameters<typeof TestClient>[1] = {}): TestClient {
  const c = new TestClient(url, options);
  cleanups.push(() => c.close());
  return c;
}

/** Every file under `dir`, recursively. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full) : [full];
  });
}

/** Pieces of `secret` (every 8-character window) found in any file under `dir`. */
function leaks(dir: string, secret: string): string[] {
  const windows = Array.from({ length: secret.length - 7 }, (_, i) => secret.slice(i, i + 8));
  return filesUnder(dir).flatMap((file) => {
    const text = readFileSync(file).toString('latin1');
    return windows.filter((w) => text.includes(w)).map((w) => `${path.basename(file)} contains "${w}"`);
  });
}

/** `dir/kind` and event type of each record, for order checks. */
function shape(records: TranscriptRecord[]): string[] {
  return records.map((r) =>
    'frame' in r
      ? `${r.dir} ${String(r.frame.type)}`
      : 'kind' in r
        ? `${r.kind}${r.kind === 'close' ? ` ${r.by} ${r.code}` : ''}`
        : `${r.dir} other`,
  );
}

describe('recorder end to end on 127.0.0.1', () => {
  it(
    "§1.1 records a whole session in order with times, forwards the client's own handshake " +
      '(Authorization, User-Agent, ?model=), and writes no part of the key anywhere',
    async () => {
      const { upstream, recorder, dir, out } = await setup();
      expect(recorder.url).toMatch(/^ws:\/\/127\.0\.0\.1:\d+\/v1\/realtime$/);

      const app = client(`${recorder.url}?model=${MODEL}`, {
        headers: { Authorization: `Bearer ${KEY}`, 'User-Agent': 'LiveKit Agents' },
      });
      await app.next('conversation.created');
      app.send({ type: 'session.update', session: { instructions: 'Be brief.', audio: { output: { voice: 'ara' } } } });
      await app.next('session.updated');
      const sent = [tone(2400), tone(2400, 2400)];
      for (const audio of sent) app.send({ type: 'input_audio_buffer.append', audio });
      app.send({ type: 'response.create' });
      await app.next('response.done');
      app.send({ type: 'debug.whoami' }); // the leaky upstream echoes the key in its error
      const leaked = await app.next('error');
      expect(JSON.stringify(leaked)).toContain(KEY); // forwarded unchanged to the client…
      expect(await app.close(1000, 'done')).toEqual({ code: 1000, reason: 'done' });
      await recorder.close();

      // The upstream saw the client's own handshake.
      expect(upstream.connections).toHaveLength(1);
      const request = upstream.connections[0]!.request;
      expect(request.headers.authorization).toBe(`Bearer ${KEY}`);
      expect(request.headers['user-agent']).toBe('LiveKit Agents');
      expect(new URL(request.url).searchParams.get('model')).toBe(MODEL);

      const transcript = await readTranscript(out);
      // A loopback upstream is not the xAI service: the recording says "recorded", not "xai".
      expect(transcript.header).toMatchObject({
        rtsim: 'transcript',
        version: 1,
        source: 'recorded',
        client: 'unknown',
        model: 'unknown',
        upstream: upstream.url,
      });
      expect(transcript.header.recordedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
      expect(transcript.header.date).toBe(transcript.header.recordedAt?.slice(0, 10));
      expect(transcript.warnings).toEqual([]);
      const records = transcript.records;
      expect(shape(records)).toEqual([
        'open',
        's2c conversation.created',
        'c2s session.update',
        's2c session.updated',
        'c2s input_audio_buffer.append',
        'c2s input_audio_buffer.append',
        'c2s response.create',
        's2c response.created',
        's2c response.output_item.added',
        's2c response.output_audio_transcript.delta',
        's2c response.output_audio.delta',
        's2c response.output_audio.delta',
        's2c response.output_audio.delta',
        's2c response.output_audio.done',
        's2c response.done',
        'c2s debug.whoami',
        's2c error',
        'close client 1000',
      ]);
      expect(records.every((r) => r.conn === 1 && Number.isInteger(r.t) && r.t >= 0)).toBe(true);
      expect(records.map((r) => r.t)).toEqual([...records.map((r) => r.t)].sort((a, b) => a - b));

      const open = records[0]!;
      expect(open).toEqual({
        t: 0,
        conn: 1,
        kind: 'open',
        url: `/v1/realtime?model=${MODEL}`,
        headers: { authorization: 'Bearer <redacted:key-1>', 'user-agent': 'LiveKit Agents' },
        protocols: [],
      });
      expect(records.at(-1)).toMatchObject({ kind: 'close', code: 1000, reason: 'done', by: 'client' });

      // Frames are the wire frames: the client's audio and the server's, byte for byte.
      const frames = records.flatMap((r) => ('frame' in r ? [r.frame] : []));
      expect(frames.filter((f) => f.type === 'input_audio_buffer.append').map((f) => f.audio)).toEqual(sent);
      const deltas = app.received.filter((e) => e.type === 'response.output_audio.delta');
      expect(frames.filter((f) => f.type === 'response.output_audio.delta')).toEqual(deltas);
      // …but redacted in the transcript.
      expect(frames.find((f) => f.type === 'error')).toMatchObject({
        error: { message: 'unknown event type "debug.whoami" for Bearer <redacted:key-1>' },
      });

      // Audio went to one WAV per direction, which any WAV reader can play.
      const wavs = recorder.files().slice(1);
      expect(wavs.map((f) => path.relative(dir, f))).toEqual([
        path.join('session.audio', 'conn-1-c2s.wav'),
        path.join('session.audio', 'conn-1-s2c.wav'),
      ]);
      const s2c = readFileSync(wavs[1]!);
      const decoded = wavDecoder.decode.sync(
        s2c.buffer.slice(s2c.byteOffset, s2c.byteOffset + s2c.length) as ArrayBuffer,
      );
      expect(decoded.sampleRate).toBe(24000);
      expect(decoded.channelData[0]).toHaveLength(3600);

      expect(filesUnder(dir)).toHaveLength(3);
      expect(leaks(dir, KEY)).toEqual([]);
    },
  );

  it('§1.2 an upstream refusal (HTTP 401) closes the client with 4401 and is recorded, without the key', async () => {
    const { upstream, recorder, dir, out } = await setup();
    const wrong = 'xai-WRONGKEYWRONGKEY0987654321zyxwvu';
    const app = client(recorder.url, { headers: { Authorization: `Bearer ${wrong}` } });
    await app.opened;
    expect(await app.closed).toEqual({ code: 4401, reason: 'upstream refused the handshake: HTTP 401' });
    await recorder.close();
    expect(upstream.refused).toHaveLength(1);
    expect(upstream.refused[0]!.headers.authorization).toBe(`Bearer ${wrong}`);
    const { records } = await readTranscript(out);
    expect(records).toEqual([
      {
        t: 0,
        conn: 1,
        kind: 'open',
        url: '/v1/realtime',
        headers: { authorization: 'Bearer <redacted:key-1>' },
        protocols: [],
      },
      {
        t: expect.any(Number),
        conn: 1,
        kind: 'close',
        code: 4401,
        reason: 'upstream refused the handshake: HTTP 401',
        by: 'upstream-refused',
        status: 401,
      },
    ]);
    expect(leaks(dir, wrong)).toEqual([]);
  });

  it('an unreachable upstream closes the client with 1014 and is recorded without a status', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'rtsim-recorder-'));
    cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
    const port = await freePort();
    const recorder = await startRecorder({
      upstream: `ws://127.0.0.1:${port}/v1/realtime`,
      out: path.join(dir, 'x.rtsim.jsonl'),
    });
    cleanups.push(() => recorder.close());
    const app = client(recorder.url, { headers: { Authorization: `Bearer ${KEY}` } });
    const closed = await app.closed;
    expect(closed.code).toBe(1014);
    expect(closed.reason).toMatch(/^upstream unreachable: /);
    await recorder.close();
    const { records } = await readTranscript(path.join(dir, 'x.rtsim.jsonl'));
    expect(records[1]).toMatchObject({ kind: 'close', code: 1014, by: 'upstream-refused' });
    expect(records[1]).not.toHaveProperty('status');
    expect(leaks(dir, KEY)).toEqual([]);
  });

  it('queues client frames that come before the upstream is open and forwards them in order once it is', async () => {
    const { upstream, dir } = await setup();
    const gate = gatedFactory();
    const recorder = await startRecorder({
      upstream: upstream.url,
      out: path.join(dir, 'gated.rtsim.jsonl'),
      socketFactory: gate.factory,
    });
    cleanups.push(() => recorder.close());
    const app = client(recorder.url, { headers: { Authorization: `Bearer ${KEY}` } });
    await app.opened;
    const sent = [
      { type: 'session.update', session: { instructions: 'one' } },
      { type: 'input_audio_buffer.append', audio: tone(240) },
      { type: 'input_audio_buffer.clear' },
      { type: 'input_audio_buffer.append', audio: tone(240, 240) },
      { type: 'session.update', session: { instructions: 'two' } },
    ];
    for (const event of sent) app.send(event);
    // open + 5 client frames + conversation.created, all recorded while the upstream looks unopened.
    await until(() => recorder.records() >= 7);
    expect(upstream.connections[0]!.received).toEqual([]);
    gate.release();
    await app.next('session.updated');
    expect(await app.next('session.updated')).toMatchObject({ session: { instructions: 'two' } });
    expect(upstream.connections[0]!.received.map((text) => JSON.parse(text) as unknown)).toEqual(sent);
    await app.close();
    await recorder.close();
    const c2s = (await readTranscript(path.join(dir, 'gated.rtsim.jsonl'))).records.flatMap((r) =>
      'frame' in r && r.dir === 'c2s' ? [r.frame] : [],
    );
    expect(c2s).toEqual(sent);
  });

  it("passes the upstream's close code and reason to the client and records it as closed by the server", async () => {
    const { recorder, out } = await setup();
    const app = client(recorder.url, { headers: { Authorization: `Bearer ${KEY}` } });
    await app.next('conversation.created');
    app.send({ type: 'test.close', code: 3 });
    expect(await app.closed).toEqual({ code: 4003, reason: 'closing as asked' });
    await recorder.close();
    expect((await readTranscript(out)).records.at(-1)).toMatchObject({
      kind: 'close',
      code: 4003,
      reason: 'closing as asked',
      by: 'server',
    });
  });

  it('drops the client when the upstream drops (1006), and records 1006', async () => {
    const { recorder, out } = await setup();
    const app = client(recorder.url, { headers: { Authorization: `Bearer ${KEY}` } });
    await app.next('conversation.created');
    app.send({ type: 'test.drop' });
    expect((await app.closed).code).toBe(1006);
    await recorder.close();
    expect((await readTranscript(out)).records.at(-1)).toMatchObject({ kind: 'close', code: 1006, by: 'server' });
  });

  it('§1.2 forwards an xai-client-secret.<token> subprotocol and redacts it in the transcript', async () => {
    const { upstream, recorder, dir, out } = await setup();
    const protocol = `xai-client-secret.${EPHEMERAL}`;
    const app = client(recorder.url, { protocols: [protocol] });
    await app.next('conversation.created');
    expect(app.ws.protocol).toBe(protocol);
    app.send({ type: 'debug.whoami' });
    await app.next('error');
    await app.close();
    await recorder.close();
    expect(upstream.connections[0]!.request.protocols).toEqual([protocol]);
    const { records } = await readTranscript(out);
    expect(records[0]).toMatchObject({
      protocols: ['xai-client-secret.<redacted:secret-1>'],
      protocol: 'xai-client-secret.<redacted:secret-1>',
    });
    expect(records.find((r) => 'frame' in r && r.frame.type === 'error')).toMatchObject({
      frame: { error: { message: 'unknown event type "debug.whoami" for xai-client-secret.<redacted:secret-1>' } },
    });
    expect(leaks(dir, EPHEMERAL)).toEqual([]);
  });

  it('forwards binary frames both ways unchanged and records them as base64, exact secrets replaced', async () => {
    const { recorder, dir, out } = await setup();
    const app = client(recorder.url, { headers: { Authorization: `Bearer ${KEY}` } });
    await app.next('conversation.created');
    const bytes = new Uint8Array(Buffer.from(`\x00\x01${KEY}\xff`, 'latin1'));
    app.ws.send(bytes);
    expect(await app.binaryFrames(1)).toEqual([bytes]);
    await app.close();
    await recorder.close();
    const binaries = (await readTranscript(out)).records.flatMap((r) =>
      'binary' in r ? [`${r.dir} ${Buffer.from(r.binary, 'base64').toString('latin1')}`] : [],
    );
    expect(binaries).toEqual(['c2s \x00\x01<redacted:key-1>\xff', 's2c \x00\x01<redacted:key-1>\xff']);
    expect(leaks(dir, KEY)).toEqual([]);
  });

  it('numbers connections in one transcript and records those open at close as closed by the recorder', async () => {
    const { recorder, out } = await setup({ audio: 'inline' });
    const first = client(recorder.url, { headers: { Authorization: `Bearer ${KEY}` } });
    await first.next('conversation.created');
    await first.close();
    const second = client(recorder.url, { headers: { Authorization: `Bearer ${KEY}` } });
    await second.next('conversation.created');
    second.send({ type: 'response.create' });
    await second.next('response.done');
    expect(recorder.connections()).toBe(2);
    await recorder.close();
    expect(await second.closed).toEqual({ code: 1001, reason: 'rt-sim recorder closed' });
    const { records } = await readTranscript(out, { resolveAudio: false });
    expect(recorder.records()).toBe(records.length);
    expect(records.filter((r) => 'kind' in r).map((r) => `${r.conn} ${shape([r])[0]}`)).toEqual([
      '1 open',
      '1 close client 1000',
      '2 open',
      '2 close recorder 1001',
    ]);
    // Inline audio: the deltas are base64 in the frames and no audio folder exists.
    const delta = records.find((r) => 'frame' in r && r.frame.type === 'response.output_audio.delta');
    expect(delta && 'frame' in delta ? delta.frame.delta : undefined).toBe(tone(1200));
    expect(recorder.files()).toEqual([out]);
  });

  it('forwards secrets in the upstream URL but writes them nowhere', async () => {
    const upstreamKey = 'k3y-in-the-url-0123456789';
    const { upstream, recorder, dir, out } = await setup({ upstreamQuery: `?api_key=${upstreamKey}&model=${MODEL}` });
    const app = client(recorder.url, { headers: { Authorization: `Bearer ${KEY}` } });
    await app.next('conversation.created');
    await app.close();
    await recorder.close();
    const asked = new URL(upstream.connections[0]!.request.url).searchParams;
    expect(asked.get('api_key')).toBe(upstreamKey);
    expect(asked.get('model')).toBe(MODEL);
    const { header } = await readTranscript(out);
    expect(header).toMatchObject({ upstream: `${upstream.url}?api_key=<redacted:key-1>&model=${MODEL}`, model: MODEL });
    expect(leaks(dir, upstreamKey)).toEqual([]);
  });

  it('takes record times from its Clock: over a 40 ms in-memory upstream, virtual times are exact', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'rtsim-recorder-'));
    cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
    const clock = new VirtualClock();
    const fake = fakeUpstreamHandler();
    const link = createMemoryLink(fake.handler, { clock, latencyMs: 40 });
    const out = path.join(dir, 'virtual.rtsim.jsonl');
    const recorder = await startRecorder({
      upstream: 'wss://api.x.ai/v1/realtime',
      out,
      socketFactory: link.socketFactory,
      clock,
    });
    cleanups.push(() => recorder.close());
    const app = client(recorder.url, { headers: { Authorization: `Bearer ${KEY}` } });
    await app.opened;
    await until(() => recorder.records() === 1);
    await clock.advance(80); // handshake arrives at 40 and conversation.created is sent; both reach the recorder at 80
    await app.next('conversation.created');
    app.send({ type: 'session.update', session: { instructions: 'hi' } });
    await until(() => recorder.records() === 3);
    await clock.advance(80);
    await app.next('session.updated');
    await app.close();
    await until(() => recorder.records() === 5);
    await clock.advance(80); // let the in-memory upstream finish closing
    await recorder.close();
    expect(fake.connections[0]!.request.url).toBe('wss://api.x.ai/v1/realtime');
    const transcript = await readTranscript(out);
    expect(transcript.header.recordedAt).toBe('1970-01-01T00:00:00.000Z');
    expect(transcript.header).toMatchObject({ source: 'xai', date: '1970-01-01', client: 'unknown', model: 'unknown' });
    expect(transcript.records.map((r) => `${r.t} ${shape([r])[0]}`)).toEqual([
      '0 open',
      '80 s2c conversation.created',
      '80 c2s session.update',
      '160 s2c session.updated',
      '160 close client 1000',
    ]);
  });

  it('rejects an upstream that is not a WebSocket URL without echoing it', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'rtsim-recorder-'));
    cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
    await expect(
      startRecorder({ upstream: `ftp://host/?key=${KEY}`, out: path.join(dir, 'x.rtsim.jsonl') }),
    ).rejects.toMatchObject({
      code: 'RTSIM_RECORDER_BAD_UPSTREAM',
      message: expect.not.stringContaining(KEY),
    });
    expect(readdirSync(dir)).toEqual([]);
  });
});

/**
 * A socket factory over `ws` whose sockets hold back their `open` event until `release()`,
 * so a test can send client frames while the recorder still waits for the upstream.
 */
function gatedFactory(): { factory: SocketFactory; release(): void } {
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const factory: SocketFactory = (request) => {
    const inner = wsSocketFactory(request);
    let open = false;
    void gate.then(() => (open = true));
    const socket: SocketLike = {
      get url() {
        return inner.url;
      },
      get readyState() {
        return open ? inner.readyState : ReadyState.CONNECTING;
      },
      get protocol() {
        return inner.protocol;
      },
      send: (data) => inner.send(data),
      close: (code, reason) => inner.close(code, reason),
      addEventListener: ((
        type: keyof SocketEventMap,
        listener: (event: SocketEventMap[keyof SocketEventMap]) => void,
      ) => {
        if (type === 'open') inner.addEventListener('open', (event) => void gate.then(() => listener(event)));
        else inner.addEventListener(type, listener);
      }) as SocketLike['addEventListener'],
      removeEventListener: ((
        type: keyof SocketEventMap,
        listener: (event: SocketEventMap[keyof SocketEventMap]) => void,
      ) => inner.removeEventListener(type, listener)) as SocketLike['removeEventListener'],
    };
    return socket;
  };
  return { factory, release };
}

/** Resolves once `check()` holds, looking again after each turn of the event loop (real I/O is involved). */
async function until(check: () => boolean): Promise<void> {
  while (!check()) await new Promise((resolve) => setImmediate(resolve));
}

/** A port nothing listens on (bound, then released). */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
