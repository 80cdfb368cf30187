import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'src/**/*.test.ts'],
    setupFiles: ['test/setup/open-handles.ts'],
    // Unhandled rejections and errors fail the run (vitest default); keep it explicit.
    dangerouslyIgnoreUnhandledErrors: false,
    testTimeout: 20_000,
    hookTimeout: 20_000,
    pool: 'forks',
    sequence: { shuffle: false },
  },
});
