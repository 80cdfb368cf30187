/** What CLI tests share: running `main` in-process, and a scratch project of bundled scenarios. */
import { cp, mkdir, mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { main } from '../../src/cli/main.js';

const ROOT = path.resolve(import.meta.dirname, '../..');

/** Runs the CLI in-process in `cwd` and collects what it prints. */
export async function runCli(args: string[], cwd: string): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(args, { stdout: (s) => (out += s), stderr: (s) => (err += s), cwd, env: {} });
  return { code, out, err };
}

/**
 * A scratch project (a new folder named `prefix…` in the OS temp folder) holding the bundled
 * scenarios `names`, the scenario fixtures and their golden files.
 */
export async function scratchProject(names: readonly string[], prefix: string): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), prefix));
  await mkdir(path.join(dir, 'scenarios'));
  await cp(path.join(ROOT, 'scenarios', 'fixtures'), path.join(dir, 'scenarios', 'fixtures'), { recursive: true });
  await mkdir(path.join(dir, 'golden'));
  for (const n of names) {
    await cp(path.join(ROOT, 'scenarios', `${n}.yaml`), path.join(dir, 'scenarios', `${n}.yaml`));
    await cp(path.join(ROOT, 'golden', `${n}.json`), path.join(dir, 'golden', `${n}.json`));
  }
  return dir;
}
