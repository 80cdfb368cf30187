/**
 * The msw 2.x handlers of `rt-sim/msw` (`./index.ts`): a WebSocket handler for
 * `wss://api.x.ai/v1/realtime` backed by the simulator, and an HTTP handler for its
 * `client_secrets` endpoint. Their use and limits are in `./index.ts` and docs/scenario-server.md.
 */
import { HttpResponse, http, ws } from 'msw';
import type { HttpHandler, WebSocketHandler } from 'msw';
import { RealClock, createRandom } from '../../clock/index.js';
import type { Clock, Random } from '../../clock/index.js';
import type { HandshakeDecision, HandshakeRequest, ServerConnection } from '../../link/index.js';
import { XAI_BASE_URL } from '../../protocol/index.js';
import type { SimulatorConfig } from '../simulator-config.js';
import { Simulator, createSimulator } from '../simulator.js';

/** Options of {@link createXaiHandler}. */
export interface XaiHandlerOptions {
  /** Endpoint to intercept. Default `wss://api.x.ai/v1/realtime`. */
  url?: string;
  /** When given a config: the clock (default: real time). */
  clock?: Clock;
  /** When given a config: the seeded generator (default: seed 0). */
  random?: Random;
  /** When given a config: directory of WAV and replay files (default: the working directory). */
  baseDir?: string;
  /** When given a config: expected API key; default `server.apiKey`, else any. */
  apiKey?: string | null;
  /** When given a config: check every outgoing frame against the catalogue. */
  strict?: boolean;
}

/**
 * Marks a client connection that an rt-sim handler answers. msw gives a WebSocket connection
 * to every matching handler, newest first (`server.use` prepends), so without the mark an
 * override and the handler it overrides would both attach a simulator to one socket. A
 * global symbol, so that two copies of rt-sim in one app see each other's mark.
 */
const CLAIMED = Symbol.for('rt-sim.msw.claimed');

/** Claims `client` for the first rt-sim handler that sees it; false when another one has. */
function claim(client: object): boolean {
  if (Reflect.get(client, CLAIMED) === true) return false;
  Object.defineProperty(client, CLAIMED, { value: true });
  return true;
}

type MswClient = Parameters<Parameters<ReturnType<typeof ws.link>['addEventListener']>[1]>[0]['client'];

/** Adapts one msw client connection to src/link's `ServerConnection`; buffers until the simulator listens. */
class MswConnection implements ServerConnection {
  private closed: { code: number; reason: string } | undefined;
  private readonly early: string[] = [];
  private messageListener: ((text: string) => void) | undefined;
  private closeListener: ((code: number, reason: string) => void) | undefined;

  constructor(
    readonly request: HandshakeRequest,
    private readonly client: MswClient,
  ) {
    client.addEventListener('message', (event) => {
      // msw's documented override: a handler that stops propagation keeps the client's
      // messages from the older handlers of the same URL (those added before this one).
      event.stopPropagation();
      const text = textOf(event.data);
      // The xAI protocol is text-only; binary frames (a Blob cannot be read synchronously) are dropped.
      if (text === undefined) return;
      if (this.messageListener) this.messageListener(text);
      else this.early.push(text);
    });
    client.addEventListener('close', (event) => {
      this.closed = { code: event.code, reason: event.reason };
      this.closeListener?.(event.code, event.reason);
    });
  }

  send(text: string): void {
    if (!this.closed) this.client.send(text);
  }

  close(code?: number, reason?: string): void {
    if (!this.closed) this.client.close(code ?? 1000, reason);
  }

  terminate(): void {
    if (!this.closed) this.client.close(1006, '');
  }

  onMessage(listener: (text: string) => void): void {
    this.messageListener = listener;
    for (const text of this.early.splice(0)) listener(text);
  }

  onClose(listener: (code: number, reason: string) => void): void {
    this.closeListener = listener;
    if (this.closed) listener(this.closed.code, this.closed.reason);
  }

  /** Answers a refused handshake the way `ws` reports a non-101 answer: `error`, then close 1006. */
  refuse(decision: Extract<HandshakeDecision, { accept: false }>): void {
    const error = Object.assign(new Event('error'), { message: `Unexpected server response: ${decision.status}` });
    this.client.socket.dispatchEvent(error);
    this.client.close(1006, `Unexpected server response: ${decision.status}`);
  }
}

function textOf(data: unknown): string | undefined {
  if (typeof data === 'string') return data;
  if (data instanceof ArrayBuffer) return Buffer.from(data).toString('utf8');
  if (ArrayBuffer.isView(data)) return Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('utf8');
  return undefined;
}

/**
 * The subprotocols a client asked for. Besides the standard string or list, clients written
 * for Node's global `WebSocket` (undici) may pass a `WebSocketInit` object, `{ protocols }`,
 * which msw hands on as is.
 */
function protocolsOf(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.filter((p): p is string => typeof p === 'string');
  if (typeof value === 'object' && 'protocols' in value)
    return protocolsOf((value as { protocols: unknown }).protocols);
  return [];
}

/**
 * An msw handler that answers WebSocket connections to the xAI realtime endpoint with a
 * simulator: pass a {@link Simulator} (you keep control of its clock and can inspect it) or
 * a config (`{ server, script }`, built with a real clock unless `options.clock` is given).
 */
export function createXaiHandler(
  target: Simulator | SimulatorConfig,
  options: XaiHandlerOptions = {},
): WebSocketHandler {
  let ready: Simulator | Promise<Simulator>;
  if (target instanceof Simulator) ready = target;
  else {
    const pending = createSimulator({
      clock: options.clock ?? new RealClock(),
      random: options.random ?? createRandom(0),
      config: target,
      ...(options.baseDir !== undefined ? { baseDir: options.baseDir } : {}),
      ...(options.apiKey !== undefined ? { apiKey: options.apiKey } : {}),
      strict: options.strict ?? false,
    });
    // A bad config fails each connection (and is rethrown there), never as an unhandled rejection.
    pending.catch(() => undefined);
    ready = pending;
  }
  const link = ws.link(options.url ?? XAI_BASE_URL);
  return link.addEventListener('connection', ({ client, info }) => {
    // A newer rt-sim handler (server.use) answers this socket: this one stands aside.
    if (!claim(client)) return;
    const request: HandshakeRequest = { url: client.url.href, headers: {}, protocols: protocolsOf(info.protocols) };
    const conn = new MswConnection(request, client);
    const attach = (sim: Simulator): void => {
      const decision = sim.handshake(request);
      if (!decision.accept) return conn.refuse(decision);
      sim.connection(conn);
    };
    if (ready instanceof Simulator) return attach(ready);
    ready.then(
      (sim) => {
        ready = sim;
        attach(sim);
      },
      (error: unknown) => {
        conn.refuse({ accept: false, status: 500 });
        queueMicrotask(() => {
          throw error;
        });
      },
    );
  });
}

/**
 * An msw handler for `POST https://api.x.ai/v1/realtime/client_secrets` backed by the same
 * simulator as {@link createXaiHandler}: it mints ephemeral secrets that the simulator's
 * handshake then accepts in the `xai-client-secret.<token>` subprotocol until they expire on
 * its clock. Use it beside the WebSocket handler:
 * `setupServer(createXaiHandler(sim), createClientSecretsHandler(sim))`.
 */
export function createClientSecretsHandler(sim: Simulator, options: { url?: string } = {}): HttpHandler {
  const url = new URL('/v1/realtime/client_secrets', (options.url ?? XAI_BASE_URL).replace(/^ws/, 'http')).href;
  return http.all(url, async ({ request }) => {
    const headers: Record<string, string> = {};
    request.headers.forEach((value, name) => {
      headers[name.toLowerCase()] = value;
    });
    const target = new URL(request.url);
    const answer = sim.http({
      method: request.method,
      url: `${target.pathname}${target.search}`,
      headers,
      body: await request.text(),
    });
    if (!answer) return undefined;
    return new HttpResponse(answer.body, { status: answer.status, headers: { 'content-type': 'application/json' } });
  });
}
