/**
 * `rt-sim run --workers N` (issue 14): scenarios run in worker threads, and what the run
 * reports is what a one-worker run reports, in the same order, but for the times. Each case
 * runs the CLI twice, with `--workers 2` and `--workers 1`, and compares. The threads load the
 * sources through tsx (src/pool/worker-pool.ts), as the tests do.
 */
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli, scratchProject } from '../cli/cli-helpers.js';

/** A handful of quick bundled scenarios, in the order a run takes them (by path). */
const SCENARIOS = ['function-call', 'retry-exhausted', 'text-reply', 'update-tools-empty', 'voice-turn'];

const scratch: string[] = [];
afterAll(() => Promise.all(scratch.map((dir) => rm(dir, { recursive: true, force: true }))));

/** A scratch project holding some bundled scenarios, their fixtures and golden files. */
async function project(names: readonly string[] = SCENARIOS): Promise<string> {
  const dir = await scratchProject(names, 'rtsim-workers-');
  scratch.push(dir);
  return dir;
}

const cli = runCli;

/** The JSON report's text with every time (the `wallMs` fields) set to 0; nothing else changes. */
const withoutTimes = (json: string): string => json.replace(/"wallMs": \d+/g, '"wallMs": 0');
/** The console report with its wall times set to 0. */
const consoleWithoutTimes = (text: string): string => text.replace(/\d+ ms wall/g, '0 ms wall');

/** The same run with two workers and with one: exit codes, and reports compared but for their times. */
async function both(
  dir: string,
  args: string[],
): Promise<{ code: number; workers: string; one: string; out: { workers: string; one: string } }> {
  const many = await cli([...args, '--reporter', 'json', '--out', 'workers.json', '--workers', '2'], dir);
  const one = await cli([...args, '--reporter', 'json', '--out', 'one.json', '--workers', '1'], dir);
  expect(many.err).toBe('');
  expect(many.code).toBe(one.code);
  return {
    code: one.code,
    workers: withoutTimes(await readFile(path.join(dir, 'workers.json'), 'utf8')),
    one: withoutTimes(await readFile(path.join(dir, 'one.json'), 'utf8')),
    out: { workers: consoleWithoutTimes(many.out), one: consoleWithoutTimes(one.out) },
  };
}

/** Makes a scenario expect two generations where it has one: it fails, on every seed. */
async function breakExpectation(dir: string, name: string): Promise<void> {
  const file = path.join(dir, 'scenarios', `${name}.yaml`);
  const text = await readFile(file, 'utf8');
  const broken = text.replace('{ event: generation_created, count: 1,', '{ event: generation_created, count: 2,');
  expect(broken).not.toBe(text);
  await writeFile(file, broken);
}

describe('rt-sim run --workers', () => {
  it('writes the JSON report of a one-worker run, byte for byte but for the times', async () => {
    const dir = await project();
    const golden = path.join(dir, 'golden', 'voice-turn.json');
    await writeFile(
      golden,
      (await readFile(golden, 'utf8')).replace(/"t":(\d+)/, (_m, t) => `"t":${Number(t) + 1}`),
    );
    const { code, workers, one, out } = await both(dir, ['run', 'scenarios']);
    expect(code).toBe(1);
    expect(workers).toBe(one);
    expect(out.workers).toBe(out.one);
    const report = JSON.parse(workers) as { scenarios: { name: string; status: string }[] };
    expect(report.scenarios.map((s) => `${s.name} ${s.status}`)).toEqual([
      'function-call passed',
      'retry-exhausted passed',
      'text-reply passed',
      'update-tools-empty passed',
      'voice-turn failed',
    ]);
  });

  it("prints a failing scenario's failures, client log and reproduce line as a one-worker run does", async () => {
    const dir = await project(['function-call', 'response-created-unreadable', 'text-reply']);
    const file = path.join(dir, 'scenarios', 'response-created-unreadable.yaml');
    await writeFile(
      file,
      (await readFile(file, 'utf8')).replace('{ event: error, count: 1 }', '{ event: error, count: 2 }'),
    );
    await breakExpectation(dir, 'text-reply');
    const many = await cli(['run', 'scenarios', '--workers', '2'], dir);
    const one = await cli(['run', 'scenarios', '--workers', '1'], dir);
    expect(many.code).toBe(1);
    expect(one.code).toBe(1);
    expect(consoleWithoutTimes(many.out)).toBe(consoleWithoutTimes(one.out));
    expect(many.out).toMatch(/FAIL response-created-unreadable[^\n]*\n {5}expectation: [^\n]*\n {5}client log:\n/);
    expect(many.out).toContain('reproduce: npx rt-sim run scenarios/text-reply.yaml --seed 1');
    expect(many.out).toContain('1 passed, 2 failed');
  });

  it('--bail reports what a one-worker run reports: every scenario up to the first failure in order', async () => {
    // text-reply and voice-turn fail; text-reply comes first, whichever thread finishes first.
    const dir = await project();
    await breakExpectation(dir, 'text-reply');
    await breakExpectation(dir, 'voice-turn');
    const { code, workers, one } = await both(dir, ['run', 'scenarios', '--bail']);
    expect(code).toBe(1);
    expect(workers).toBe(one);
    const report = JSON.parse(workers) as { scenarios: { name: string; status: string }[] };
    expect(report.scenarios.map((s) => `${s.name} ${s.status}`)).toEqual([
      'function-call passed',
      'retry-exhausted passed',
      'text-reply failed',
    ]);
  });

  it('--seeds sweeps, --repeat and --shard report as with one worker', async () => {
    const dir = await project();
    await breakExpectation(dir, 'text-reply');
    const sweep = await both(dir, ['run', 'scenarios', '--seeds', '1..3']);
    expect(sweep.code).toBe(1);
    expect(sweep.workers).toBe(sweep.one);
    expect(sweep.workers).toContain('"failingSeeds": [\n        1,\n        2,\n        3\n      ]');
    const repeated = await both(dir, ['run', 'scenarios', '--repeat', '2', '--shard', '1/2']);
    expect(repeated.code).toBe(1);
    expect(repeated.workers).toBe(repeated.one);
    expect(JSON.parse(repeated.workers).summary).toMatchObject({ total: 3, passed: 2, failed: 1 });
  });

  it('--transport ws runs every thread over its own loopback sockets, with the same report', async () => {
    const dir = await project(['function-call', 'text-reply', 'voice-turn']);
    const { code, workers, one } = await both(dir, ['run', 'scenarios', '--transport', 'ws']);
    expect(code).toBe(0);
    expect(workers).toBe(one);
  });

  it('--update writes the golden files a one-worker run writes, and lists the same unowned ones', async () => {
    const dir = await project();
    await writeFile(path.join(dir, 'golden', 'renamed-away.json'), '{}\n');
    const many = await cli(['run', 'scenarios', '--update', '--golden-dir', 'many', '--workers', '2'], dir);
    const one = await cli(['run', 'scenarios', '--update', '--golden-dir', 'one', '--workers', '1'], dir);
    expect(many.code).toBe(0);
    expect(consoleWithoutTimes(many.out)).toBe(consoleWithoutTimes(one.out));
    const files = (await readdir(path.join(dir, 'many'))).sort();
    expect(files).toEqual(SCENARIOS.map((n) => `${n}.json`));
    expect((await readdir(path.join(dir, 'one'))).sort()).toEqual(files);
    for (const f of files) {
      const written = await readFile(path.join(dir, 'many', f), 'utf8');
      expect(written).toBe(await readFile(path.join(dir, 'one', f), 'utf8'));
      expect(written).toBe(await readFile(path.join(dir, 'golden', f), 'utf8'));
    }
    const unowned = await cli(['run', 'scenarios', '--update', '--workers', '2'], dir);
    expect(unowned.out).toContain('no scenario owns any more (remove them if their scenario is gone):\n');
    expect(unowned.out).toContain('  golden/renamed-away.json\n');
  });

  it("makes a run that throws in a thread that scenario's failure, and runs the others", async () => {
    const dir = await project(['function-call', 'text-reply', 'voice-turn']);
    // A golden "file" that is a folder: reading it throws EISDIR inside the thread.
    await rm(path.join(dir, 'golden', 'text-reply.json'));
    await mkdir(path.join(dir, 'golden', 'text-reply.json'));
    const { code, out, err } = await cli(['run', 'scenarios', '--workers', '2'], dir);
    expect(code).toBe(1);
    expect(err).toBe('');
    expect(out).toMatch(/^ok {3}function-call /m);
    expect(out).toMatch(
      new RegExp(
        String.raw`^FAIL text-reply {2}scenarios/text-reply\.yaml[^\n]*\n {5}error: the run threw instead of ` +
          String.raw`giving a result, so nothing was checked: Error: EISDIR`,
        'm',
      ),
    );
    expect(out).toMatch(/^ok {3}voice-turn /m);
    expect(out).toContain('2 passed, 1 failed');
  });
});
