/**
 * toMatchGolden: the run's observation against `__golden__/<name>.json` beside the test file,
 * in the harness's golden format, with vitest's snapshot update modes (`-u` is `all`, local
 * runs `new`, CI `none`) and a readable diff when it differs.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MatcherState } from 'vitest';
import { runScenario } from '../../src/index.js';
import type { RunOutcome } from '../../src/index.js';
import { goldenName, rtsimMatchers } from '../../src/vitest/index.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
let dir: string;
let run: RunOutcome;

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'rtsim-golden-'));
  run = await runScenario(path.join(ROOT, 'scenarios/text-reply.yaml'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

/** The matcher as vitest calls it, for a test file in the temp folder and an update mode. */
function matchGolden(mode: 'all' | 'new' | 'none', name?: string) {
  const state = {
    testPath: path.join(dir, 'client.test.ts'),
    currentTestName: 'my client > says hello',
    isNot: false,
    snapshotState: { _updateSnapshot: mode },
  };
  return rtsimMatchers.toMatchGolden.call(state as unknown as MatcherState, run, name);
}

describe('toMatchGolden', () => {
  it('writes a missing golden beside the test, named after it, in the same bytes as rt-sim run --update', async () => {
    expect((await matchGolden('new')).pass).toBe(true);
    const written = await readFile(path.join(dir, '__golden__', 'my-client-says-hello.json'), 'utf8');
    expect(written).toBe(await readFile(path.join(ROOT, 'golden/text-reply.json'), 'utf8'));
  });

  it('fails on a missing golden on CI (update mode none) and says how to write it', async () => {
    const result = await matchGolden('none', 'hello');
    expect(result.pass).toBe(false);
    expect(result.message()).toMatch(/no golden file .*__golden__\/hello\.json: run vitest with -u/);
  });

  it("fails on a changed value with the harness's golden diff: JSON path, section, the lines around it", async () => {
    await matchGolden('new', 'hello');
    const file = path.join(dir, '__golden__', 'hello.json');
    const golden = await readFile(file, 'utf8');
    await writeFile(file, golden.replace('"transcript":"Hello there."', '"transcript":"Hello world."'));
    const result = await matchGolden('new', 'hello');
    expect(result.pass).toBe(false);
    const message = result.message();
    expect(message).toContain('vitest -u rewrites it');
    expect(message).toMatch(/^-.*"transcript":"Hello world\."/m);
    expect(message).toMatch(/^\+.*"transcript":"Hello there\."/m);
    expect(message).toContain('first difference at ');
    expect(message).toMatch(/^── \S.* ──$/m);
    for (const line of message.split('\n').filter((l) => /^[-+ ]/.test(l)))
      expect(line.length).toBeLessThanOrEqual(200);
  });

  it('rewrites a differing golden under vitest -u (update mode all)', async () => {
    const file = path.join(dir, '__golden__', 'hello.json');
    await matchGolden('new', 'hello');
    const golden = await readFile(file, 'utf8');
    await writeFile(file, golden.replace('"transcript":"Hello there."', '"transcript":"Hello world."'));
    expect((await matchGolden('all', 'hello')).pass).toBe(true);
    expect(await readFile(file, 'utf8')).toBe(golden);
  });

  it('names a golden after the full test name', () => {
    expect(goldenName('my client > says "hello" twice')).toBe('my-client-says-hello-twice');
  });
});
