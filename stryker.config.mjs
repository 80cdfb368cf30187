// @ts-check
import { fileURLToPath } from 'node:url';
import { CLIENT_FILES_IN_AUDIO, MUTATION_PARTS } from './stryker/parts.mjs';

/**
 * `npm run mutation`: mutates the client (src/client, and its resampler and PCM16 bytes in
 * src/audio) and kills mutants with the bundled
 * scenario suite and the CI fuzz campaign only (vitest.mutation.config.ts), never the
 * client's unit tests. With MUTATION_PART=<name> (stryker/parts.mjs) it mutates one part and
 * writes reports/mutation/parts/<name>.*; `npm run mutation:score` adds the parts up.
 * docs/mutation.md has the score, the survivors and the incremental mode.
 */
const part = process.env.MUTATION_PART;
if (part !== undefined && !Object.hasOwn(MUTATION_PARTS, part)) {
  throw new Error(`[rt-sim] MUTATION_PART must be one of ${Object.keys(MUTATION_PARTS).join(', ')}, got "${part}"`);
}
// MUTATION_TESTS=unit kills mutants with the client's unit tests (test/client) instead: a
// second figure for code no server exchange reaches (the `arguments` part), never the score.
const tests = process.env.MUTATION_TESTS ?? 'suite';
if (tests !== 'suite' && tests !== 'unit') {
  throw new Error(`[rt-sim] MUTATION_TESTS must be suite or unit, got "${tests}"`);
}
const dir =
  tests === 'unit' ? 'reports/mutation/unit' : part === undefined ? 'reports/mutation' : 'reports/mutation/parts';
const base = part === undefined ? '' : `${part}.`;

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: tests === 'unit' ? 'vitest.client-unit.config.ts' : 'vitest.mutation.config.ts' },
  mutate:
    part === undefined
      ? ['src/client/**/*.ts', '!src/client/index.ts', '!src/client/internal.ts', ...CLIENT_FILES_IN_AUDIO]
      : MUTATION_PARTS[/** @type {keyof typeof MUTATION_PARTS} */ (part)],
  coverageAnalysis: 'perTest',
  checkers: [],
  plugins: ['@stryker-mutator/*', fileURLToPath(new URL('./stryker/logger-ignorer.mjs', import.meta.url))],
  ignorers: ['logger-calls'],
  ignoreStatic: true,
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: `${dir}/${base}index.html` },
  jsonReporter: { fileName: `${dir}/${base}mutation.json` },
  incrementalFile: `${dir}/${base}incremental.json`,
  // Parts may run side by side: each in its own sandbox.
  tempDirName: part === undefined ? '.stryker-tmp' : `.stryker-tmp-${part}${tests === 'unit' ? '-unit' : ''}`,
  cleanTempDir: 'always',
  timeoutMS: 20_000,
  thresholds: { high: 95, low: 90, break: null },
};
