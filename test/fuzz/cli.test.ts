/**
 * `rt-sim fuzz` and `rt-sim merge` in-process: exit 0 when every invariant held, 2 for bad
 * flags; the same JSON report with any number of worker threads; shards whose merged reports
 * are the whole campaign's. (A failure's report, file and exit 1 are shown by run-fuzz.test.ts
 * and workers.test.ts with a deliberately broken invariant.)
 */
import { mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../cli/cli-helpers.js';
import type { FuzzJsonReport } from '../../src/fuzz/index.js';

const cli = runCli;

/** A JSON report without its wall time, the one field that may differ between two runs. */
function parsed(text: string): Omit<FuzzJsonReport, 'wallMs'> {
  const { wallMs: _, ...rest } = JSON.parse(text) as FuzzJsonReport;
  return rest;
}

describe('rt-sim fuzz', () => {
  it('exits 0 and prints the seed first and a one-line summary last', async () => {
    const cwd = await mkdtemp(path.join(os.tmpdir(), 'rtsim-fuzz-cli-'));
    const { code, out, err } = await cli(['fuzz', '--runs', '5', '--workers', '1'], cwd);
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

  it('gives the same JSON report with one worker thread and with two', async () => {
    const cwd = await mkdtemp(path.join(os.tmpdir(), 'rtsim-fuzz-cli-'));
    const one = await cli(['fuzz', '--runs', '6', '--workers', '1', '--reporter', 'json'], cwd);
    const two = await cli(['fuzz', '--runs', '6', '--workers', '2', '--reporter', 'json'], cwd);
    expect([one.code, two.code, one.err, two.err]).toEqual([0, 0, '', '']);
    const report = parsed(one.out);
    expect(parsed(two.out)).toEqual(report);
    expect(report).toMatchObject({ kind: 'rt-sim fuzz report', passed: true, runs: 6, casesRun: 6, shard: null });
    expect(report.invariants.length).toBeGreaterThan(20);
    for (const inv of report.invariants) expect(inv.held, inv.name).toBe(6);
    expect(report.failure).toBeNull();
  });

  it("runs in shards whose merged reports are the whole campaign's", async () => {
    const cwd = await mkdtemp(path.join(os.tmpdir(), 'rtsim-fuzz-cli-'));
    const whole = await cli(['fuzz', '--runs', '5', '--workers', '1', '--reporter', 'json'], cwd);
    for (const i of [1, 2]) {
      const args = ['fuzz', '--runs', '5', '--workers', '1', '--shard', `${i}/2`];
      const shard = await cli([...args, '--reporter', 'json', '--report-file', `s${i}.json`], cwd);
      expect(shard.code).toBe(0);
      expect(shard.out.split('\n')[0]).toBe(`fuzz: seed 20260501, 5 run(s), shard ${i}/2 (${i === 1 ? 3 : 2} case(s))`);
    }
    const merged = await cli(['merge', 's2.json', 's1.json', '--out', 'all.json'], cwd);
    expect(merged).toMatchObject({ code: 0, err: '' });
    expect(merged.out).toMatch(/^merge: 2 report\(s\), 5 case\(s\) of 5, seed 20260501; all \d+ invariants held\n$/);
    const { shards, ...rest } = parsed(await readFile(path.join(cwd, 'all.json'), 'utf8'));
    expect(rest).toEqual(parsed(whole.out));
    expect(shards).toEqual([
      { index: 1, count: 2, casesRun: 3, passed: true },
      { index: 2, count: 2, casesRun: 2, passed: true },
    ]);
  });

  it('reports a replayed path in JSON with the invariants held on the cases it ran', async () => {
    const cwd = await mkdtemp(path.join(os.tmpdir(), 'rtsim-fuzz-cli-'));
    const { code, out } = await cli(['fuzz', '--path', '3', '--runs', '2', '--reporter', 'json'], cwd);
    expect(code).toBe(0);
    const report = parsed(out);
    expect(report).toMatchObject({ passed: true, casesRun: 2, shard: null, failure: null });
    for (const inv of report.invariants) expect(inv.held, inv.name).toBe(2);
  });

  it("exits 2 for bad flags, with commander's message and no stack trace", async () => {
    const cwd = await mkdtemp(path.join(os.tmpdir(), 'rtsim-fuzz-cli-'));
    for (const args of [
      ['--runs', 'abc'],
      ['--runs', '0'],
      ['--seed', '-3'],
      ['--path', 'x:1'],
      ['--frobnicate'],
      ['--workers', '0'],
      ['--reporter', 'junit'],
    ]) {
      const { code, err } = await cli(['fuzz', ...args], cwd);
      expect(code, args.join(' ')).toBe(2);
      expect(err).toMatch(/^error: /);
      expect(err).not.toMatch(/\n\s+at /);
    }
  });

  it('exits 2 naming the flag for a bad shard or flags that contradict each other', async () => {
    const cwd = await mkdtemp(path.join(os.tmpdir(), 'rtsim-fuzz-cli-'));
    const cases: [string[], RegExp][] = [
      [['--shard', '3/2'], /^rt-sim: --shard expects I\/N/],
      [['--shard', '1/2', '--path', '3'], /^rt-sim: --path replays one case .* cannot go with --shard/],
      [['--report-file', 'r.json'], /^rt-sim: --report-file writes the JSON report: give --reporter json/],
      [
        ['--reporter', 'json', '--report-file', 'no/such/r.json'],
        /^rt-sim: --report-file no\/such\/r.json: the folder/,
      ],
    ];
    for (const [args, message] of cases) {
      const { code, err } = await cli(['fuzz', '--runs', '2', ...args], cwd);
      expect(code, args.join(' ')).toBe(2);
      expect(err).toMatch(message);
    }
  });
});

describe('rt-sim merge', () => {
  it('exits 2 naming the file when reports are not the shards of one campaign', async () => {
    const cwd = await mkdtemp(path.join(os.tmpdir(), 'rtsim-merge-cli-'));
    const report = (shard: { index: number; count: number } | null, seed = 1): string =>
      JSON.stringify({
        kind: 'rt-sim fuzz report',
        version: 1,
        passed: true,
        seed,
        runs: 4,
        shard,
        casesRun: 2,
        executions: 2,
        shrinks: 0,
        invariants: [{ name: 'runEnds', rule: '§8.8', held: 2 }],
        simulatedMs: 10,
        wallMs: 5,
        failure: null,
      });
    await writeFile(path.join(cwd, 'a.json'), report({ index: 1, count: 2 }));
    await writeFile(path.join(cwd, 'b.json'), report({ index: 2, count: 2 }));
    await writeFile(path.join(cwd, 'a-again.json'), report({ index: 1, count: 2 }));
    await writeFile(path.join(cwd, 'other-seed.json'), report({ index: 2, count: 2 }, 2));
    await writeFile(path.join(cwd, 'run.json'), JSON.stringify({ scenarios: [], summary: {} }));
    await writeFile(path.join(cwd, 'text.json'), 'not json');
    const cases: [string[], RegExp][] = [
      [['a.json'], /^rt-sim: shard\(s\) 2\/2 missing/],
      [['a.json', 'a-again.json'], /^rt-sim: a-again.json: shard 1\/2 is already given by a.json/],
      [['a.json', 'other-seed.json'], /^rt-sim: other-seed.json: seed 2, but a.json has 1/],
      [['run.json'], /^rt-sim: run.json: an rt-sim run report; merge takes the JSON reports of rt-sim fuzz only/],
      [['text.json'], /^rt-sim: text.json: not JSON/],
      [['none.json'], /^rt-sim: none.json: cannot be read \(ENOENT\)/],
    ];
    for (const [files, message] of cases) {
      const { code, out, err } = await cli(['merge', ...files], cwd);
      expect(code, files.join(' ')).toBe(2);
      expect(err).toMatch(message);
      expect(out).toBe('');
    }
    const ok = await cli(['merge', 'b.json', 'a.json'], cwd);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.out)).toMatchObject({ casesRun: 4, shard: null, invariants: [{ name: 'runEnds', held: 4 }] });
  });
});
