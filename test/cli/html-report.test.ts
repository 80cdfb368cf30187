import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli, scratchProject } from './cli-helpers.js';

const NAMES = ['audio-commit-clear', 'reconnect-mid-response'];
let dir = '';

beforeAll(async () => {
  dir = await scratchProject(NAMES, 'rt-sim-html-');
});

/** The data a page embeds for its script. */
async function pageData(file: string): Promise<{ frames: unknown[]; firstDifference?: Record<string, unknown> }> {
  const html = await readFile(file, 'utf8');
  const m = /<script type="application\/json" id="data">([\s\S]*?)<\/script>/.exec(html);
  return JSON.parse(m?.[1] ?? 'null') as { frames: unknown[] };
}

describe('rt-sim run --reporter html', () => {
  it('writes a page per scenario and an index into a new --out folder, and prints the console report too', async () => {
    const { code, out } = await runCli(['run', 'scenarios', '--reporter', 'html', '--out', 'timeline'], dir);
    expect(code).toBe(0);
    expect(out).toContain('ok   audio-commit-clear');
    expect(out).toContain(`HTML timeline: ${path.join('timeline', 'index.html')}`);
    expect((await readdir(path.join(dir, 'timeline'))).sort()).toEqual([
      'audio-commit-clear.html',
      'index.html',
      'reconnect-mid-response.html',
    ]);
    const golden = JSON.parse(await readFile(path.join(dir, 'golden', 'reconnect-mid-response.json'), 'utf8')) as {
      frames: unknown[];
    };
    expect((await pageData(path.join(dir, 'timeline', 'reconnect-mid-response.html'))).frames).toHaveLength(
      golden.frames.length,
    );
    const index = await readFile(path.join(dir, 'timeline', 'index.html'), 'utf8');
    expect(index).toContain('<a href="audio-commit-clear.html">audio-commit-clear</a>');
  });

  it('marks the first golden difference of a failing scenario on its page', async () => {
    const golden = path.join(dir, 'golden', 'audio-commit-clear.json');
    const text = await readFile(golden, 'utf8');
    await writeFile(golden, text.replace('"t":180,', '"t":181,'));
    try {
      const { code, out } = await runCli(
        ['run', 'scenarios/audio-commit-clear.yaml', '--reporter', 'html', '--out', 'failing'],
        dir,
      );
      expect(code).toBe(1);
      expect(out).toMatch(/first at frames\[5\]\.t/);
      const data = await pageData(path.join(dir, 'failing', 'audio-commit-clear.html'));
      expect(data.firstDifference).toMatchObject({ path: 'frames[5].t', frame: 5, t: 180 });
    } finally {
      await writeFile(golden, text);
    }
  });

  it('writes nothing with --list, not even the --out folder', async () => {
    const { code, out } = await runCli(['run', 'scenarios', '--reporter', 'html', '--out', 'listed', '--list'], dir);
    expect(code).toBe(0);
    expect(out).toContain('audio-commit-clear');
    expect(await readdir(dir)).not.toContain('listed');
  });

  it('needs --out: without it, a usage error that names the flag', async () => {
    const { code, err } = await runCli(['run', 'scenarios', '--reporter', 'html'], dir);
    expect(code).toBe(2);
    expect(err).toContain('--reporter html writes a folder of pages');
    expect(err).toContain('--out DIR');
    expect(err).not.toMatch(/^\s+at /m);
  });

  it('refuses an --out that is a file', async () => {
    await writeFile(path.join(dir, 'a-file'), 'x');
    const { code, err } = await runCli(['run', 'scenarios', '--reporter', 'html', '--out', 'a-file'], dir);
    expect(code).toBe(2);
    expect(err).toContain('--out a-file: is a file; --reporter html needs a folder');
    expect(err).not.toMatch(/^\s+at /m);
  });

  it('refuses an --out whose parent folder does not exist', async () => {
    const { code, err } = await runCli(['run', 'scenarios', '--reporter', 'html', '--out', 'no/such'], dir);
    expect(code).toBe(2);
    expect(err).toContain('--out no/such: the folder no does not exist');
  });

  it('does not go with --seeds, which runs each scenario many times', async () => {
    const { code, err } = await runCli(
      ['run', 'scenarios', '--reporter', 'html', '--out', 'x', '--seeds', '1..2'],
      dir,
    );
    expect(code).toBe(2);
    expect(err).toContain('--reporter html');
  });
});
