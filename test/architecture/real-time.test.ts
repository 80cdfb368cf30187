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

/** Layers each layer may import (docs/architecture.md: protocol and clock at the bottom, CLI on top). */
const ALLOWED: Record<string, readonly string[]> = {
  clock: ['protocol'],
  protocol: ['clock'],
  link: ['clock', 'protocol'],
  transcript: ['clock', 'protocol'],
  recorder: ['clock', 'protocol', 'link', 'transcript'],
  client: ['clock', 'protocol', 'link'],
  simulator: ['clock', 'protocol', 'link', 'transcript'],
  harness: ['clock', 'protocol', 'link', 'transcript', 'client', 'simulator'],
  fuzz: ['clock', 'protocol', 'link', 'transcript', 'client', 'simulator', 'harness'],
  cli: ['clock', 'protocol', 'link', 'transcript', 'recorder', 'client', 'simulator', 'harness', 'fuzz'],
  // rt-sim/vitest, beside the CLI: fixtures and matchers over the harness for users' tests.
  vitest: ['clock', 'protocol', 'link', 'transcript', 'client', 'simulator', 'harness'],
  types: [],
  // The package root barrel re-exports the public entry points of the layers below the CLI.
  'index.ts': ['clock', 'protocol', 'link', 'client', 'simulator', 'harness'],
};

const files = sourceFiles(SRC);
const code = (file: string): string =>
  readFileSync(file, 'utf8')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/(^|[^:])\/\/.*$/gm, '$1');

describe('module boundaries', () => {
  it('no module outside src/clock reads real time, real timers or Math.random', () => {
    const offenders = files
      .filter((f) => layer(f) !== 'clock')
      .flatMap((f) =>
        code(f)
          .split('\n')
          .map((line, i) => ({ line, at: `${path.relative(SRC, f)}:${i + 1}` }))
          .filter(({ line }) => /\b(Date\.now|performance\.now|Math\.random)\s*\(|(?<![.\w])(setTimeout|setInterval|setImmediate)\s*\(|\bnew Date\(\s*\)/.test(line))
          .map(({ at, line }) => `${at}: ${line.trim()}`),
      );
    expect(offenders).toEqual([]);
  });

  it('imports point down the layers: client and simulator never import each other', () => {
    const offenders: string[] = [];
    for (const file of files) {
      const from = layer(file);
      for (const m of code(file).matchAll(/(?:import|export)[^'"]*from\s+['"](\.[^'"]+)['"]/g)) {
        const target = path.resolve(path.dirname(file), m[1]!);
        const to = layer(target);
        if (to === from || to.startsWith('..')) continue;
        if (!(ALLOWED[from] ?? []).includes(to)) offenders.push(`${path.relative(SRC, file)} imports ${to} (${m[1]})`);
      }
    }
    expect(offenders).toEqual([]);
  });

  it('only src/vitest imports vitest, an optional peer dependency', () => {
    const offenders = files.filter((f) => layer(f) !== 'vitest' && /from\s+['"]vitest(\/[^'"]*)?['"]/.test(code(f))).map((f) => path.relative(SRC, f));
    expect(offenders).toEqual([]);
  });

  it('other folders import a folder only through its index.ts barrel', () => {
    const offenders: string[] = [];
    for (const file of files) {
      const from = layer(file);
      for (const m of code(file).matchAll(/(?:import|export)[^'"]*from\s+['"](\.[^'"]+)['"]/g)) {
        const target = path.resolve(path.dirname(file), m[1]!);
        if (layer(target) === from) continue;
        const rel = path.relative(SRC, target).split(path.sep);
        const isBarrel = rel.length === 2 && rel[1] === 'index.js';
        if (!isBarrel) offenders.push(`${path.relative(SRC, file)} imports ${m[1]}`);
      }
    }
    expect(offenders).toEqual([]);
  });
});
