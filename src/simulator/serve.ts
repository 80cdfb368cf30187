/**
 * The simulator on a real socket: a `ws` server on loopback (src/link's `startWsServer`)
 * that any client in any language can reach at `ws://HOST:PORT/v1/realtime`. Give the
 * simulator a real clock when serving.
 */
import { startWsServer, type HttpAnswer, type HttpRequest } from '../link/index.js';
import { MAX_FRAME_BYTES } from '../protocol/index.js';
import type { Simulator } from './simulator.js';

/** Where to listen. */
export interface ServeOptions {
  /** Default `127.0.0.1`: loopback unless told otherwise. */
  host?: string;
  /** Default 0: a free port. */
  port?: number;
  /** Answers plain HTTP requests before the simulator's own routes do; `undefined` passes one on. */
  http?: (request: HttpRequest) => HttpAnswer | undefined;
}

/** A running server. */
export interface ServeHandle {
  /** `ws://HOST:PORT/v1/realtime`. */
  readonly url: string;
  readonly host: string;
  readonly port: number;
  /** Ends every session (close code 1001), then stops listening and drops what is left. */
  close(): Promise<void>;
}

/**
 * Serves `sim` over real WebSockets, many connections at once; a frame over `MAX_FRAME_BYTES`
 * closes its connection with 1009.
 */
export async function serveSimulator(sim: Simulator, options: ServeOptions = {}): Promise<ServeHandle> {
  const first = options.http;
  const handler = first
    ? {
        handshake: sim.handshake.bind(sim),
        connection: sim.connection.bind(sim),
        http: (request: HttpRequest) => first(request) ?? sim.http(request),
      }
    : sim;
  const server = await startWsServer(handler, {
    host: options.host ?? '127.0.0.1',
    port: options.port ?? 0,
    path: '/v1/realtime',
    anyPath: true,
    maxPayload: MAX_FRAME_BYTES,
    // Many sessions at once: a response's frames of one tick go out in one write, not one each.
    batchWrites: true,
  });
  return {
    url: server.url,
    host: server.host,
    port: server.port,
    async close() {
      await sim.close();
      await server.close();
    },
  };
}
