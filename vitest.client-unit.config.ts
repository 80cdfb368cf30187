import { defineConfig } from 'vitest/config';

/**
 * The client's own unit tests (test/client, and test/audio for its files in src/audio), for
 * `MUTATION_TESTS=unit npm run mutation`: the second mutation figure docs/mutation.md gives for
 * the client's argument checks, which no scenario can reach. Never the mutation score itself (vitest.mutation.config.ts).
 */
export default defineConfig({
  test: {
    // With the client's resampler and PCM16 bytes, which live in src/audio.
    include: ['test/client/**/*.test.ts', 'test/audio/resampler.test.ts', 'test/audio/pcm.test.ts'],
    testTimeout: 120_000,
    pool: 'forks',
  },
});
