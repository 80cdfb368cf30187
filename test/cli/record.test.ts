import { mkdtemp, readFile, readdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { main } from '../../src/cli/main.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const SECRET = 'xai-RECORDTESTSECRET0123456789abcdefXYZ';

/** Starts a long-running CLI command in-process and resolves its `listening` URL. */
function start(args: string[], cwd: string): { url: Promise<string>; stop: () => Promise<number>; out: () => string } {
  const abort = new AbortController();
  let out = '';
  let announce: (url: string) => void = () => undefined;
  const url = new Promise<string>((resolve) => (announce = resolve));
  const exit = main(args, {
    stdout: (s) => {
      out += s;
      const m = /^listening (ws:\/\/\S+)\n/.exec(out);
      if (m) announce(m[1]!);
    },
    stderr: (s) => (out += s),
    cwd,
    env: {},
    signal: abort.signal,
  });
  return {
    url,
    out: () => out,
    stop: async () => {
      abort.abort();
      return exit;
    },
  };
}

describe('rt-sim record', () => {
  it('records a session with rt-sim serve as upstream, and writes no secret anywhere', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'rtsim-record-'));
    const serve = start(['serve', 'scenarios/text-reply.yaml'], ROOT);
    const upstream = await serve.url;
    const record = start(
      [
        'record',
        '--upstream',
        upstream,
        '--out',
        path.join(dir, 'session.rtsim.jsonl'),
        '--source',
        'simulator',
        '--client',
        'a ws test client',
        '--model',
        'grok-4-1-fast-non-reasoning',
      ],
      dir,
    );
    const proxy = await record.url;

    const ws = new WebSocket(`${proxy}?model=grok-4-1-fast-non-reasoning`, {
      headers: { Authorization: `Bearer ${SECRET}` },
    });
    await new Promise<void>((resolve, reject) => {
      ws.on('error', reject);
      ws.on('open', () => {
        ws.send(JSON.stringify({ type: 'session.update', session: { type: 'realtime', voice: 'ara' } }));
        ws.send(JSON.stringify({ type: 'session.update', session: { type: 'realtime', instructions: 'Be brief.' } }));
        ws.send(JSON.stringify({ type: 'response.create', response: {} }));
      });
      ws.on('message', (data) => {
        if ((JSON.parse(String(data)) as { type: string }).type === 'response.done') ws.close(1000);
      });
      ws.on('close', () => resolve());
    });

    expect(await record.stop()).toBe(0);
    expect(await serve.stop()).toBe(0);
    expect(record.out()).toMatch(/recorded 1 connection\(s\), \d+ record\(s\) to session\.rtsim\.jsonl/);
    // rt-sim serve (profile xai-2026) sends only shapes the protocol catalogue describes.
    expect(record.out()).not.toContain('catalogue:');

    const lines = (await readFile(path.join(dir, 'session.rtsim.jsonl'), 'utf8'))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines[0]).toMatchObject({
      rtsim: 'transcript',
      version: 1,
      source: 'simulator',
      client: 'a ws test client',
      model: 'grok-4-1-fast-non-reasoning',
    });
    expect(lines[0].date).toMatch(/^\d{4}-\d\d-\d\d$/);
    expect(lines[1]).toMatchObject({ conn: 1, kind: 'open' });
    const frames = lines.filter((l) => l.dir).map((l) => `${l.dir} ${l.frame.type}`);
    // Order holds per direction; across directions it is real network timing.
    expect(frames.filter((f) => f.startsWith('c2s'))).toEqual([
      'c2s session.update',
      'c2s session.update',
      'c2s response.create',
    ]);
    expect(frames.filter((f) => f.startsWith('s2c')).slice(0, 3)).toEqual([
      's2c session.created',
      's2c conversation.created',
      's2c session.updated',
    ]);
    expect(frames.at(-1)).toBe('s2c response.done');
    expect(lines.at(-1)).toMatchObject({ kind: 'close', code: 1000 });

    // Not the key, nor any 8-character piece of it, in any file the recorder wrote.
    const files = await readdir(dir, { recursive: true, withFileTypes: true });
    for (const f of files.filter((e) => e.isFile())) {
      const bytes = await readFile(path.join(f.parentPath, f.name), 'latin1');
      for (let i = 0; i + 8 <= SECRET.length; i++)
        expect(bytes.includes(SECRET.slice(i, i + 8)), `${f.name} holds part of the key`).toBe(false);
    }
  });

  it('refuses an upstream that is not a WebSocket URL with exit 2', async () => {
    let err = '';
    const code = await main(['record', '--upstream', 'ftp://example.test', '--out', 'x.jsonl'], {
      stdout: () => undefined,
      stderr: (s) => (err += s),
      cwd: os.tmpdir(),
      env: {},
    });
    expect(code).toBe(2);
    expect(err).toMatch(/^rt-sim: .*upstream/i);
  });
});
