import { defineConfig } from 'vitest/config';

/**
 * The client's own unit tests (test/client), for `MUTATION_TESTS=unit npm run mutation`: the
 * second mutation figure docs/mutation.md gives for the client's argument checks, which no
 * scenario can reach. Never the mutation score itself (vitest.mutation.config.ts).
 */
export default defineConfig({
  test: {
    include: ['test/client/**/*.test.ts'],
    testTimeout: 120_000,
    pool: 'forks',
  },
});
