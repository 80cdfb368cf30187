import { defineConfig } from 'vitest/config';

/**
 * The tests `npm run mutation` (StrykerJS) runs against each mutant: the bundled suite and
 * the CI fuzz campaign only (test/mutation), so the score says what a user's CI would catch.
 */
export default defineConfig({
  test: {
    include: ['test/mutation/*.mutation.ts'],
    testTimeout: 120_000,
    pool: 'forks',
  },
});
