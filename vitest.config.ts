import { readFileSync } from 'node:fs';
import path from 'node:path';
import { defineConfig } from 'vitest/config';

/**
 * `rt-sim/...` → its source file, from package.json's exports (`./dist/x.js` → `src/x.ts`),
 * so that examples/user-test runs here exactly as written for an installed package.
 */
const pkg = JSON.parse(readFileSync(path.resolve(import.meta.dirname, 'package.json'), 'utf8')) as {
  exports: Record<string, { import: string }>;
};
const alias = Object.entries(pkg.exports).map(([subpath, target]) => ({
  find: new RegExp(`^rt-sim${subpath.slice(1).replace(/\//g, '\\/')}$`),
  replacement: path.resolve(import.meta.dirname, target.import.replace(/^\.\/dist\//, 'src/').replace(/\.js$/, '.ts')),
}));

export default defineConfig({
  test: {
    // Unhandled rejections and errors fail the run (vitest default); keep it explicit.
    dangerouslyIgnoreUnhandledErrors: false,
    testTimeout: 20_000,
    hookTimeout: 20_000,
    pool: 'forks',
    sequence: { shuffle: false },
    projects: [
      {
        extends: true,
        test: {
          name: 'rt-sim',
          include: ['test/**/*.test.ts', 'src/**/*.test.ts'],
          setupFiles: ['test/setup/open-handles.ts'],
        },
      },
      {
        // The user test of docs/vitest.md, with its own config, against the sources.
        extends: './examples/user-test/vitest.config.ts',
        resolve: { alias },
        test: {
          name: 'user-test',
          root: './examples/user-test',
          include: ['*.test.ts'],
          testTimeout: 20_000,
        },
      },
    ],
  },
});
