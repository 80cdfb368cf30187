import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';

const ROOT = path.resolve(import.meta.dirname, '../..');

describe('rt-sim --version', () => {
  it('prints the version package.json declares, and exits 0', async () => {
    const pkg = JSON.parse(await readFile(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
    let out = '';
    const code = await main(['--version'], { stdout: (s) => (out += s), stderr: () => {}, cwd: ROOT, env: {} });
    expect(code).toBe(0);
    expect(out.trim()).toBe(pkg.version);
  });
});
