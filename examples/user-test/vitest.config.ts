import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Registers rt-sim's matchers: toMatchGolden, toHaveSent, toHaveReceived, ...
    setupFiles: ['rt-sim/vitest/setup'],
    // msw intercepts the global WebSocket, which Node 20 has only behind this flag.
    execArgv: Number(process.versions.node.split('.')[0]) < 22 ? ['--experimental-websocket'] : [],
  },
});
