/**
 * The teardown every test of `serveSimulator` over real sockets shares: the servers it
 * started and the client sockets it opened are closed after each test, whatever it left.
 */
import { afterEach } from 'vitest';
import type WebSocket from 'ws';
import type { ServeHandle } from '../../src/simulator/index.js';

export interface ServeCleanup {
  /** Client sockets to terminate after the test. */
  readonly sockets: WebSocket[];
  /** Remembers a server to close after the test; returns it. */
  track(handle: ServeHandle): ServeHandle;
  /** Closes every server tracked so far (also done after each test). */
  closeAll(): Promise<void>;
}

/** Registers the `afterEach` teardown in the calling test file. */
export function closeServersAfterEach(): ServeCleanup {
  const servers: ServeHandle[] = [];
  const sockets: WebSocket[] = [];
  const closeAll = async (): Promise<void> => {
    for (const server of servers.splice(0)) await server.close();
  };
  afterEach(async () => {
    for (const s of sockets.splice(0)) s.terminate();
    await closeAll();
  });
  const track = (handle: ServeHandle): ServeHandle => {
    servers.push(handle);
    return handle;
  };
  return { sockets, closeAll, track };
}
