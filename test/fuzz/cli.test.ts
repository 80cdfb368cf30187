/**
 * `rt-sim fuzz` in-process: exit 0 when every invariant held, 2 for bad flags. (A failure's
 * report, file and exit 1 are shown by run-fuzz.test.ts with a deliberately broken invariant.)
 */
import { mkdtemp, readdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';

async function cli(args: string[], cwd: string): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(args, { stdout: (s) => (out += s), stderr: (s) => (err += s), cwd, env: {} });
  return { code, out, err };
}

describe('rt-sim fuzz', () => {
  it('exits 0 and prints the seed first and a one-line summary last', async () => {
    const cwd = await mkdtemp(path.join(os.tmpdir(), 'rtsim-fuzz-cli-'));
    const { code, out, err } = await cli(['fuzz', '--runs', '5'], cwd);
    expect(err).toBe('');
    expect(code).toBe(0);
    const lines = out.trimEnd().split('\n');
    expect(lines[0]).toBe('fuzz: seed 20260501, 5 run(s)');
    expect(lines.at(-1)).toMatch(
      new RegExp(
        String.raw`^fuzz: 5 run\(s\), 0 shrink\(s\), 5 scenario run\(s\), seed 20260501: ` +
          String.raw`\d+ ms wall, \d+ ms simulated; all \d+ invariants held$`,
      ),
    );
    expect(await readdir(cwd)).toEqual([]);
  });

  it("exits 2 for bad flags, with commander's message and no stack trace", async () => {
    const cwd = await mkdtemp(path.join(os.tmpdir(), 'rtsim-fuzz-cli-'));
    for (const args of [['--runs', 'abc'], ['--runs', '0'], ['--seed', '-3'], ['--path', 'x:1'], ['--frobnicate']]) {
      const { code, err } = await cli(['fuzz', ...args], cwd);
      expect(code, args.join(' ')).toBe(2);
      expect(err).toMatch(/^error: /);
      expect(err).not.toMatch(/\n\s+at /);
    }
  });
});
