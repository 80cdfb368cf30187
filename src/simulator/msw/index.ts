/**
 * rt-sim for your own tests: an msw 2.x WebSocket handler for `wss://api.x.ai/v1/realtime`
 * backed by the simulator (package export `rt-sim/msw`).
 *
 * ```ts
 * import { setupServer } from 'msw/node';
 * import { createXaiHandler } from 'rt-sim/msw';
 * const server = setupServer(createXaiHandler({ server: { reply: { transcript: 'Hi!' } } }));
 * ```
 *
 * msw intercepts the global `WebSocket` class only. Node 20 has none unless started with
 * `--experimental-websocket` (Node 22 has it by default); otherwise set one before
 * `server.listen()`, e.g. `globalThis.WebSocket = (await import('ws')).WebSocket`. Clients
 * that import the `ws` package directly are never intercepted. The handler cannot see
 * request headers, so authenticate with the `xai-client-secret.<token>` subprotocol or
 * leave the simulator's API key unset. See docs/scenario-server.md.
 */
export { createXaiHandler, createClientSecretsHandler, type XaiHandlerOptions } from './handler.js';
