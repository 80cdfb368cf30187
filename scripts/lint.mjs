// @ts-check
/**
 * `npm run lint` (and so `npm test`): Biome's CI check over the tree biome.json names, format
 * and lint, failing on warnings too. Biome's own report says what is wrong; on failure this
 * adds how to fix it, since `biome ci` never writes.
 */
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..');
const biome = createRequire(import.meta.url).resolve('@biomejs/biome/bin/biome');
const args = ['ci', '--error-on-warnings', ...process.argv.slice(2), '.'];
const r = spawnSync(process.execPath, [biome, ...args], { cwd: ROOT, stdio: 'inherit' });

if (r.status !== 0) {
  console.error(
    [
      '',
      '[rt-sim] lint: Biome found the problems above.',
      '  Format and apply the safe fixes:  npx biome check --write .',
      '  Then fix what is left by hand; a rule that is wrong for one line gets',
      '  `// biome-ignore lint/<group>/<rule>: <why>` (CONTRIBUTING.md, "Lint and format").',
    ].join('\n'),
  );
}
process.exit(r.status ?? 1);
