#!/usr/bin/env node
// `npm run prepare`: compile src/ to dist/ only when dist/ is missing or older than its inputs.
// npm runs `prepare` on `npm ci` and `npm pack`, and also on the first `npx rt-sim` in a
// clone: npx installs the package it stands in into its cache to link its bin, which runs
// `prepare` again. An unconditional `tsc` there made that first command take ~13 s instead of ~2 s.
import { spawnSync } from 'node:child_process';
import { readdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const src = path.join(root, 'src');
const dist = path.join(root, 'dist');

/** Files under `dir`, relative to it, with forward slashes. */
function files(dir) {
  try {
    return readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) =>
        path
          .relative(dir, path.join(e.parentPath ?? e.path, e.name))
          .split(path.sep)
          .join('/'),
      );
  } catch {
    return [];
  }
}

const mtime = (file) => statSync(file).mtimeMs;

/** Why dist/ must be rebuilt, or undefined when every output is newer than its inputs. */
function staleness() {
  const sources = files(src).filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts') && !f.endsWith('.test.ts'));
  const outputs = new Set(files(dist).filter((f) => f.endsWith('.js')));
  if (outputs.size === 0) return 'dist/ is missing';
  let oldest = Infinity;
  for (const source of sources) {
    const output = source.replace(/\.ts$/, '.js');
    if (!outputs.delete(output)) return `dist/${output} is missing`;
    const built = mtime(path.join(dist, output));
    if (built < mtime(path.join(src, source))) return `src/${source} changed`;
    oldest = Math.min(oldest, built);
  }
  if (outputs.size > 0) return `dist/${[...outputs][0]} has no source any more`;
  for (const config of [
    'tsconfig.json',
    'tsconfig.build.json',
    ...files(src)
      .filter((f) => f.endsWith('.d.ts'))
      .map((f) => `src/${f}`),
  ]) {
    if (mtime(path.join(root, config)) > oldest) return `${config} changed`;
  }
  return undefined;
}

const reason = process.argv.includes('--force') ? 'forced' : staleness();
if (reason === undefined) {
  console.log('rt-sim: dist/ is up to date, not rebuilding');
} else {
  console.log(`rt-sim: building dist/ (${reason})`);
  rmSync(dist, { recursive: true, force: true });
  const build = spawnSync('npm run build', { cwd: root, stdio: 'inherit', shell: true });
  process.exitCode = build.status ?? 1;
}
