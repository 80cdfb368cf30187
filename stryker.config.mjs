// @ts-check
import { fileURLToPath } from 'node:url';
/**
 * `npm run mutation`: mutates the client (src/client) and kills mutants with the bundled
 * scenario suite and the CI fuzz campaign only (vitest.mutation.config.ts), never the
 * client's unit tests. docs/mutation.md has the score, the survivors and the incremental mode.
 * @type {import('@stryker-mutator/api/core').PartialStrykerOptions}
 */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.mutation.config.ts' },
  mutate: ['src/client/**/*.ts', '!src/client/index.ts'],
  coverageAnalysis: 'perTest',
  checkers: [],
  plugins: ['@stryker-mutator/*', fileURLToPath(new URL('./stryker/logger-ignorer.mjs', import.meta.url))],
  ignorers: ['logger-calls'],
  ignoreStatic: true,
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/index.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  incrementalFile: 'reports/mutation/incremental.json',
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
  timeoutMS: 20_000,
  thresholds: { high: 95, low: 90, break: null },
};
