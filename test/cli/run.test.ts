import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';

const ROOT = path.resolve(import.meta.dirname, '../..');

/**
 * Runs the CLI in-process in `cwd` and collects what it prints. `run` gets `--workers 1`: these
 * tests are about what a run reports, which is the same with workers
 * (test/integration/run-workers.test.ts), and one thread keeps them quick.
 */
async function cli(args: string[], cwd: string): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(args[0] === 'run' ? [...args, '--workers', '1'] : args, {
    stdout: (s) => (out += s),
    stderr: (s) => (err += s),
    cwd,
    env: {},
  });
  return { code, out, err };
}

/** A scratch project with the bundled scenarios, fixtures and golden files. */
async function project(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'rtsim-cli-'));
  await cp(path.join(ROOT, 'scenarios'), path.join(dir, 'scenarios'), { recursive: true });
  await cp(path.join(ROOT, 'golden'), path.join(dir, 'golden'), { recursive: true });
  return dir;
}

describe('rt-sim run', () => {
  it('passes the bundled text-reply scenario and writes the JSON report the README describes', async () => {
    const dir = await project();
    const { code, out } = await cli(
      ['run', 'scenarios/text-reply.yaml', '--reporter', 'json', '--out', 'report.json'],
      dir,
    );
    expect(code).toBe(0);
    expect(out).toContain('1 passed, 0 failed');
    const report = JSON.parse(await readFile(path.join(dir, 'report.json'), 'utf8'));
    expect(report.summary).toMatchObject({ total: 1, passed: 1, failed: 0 });
    expect(report.summary.simulatedMs).toBeGreaterThan(0);
    expect(report.scenarios[0]).toMatchObject({
      name: 'text-reply',
      file: path.join('scenarios', 'text-reply.yaml'),
      status: 'passed',
      failures: [],
    });
  });

  it('fails with exit 1 and a diff at the first differing event when the golden file disagrees', async () => {
    const dir = await project();
    const golden = path.join(dir, 'golden', 'text-reply.json');
    const text = await readFile(golden, 'utf8');
    const lines = text.split('\n');
    const index = lines.findIndex((l) => l.includes('"type":"response.create"'));
    expect(index).toBeGreaterThan(0);
    lines[index] = lines[index]!.replace('"instructions":null', '"instructions":"Say hi."');
    await writeFile(golden, lines.join('\n'));
    const { code, out } = await cli(['run', 'scenarios/text-reply.yaml'], dir);
    expect(code).toBe(1);
    expect(out).toMatch(
      new RegExp(
        String.raw`golden-diff: the run differs from golden\/text-reply\.json \(wire frames\) ` +
          String.raw`first at frames\[\d+\]\.body\.response\.instructions \(line \d+\)`,
      ),
    );
    expect(out).toContain('── wire frames ──');
    expect(out).toMatch(/- .*"instructions":"Say hi\."/);
    expect(out).toMatch(/\+ .*"instructions":null/);
    expect(out).toContain('reproduce: npx rt-sim run scenarios/text-reply.yaml --seed 1');
    expect(out).toContain('0 passed, 1 failed');
  });

  it('fails with exit 1 when an expectation is not met, naming it', async () => {
    const dir = await project();
    const file = path.join(dir, 'scenarios', 'text-reply.yaml');
    await writeFile(
      file,
      (await readFile(file, 'utf8')).replace(
        '{ event: generation_created, count: 1,',
        '{ event: generation_created, count: 2,',
      ),
    );
    const { code, out } = await cli(['run', 'scenarios/text-reply.yaml'], dir);
    expect(code).toBe(1);
    expect(out).toContain('expectation: expect[0]: expected 2 "generation_created" event(s), saw 1');
  });

  it('exits 2 with file:line and a hint for a malformed scenario, and still runs the others', async () => {
    const dir = await project();
    await writeFile(
      path.join(dir, 'scenarios', 'broken.yaml'),
      'name: broken\nsteps:\n  - call: generateReply\n  - wiat: idle\n',
    );
    const { code, out } = await cli(['run', 'scenarios'], dir);
    expect(code).toBe(2);
    expect(out).toContain(
      'scenarios/broken.yaml:4:5: steps[1]: ' +
        'a step has exactly one of "call", "wait", "sleep", "parallel" or "await", got none',
    );
    expect(out).toMatch(/\d+ passed, 1 failed \(1 invalid\)/);
  });

  it('exits 2 for a missing path and a bad flag, without a stack trace', async () => {
    const dir = await project();
    const missing = await cli(['run', 'nope.yaml'], dir);
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/^rt-sim: .*"\S*nope\.yaml" does not exist\n$/);
    const flag = await cli(['run', 'scenarios', '--reporter', 'xml'], dir);
    expect(flag.code).toBe(2);
    expect(flag.err).toContain("argument 'xml' is invalid");
    const seed = await cli(['run', 'scenarios', '--seed', 'abc'], dir);
    expect(seed.code).toBe(2);
    expect(`${missing.err}${flag.err}${seed.err}`).not.toMatch(/\n\s+at /);
  });

  it('writes a golden file with --update only for a passing scenario', async () => {
    const dir = await project();
    const out = path.join(dir, 'fresh-golden');
    const first = await cli(['run', 'scenarios/text-reply.yaml', '--golden-dir', 'fresh-golden'], dir);
    expect(first.code).toBe(1);
    expect(first.out).toContain('golden-missing');
    const update = await cli(['run', 'scenarios/text-reply.yaml', '--golden-dir', 'fresh-golden', '--update'], dir);
    expect(update.code).toBe(0);
    expect(await readFile(path.join(out, 'text-reply.json'), 'utf8')).toBe(
      await readFile(path.join(ROOT, 'golden', 'text-reply.json'), 'utf8'),
    );
  });
});

describe('rt-sim validate', () => {
  it('says which files are valid and exits 2 when one is not', async () => {
    const dir = await project();
    await writeFile(path.join(dir, 'scenarios', 'bad.yaml'), 'name: bad\nsteps: []\n');
    const { code, out, err } = await cli(['validate', 'scenarios'], dir);
    expect(code).toBe(2);
    expect(out).toContain('ok   scenarios/text-reply.yaml');
    expect(err).toContain('scenarios/bad.yaml:2:8: steps: expected a non-empty list of steps');
  });
});
