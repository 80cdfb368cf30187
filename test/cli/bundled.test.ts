import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from './cli-helpers.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const scratch: string[] = [];
afterAll(() => Promise.all(scratch.map((dir) => rm(dir, { recursive: true, force: true }))));

/** An empty folder of its own: the run must need nothing from where it is started. */
async function emptyDir(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'rtsim-bundled-'));
  scratch.push(dir);
  return dir;
}

const cli = runCli;

describe('rt-sim run --bundled', () => {
  it("runs the package's own scenarios against its own golden files from any folder", async () => {
    const empty = await emptyDir();
    const scenarios = (await readdir(path.join(ROOT, 'scenarios'))).filter((f) => f.endsWith('.yaml'));
    const { code, out } = await cli(['run', '--bundled'], empty);
    expect(code).toBe(0);
    expect(out).toContain(`${scenarios.length} passed, 0 failed`);
    expect(await readdir(empty)).toEqual([]);
  });

  it('holds every fuzz invariant on other seeds too (a seed sweep of the bundled suite)', async () => {
    // In this thread: the invariants are the point here; test/integration/run-workers.test.ts sweeps with workers.
    const { code, out } = await cli(['run', 'scenarios', '--seeds', '1..2', '--workers', '1'], ROOT);
    expect(out.split('\n').filter((l) => l.startsWith('FAIL') || l.startsWith('     '))).toEqual([]);
    expect(code).toBe(0);
  }, 120_000);

  it('refuses paths beside --bundled, --update with it, and a run without either', async () => {
    const cwd = await emptyDir();
    expect(await cli(['run', '--bundled', 'scenarios'], cwd)).toMatchObject({
      code: 2,
      err: expect.stringContaining('give no paths with it'),
    });
    expect(await cli(['run', '--bundled', '--update'], cwd)).toMatchObject({
      code: 2,
      err: expect.stringContaining('cannot rewrite the bundled golden files'),
    });
    expect(await cli(['run'], cwd)).toMatchObject({
      code: 2,
      err: expect.stringContaining('or --bundled for the bundled suite'),
    });
  });
});
