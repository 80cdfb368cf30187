import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { main } from '../../src/cli/main.js';

const ROOT = path.resolve(import.meta.dirname, '../..');

/** Starts `rt-sim serve` in-process; resolves with its URL once the first line is out. */
function serve(args: string[]): {
  url: Promise<string>;
  exit: Promise<number>;
  stop: () => void;
  out: () => string;
  err: () => string;
} {
  const stop = new AbortController();
  let out = '';
  let err = '';
  let announce: (url: string) => void = () => undefined;
  const url = new Promise<string>((resolve) => (announce = resolve));
  const exit = main(['serve', ...args, '--port', '0'], {
    stdout: (s) => {
      out += s;
      const m = /^listening (ws:\/\/127\.0\.0\.1:\d+\/v1\/realtime)\n/.exec(out);
      if (m) announce(m[1]!);
    },
    stderr: (s) => (err += s),
    cwd: ROOT,
    env: {},
    signal: stop.signal,
  });
  return { url, exit, stop: () => stop.abort(), out: () => out, err: () => err };
}

describe('rt-sim serve', () => {
  it('prints the URL on its first line, serves a foreign client, and judges what it sent on exit', async () => {
    const served = serve(['scenarios/text-reply.yaml']);
    const url = await served.url;

    // A plain `ws` client driven by hand, speaking only the public protocol.
    const ws = new WebSocket(`${url}?model=grok-4-1-fast-non-reasoning`, {
      headers: { Authorization: 'Bearer any-key' },
    });
    const seen: string[] = [];
    await new Promise<void>((resolve, reject) => {
      ws.on('error', reject);
      ws.on('open', () => {
        ws.send(JSON.stringify({ type: 'session.update', session: { type: 'realtime', instructions: 'Be brief.' } }));
        ws.send(JSON.stringify({ type: 'session.update', session: { type: 'realtime', voice: 'eve' } }));
        ws.send(JSON.stringify({ type: 'response.create', response: {} }));
      });
      ws.on('message', (data) => {
        const type = (JSON.parse(String(data)) as { type: string }).type;
        seen.push(type);
        if (type === 'response.done') ws.close(1000);
      });
      ws.on('close', () => resolve());
    });
    // The default profile (xai-2026) opens with session.created, as the live service does.
    expect(seen.slice(0, 2)).toEqual(['session.created', 'conversation.created']);
    expect(seen.filter((t) => t === 'response.output_audio.delta').length).toBe(11);

    served.stop();
    expect(await served.exit).toBe(0);
    const out = served.out();
    expect(out.split('\n')[0]).toMatch(/^listening ws:\/\/127\.0\.0\.1:\d+\/v1\/realtime$/);
    const verdict = JSON.parse(out.slice(out.indexOf('{')));
    expect(verdict).toMatchObject({
      scenario: 'text-reply',
      status: 'passed',
      connections: { accepted: 1, refused: 0 },
      clientFrames: { 'session.update': 2, 'response.create': 1 },
      failures: [],
    });
    expect(verdict.notChecked).toEqual([
      '{"event":"generation_created","count":1}',
      '{"event":"generation_done","count":1}',
      '{"event":"metrics_collected","count":1}',
      '{"chatCtx":[{"role":"assistant","text":"Hello there."}]}',
    ]);
    expect(served.err()).toBe('');
  });

  it('keeps the last --ring frames of each connection in the verdict log and says which were dropped', async () => {
    const served = serve(['scenarios/text-reply.yaml', '--ring', '3', '--keep-closed', '1']);
    const url = await served.url;
    const ws = new WebSocket(`${url}?model=grok-4-1-fast-non-reasoning`, {
      headers: { Authorization: 'Bearer any-key' },
    });
    await new Promise<void>((resolve, reject) => {
      ws.on('error', reject);
      ws.on('open', () => {
        for (let i = 0; i < 5; i++) ws.send(JSON.stringify({ type: 'input_audio_buffer.clear' }));
      });
      let cleared = 0;
      ws.on('message', (data) => {
        if ((JSON.parse(String(data)) as { type: string }).type === 'input_audio_buffer.cleared' && ++cleared === 5)
          ws.close(1000);
      });
      ws.on('close', () => resolve());
    });
    served.stop();
    await served.exit;
    const verdict = JSON.parse(served.out().slice(served.out().indexOf('{')));
    expect(verdict.log).toMatchObject({ ring: 3, keepClosed: 1 });
    const [conn] = verdict.log.connections;
    expect(conn.frames.client).toBe(5);
    expect(conn.recent).toHaveLength(3);
    expect(conn.kept).toBe(`frames 1–${conn.frames.client + conn.frames.server - 3} not kept; ring of 3`);
    expect(conn.recent.at(-1)).toMatch(/ server input_audio_buffer\.cleared$/);
  });

  it('refuses a --ring, --keep-closed or --journal that is not a whole number in range with exit 2', async () => {
    for (const args of [
      ['--ring', '-1'],
      ['--ring', '100001'],
      ['--keep-closed', 'x'],
      ['--keep-closed', '10001'],
      ['--journal', '1.5'],
      ['--journal', '1000001'],
    ]) {
      let err = '';
      const code = await main(['serve', 'scenarios/text-reply.yaml', ...args], {
        stdout: () => undefined,
        stderr: (s) => (err += s),
        cwd: ROOT,
        env: {},
      });
      expect(code).toBe(2);
      expect(err).toContain(args[0]);
      expect(err).not.toMatch(/\n\s+at /);
    }
  });

  it('answers the control API under /__rt-sim/, journals --journal entries, and is off with --no-control', async () => {
    const served = serve(['scenarios/text-reply.yaml', '--any-key', '--journal', '2']);
    const base = (await served.url).replace('ws://', 'http://').replace('/v1/realtime', '/__rt-sim/');
    await fetch(new URL('actions', base), { method: 'POST', body: JSON.stringify({ do: [{ setState: 'a' }] }) });
    await fetch(new URL('actions', base), { method: 'POST', body: JSON.stringify({ do: [{ setState: 'b' }] }) });
    await fetch(new URL('actions', base), { method: 'POST', body: JSON.stringify({ do: [{ setState: 'c' }] }) });
    const page = JSON.parse(await (await fetch(new URL('journal', base))).text()) as { entries: { do: unknown }[] };
    expect(page.entries.map((e) => e.do)).toEqual([[{ setState: 'b' }], [{ setState: 'c' }]]);
    served.stop();
    expect(await served.exit).toBe(1); // text-reply expects frames no client sent

    const off = serve(['scenarios/text-reply.yaml', '--no-control']);
    const offBase = (await off.url).replace('ws://', 'http://').replace('/v1/realtime', '/__rt-sim/');
    expect((await fetch(new URL('journal', offBase))).status).toBe(426);
    off.stop();
    await off.exit;
  });

  it('fails its verdict with exit 1 when a client did not send what the scenario expects', async () => {
    let out = '';
    const code = await main(['serve', 'scenarios/text-reply.yaml', '--duration', '50'], {
      stdout: (s) => (out += s),
      stderr: () => undefined,
      cwd: ROOT,
      env: {},
    });
    expect(code).toBe(1);
    const verdict = JSON.parse(out.slice(out.indexOf('{')));
    expect(verdict.connections).toEqual({ accepted: 0, refused: 0, open: 0, closed: 0 });
    expect(verdict.failures).toEqual([
      'expect[3]: expected 1 open connection(s), saw 0',
      'expect[4]: expected at least 2 "session.update" frame(s) from the client, saw 0',
      'expect[5]: expected 1 "session.update" frame(s) from the client ' +
        'matching {"session.instructions":"Be brief."}, saw 0',
      'expect[6]: expected 1 "response.create" frame(s) from the client, saw 0',
      'expect[7]: expected 1 "response.done" frame(s) from the server, saw 0',
    ]);
  });

  it('fails its verdict when a served transcript replay meets a client frame the recording does not have', async () => {
    const served = serve(['scenarios/replay-text-reply.yaml']);
    const url = await served.url;
    // The recording starts with session.update; this client skips it and asks for a reply.
    const ws = new WebSocket(`${url}?model=grok-4-1-fast-non-reasoning`, {
      headers: { Authorization: 'Bearer any-key' },
    });
    await new Promise<void>((resolve, reject) => {
      ws.on('error', reject);
      ws.on('open', () => {
        ws.send(JSON.stringify({ type: 'response.create', response: {} }));
        ws.close(1000);
      });
      ws.on('close', () => resolve());
    });
    served.stop();
    expect(await served.exit).toBe(1);
    const verdict = JSON.parse(served.out().slice(served.out().indexOf('{')));
    expect(verdict.status).toBe('failed');
    const replay = (verdict.failures as string[]).filter((f) => f.startsWith('replay: '));
    expect(replay.length).toBeGreaterThan(0);
    expect(replay.join('\n')).toContain('response.create');
  });
  it('mints client secrets on POST /v1/realtime/client_secrets, then accepts only minted ones', async () => {
    // A scenario whose server checks keys: the bundled ones accept any.
    const dir = await mkdtemp(path.join(tmpdir(), 'rt-sim-secrets-'));
    const file = path.join(dir, 'keyed.yaml');
    await writeFile(file, 'name: keyed\nserver:\n  apiKey: sk-serve\nsteps:\n  - wait: idle\nexpect: []\n');
    const served = serve([file]);
    const url = await served.url;
    const base = url.replace(/^ws:/, 'http:').replace(/\/v1\/realtime$/, '');
    const res = await fetch(`${base}/v1/realtime/client_secrets`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer sk-serve' },
      body: '{"expires_after":{"seconds":300}}',
    });
    expect(res.status).toBe(200);
    const secret = (await res.json()) as { value: string; expires_at: number };
    expect(secret.value).toMatch(/^xai-eph-[0-9a-f]{32}$/);
    const attempt = (token: string): Promise<number> =>
      new Promise((resolve, reject) => {
        const ws = new WebSocket(url, [`xai-client-secret.${token}`]);
        ws.once('open', () => {
          ws.close(1000);
          resolve(101);
        });
        ws.once('unexpected-response', (_req, r) => resolve(r.statusCode ?? 0));
        ws.once('error', reject);
      });
    expect(await attempt(secret.value)).toBe(101);
    expect(await attempt('made-up')).toBe(401);
    served.stop();
    expect(await served.exit).toBe(0);
    await rm(dir, { recursive: true, force: true });
  });

  it('answers a client without credentials with 401 by default, and accepts it with --any-key', async () => {
    const status = (url: string): Promise<number> =>
      new Promise((resolve, reject) => {
        const ws = new WebSocket(url);
        ws.once('open', () => {
          ws.close(1000);
          resolve(101);
        });
        ws.once('unexpected-response', (_req, r) => resolve(r.statusCode ?? 0));
        ws.once('error', reject);
      });
    for (const [args, expected] of [
      [[], 401],
      [['--any-key'], 101],
    ] as const) {
      const served = serve(['scenarios/text-reply.yaml', ...args]);
      expect(await status(await served.url)).toBe(expected);
      served.stop();
      await served.exit;
    }
  });
});
