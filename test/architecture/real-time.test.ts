import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = path.resolve(import.meta.dirname, '../../src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return full.endsWith('.ts') && !full.endsWith('.d.ts') ? [full] : [];
  });
}

/** The layer of a file: its first folder under src/. */
function layer(file: string): string {
  return path.relative(SRC, file).split(path.sep)[0]!;
}

const files = sourceFiles(SRC);
const code = (file: string): string =>
  readFileSync(file, 'utf8')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/(^|[^:])\/\/.*$/gm, '$1');

/** Calls that read real time, set real timers or draw real chance. */
const REAL_TIME = [
  /\b(Date\.now|performance\.now|Math\.random)\s*\(/,
  /(?<![.\w])(setTimeout|setInterval|setImmediate)\s*\(/,
  /\bnew Date\(\s*\)/,
];

describe('time and chance', () => {
  it('no module outside src/clock reads real time, real timers or Math.random', () => {
    const offenders = files
      .filter((f) => layer(f) !== 'clock')
      .flatMap((f) =>
        code(f)
          .split('\n')
          .map((line, i) => ({ line, at: `${path.relative(SRC, f)}:${i + 1}` }))
          .filter(({ line }) => REAL_TIME.some((re) => re.test(line)))
          .map(({ at, line }) => `${at}: ${line.trim()}`),
      );
    expect(offenders).toEqual([]);
  });
});
