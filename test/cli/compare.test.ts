import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const LIVE = 'scenarios/transcripts/live-2026-voice-turn.rtsim.jsonl';
const SIM = 'scenarios/transcripts/voice-turn.rtsim.jsonl';

const dirs: string[] = [];
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

async function compare(args: string[], cwd = ROOT): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(['compare', ...args], { stdout: (s) => (out += s), stderr: (s) => (err += s), cwd, env: {} });
  return { code, out, err };
}

async function tempFile(name: string, lines: string[]): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'rtsim-compare-'));
  dirs.push(dir);
  const file = path.join(dir, name);
  await writeFile(file, `${lines.join('\n')}\n`);
  return file;
}

describe('rt-sim compare', () => {
  it('exits 0 and says so when a transcript is compared with itself', async () => {
    const { code, out, err } = await compare([LIVE, LIVE]);
    expect(code).toBe(0);
    expect(err).toBe('');
    expect(out).toContain(`A: ${LIVE} (rebuilt, 2026-12-04, client rt-sim, model grok-voice-think-fast-2.0)`);
    expect(out).toMatch(/same: no difference in event order, shape or timing \(tolerance 250 ms\)\n$/);
  });

  it("exits 1 and lists order, shape and timing differences between the live shapes and the simulator's", async () => {
    const { code, out } = await compare([LIVE, SIM]);
    expect(code).toBe(1);
    expect(out).toContain('order  s2c session.created: missing from B (A #1 line 3 t=0)');
    expect(out).toContain('shape  s2c response.created response.status_details: A string, B null');
    expect(out).toContain('shape  s2c response.done response_id: A uuid, B absent');
    expect(out).toMatch(/timing s2c response\.done: B -1070 ms, beyond ±250 ms/);
    expect(out).toMatch(/\d+ difference\(s\) \(timing tolerance 250 ms\)\n$/);
  });

  it('takes --tolerance-ms, and prints JSON with --json', async () => {
    const { code, out } = await compare([LIVE, SIM, '--json', '--tolerance-ms', '5000']);
    expect(code).toBe(1);
    const report = JSON.parse(out) as {
      a: { source: string };
      b: { source: string };
      toleranceMs: number;
      same: boolean;
      differences: { kind: string }[];
    };
    expect(report).toMatchObject({
      a: { source: 'rebuilt' },
      b: { source: 'simulator' },
      toleranceMs: 5000,
      same: false,
    });
    expect(report.differences.some((d) => d.kind === 'timing')).toBe(false);
    expect(new Set(report.differences.map((d) => d.kind))).toEqual(new Set(['missing', 'extra', 'reordered', 'shape']));
  });

  it('exits 2 naming file and line for a bad transcript', async () => {
    const bad = await tempFile('bad.rtsim.jsonl', [
      '{"rtsim":"transcript","version":1}',
      '{"t":0,"conn":1,"kind":"open","url":"/","protocols":[],"headers":{}}',
      '{"t":1,"conn":1,"dir":"up","frame":{}}',
    ]);
    const { code, err } = await compare([LIVE, bad]);
    expect(code).toBe(2);
    expect(err).toContain(`${bad}:3: expected "dir" to be "c2s" or "s2c", got "up"`);
  });

  it('exits 2 for a file that does not exist, and for a tolerance that is not a number', async () => {
    expect((await compare([LIVE, 'nope.rtsim.jsonl'])).code).toBe(2);
    expect((await compare([LIVE, LIVE, '--tolerance-ms', 'soon'])).code).toBe(2);
  });

  it('warns on stderr when a transcript does not say where it came from', async () => {
    const old = await tempFile('old.rtsim.jsonl', ['{"rtsim":"transcript","version":1}']);
    const { code, err } = await compare([old, old]);
    expect(code).toBe(0);
    expect(err).toContain(`rt-sim: warning: ${old}:1: the header does not say where this transcript came from`);
  });
});
