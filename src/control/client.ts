import { RtSimError, isErrorCode } from '../errors/index.js';
import type { ControlConnection, ControlErrorBody, JournalPage, ServeVerdict } from '../harness/index.js';
import type { Action } from '../simulator/index.js';

/** Where an action runs: on one open connection, or (for handshake and response actions) on none. */
export interface ActOptions {
  connection?: number;
}

/** What `act` answers: how many actions ran, and the journal entry that records them. */
export interface ActResult {
  done: number;
  seq: number;
}

/**
 * A typed client of a running `rt-sim serve`'s control API (docs/control.md). Every method is
 * one HTTP request; a refused one rejects with the server's `RtSimError` code and message
 * (`RTSIM_CONTROL_BAD_REQUEST`, `RTSIM_SIM_BAD_ACTIONS` naming the field, …), and a server that
 * cannot be reached with `RTSIM_CONTROL_UNREACHABLE`.
 */
export interface ControlClient {
  /** The control API's base URL, `http://HOST:PORT/__rt-sim/`. */
  readonly baseUrl: string;
  /** The connections the server holds: open ones and the closed ones it keeps. */
  connections(): Promise<ControlConnection[]>;
  /** Runs script actions now, as a rule's `do` list (docs/scenario-server.md lists them). */
  act(actions: readonly Action[], options?: ActOptions): Promise<ActResult>;
  /**
   * Adds a wire or protocol fault on a connection, e.g. `{ latency: { ms: 300, jitterMs: 50 } }` or
   * `{ drop: { event: 'response.done' } }`.
   */
  addFault(connection: number, fault: Action): Promise<ActResult>;
  /** Removes a connection's wire faults (one direction, or both). */
  clearFaults(connection: number, direction?: 'downstream' | 'upstream'): Promise<ActResult>;
  /** Closes a connection now with a code (default 1000) and reason. */
  disconnect(connection: number, code?: number, reason?: string): Promise<ActResult>;
  /** Makes the next `count` responses end with `status: failed`. */
  failNextResponse(count?: number, failure?: { type?: string; code?: string }): Promise<ActResult>;
  /** Refuses the next `count` handshakes with an HTTP status. */
  refuseHandshakes(status: number, count?: number): Promise<ActResult>;
  /** Sends a server event on a connection (an `event_id` is minted when absent). */
  send(connection: number, event: Record<string, unknown>): Promise<ActResult>;
  /** Starts a server-initiated response on a connection, e.g. `{ transcript: 'Hello.' }`. */
  respond(connection: number, reply: Record<string, unknown>): Promise<ActResult>;
  /** Journal entries after `since` (0: all kept), oldest first. */
  journal(options?: { since?: number; limit?: number }): Promise<JournalPage>;
  /** The verdict so far (since the start or the last reset). */
  verdict(): Promise<ServeVerdict>;
  /** Starts the verdict and the journal again and removes the faults added so far. */
  reset(): Promise<{ seq: number }>;
}

/** One request to the control API, however it travels: its HTTP status and body. */
export type ControlTransport = (
  method: 'GET' | 'POST',
  route: string,
  body: string | undefined,
) => Promise<{ status: number; text: string }>;

/**
 * A client of the control API of the `serve` at `url`: the WebSocket URL `serve` printed
 * (`ws://127.0.0.1:PORT/v1/realtime`) or any http(s) URL of the same server.
 */
export function createControlClient(url: string): ControlClient {
  const baseUrl = controlBase(url);
  return controlClientOver(baseUrl, async (method, route, body) => {
    let response: Response;
    try {
      response = await fetch(new URL(route, baseUrl), {
        method,
        ...(body === undefined ? {} : { body, headers: { 'content-type': 'application/json' } }),
      });
    } catch (error) {
      throw new RtSimError('RTSIM_CONTROL_UNREACHABLE', `control API at ${baseUrl}: ${(error as Error).message}`, {
        url: baseUrl,
      });
    }
    return { status: response.status, text: await response.text() };
  });
}

/**
 * The typed client over any transport: `fetch` for a served scenario, a direct call of the
 * routes for rt-sim/vitest's in-memory fake server, so both answer and refuse alike.
 */
export function controlClientOver(baseUrl: string, transport: ControlTransport): ControlClient {
  const call = async <T>(method: 'GET' | 'POST', route: string, body?: unknown): Promise<T> => {
    const { status, text } = await transport(method, route, body === undefined ? undefined : JSON.stringify(body));
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw new RtSimError(
        'RTSIM_CONTROL_UNREACHABLE',
        `control API at ${baseUrl}: expected JSON from ${method} ${route}, ` +
          `got HTTP ${status} ${JSON.stringify(text.slice(0, 80))}`,
        { url: baseUrl, status },
      );
    }
    if (status >= 200 && status < 300) return parsed as T;
    const error = (parsed as Partial<ControlErrorBody>).error;
    const code = error && isErrorCode(error.code) ? error.code : 'RTSIM_CONTROL_UNREACHABLE';
    throw new RtSimError(code, `${method} ${route}: ${error?.message ?? `HTTP ${status}`}`, {
      status,
      ...(error?.field === undefined ? {} : { field: error.field }),
    });
  };
  const act = (actions: readonly Action[], options: ActOptions = {}): Promise<ActResult> =>
    call('POST', 'actions', {
      ...(options.connection === undefined ? {} : { connection: options.connection }),
      do: actions,
    });
  return {
    baseUrl,
    connections: async () => (await call<{ connections: ControlConnection[] }>('GET', 'connections')).connections,
    act,
    addFault: (connection, fault) => act([fault], { connection }),
    clearFaults: (connection, direction) =>
      act([{ clearFaults: direction === undefined ? {} : { direction } }], { connection }),
    disconnect: (connection, code = 1000, reason = '') => act([{ close: { code, reason } }], { connection }),
    failNextResponse: (count = 1, failure = {}) => act([{ failNextResponse: { ...failure, count } } as Action]),
    refuseHandshakes: (status, count = 1) => act([{ refuseHandshake: { status, count } }]),
    send: (connection, event) => act([{ send: event }], { connection }),
    respond: (connection, reply) => act([{ respond: reply } as Action], { connection }),
    journal: (options = {}) => {
      const query = new URLSearchParams();
      if (options.since !== undefined) query.set('since', String(options.since));
      if (options.limit !== undefined) query.set('limit', String(options.limit));
      const q = query.toString();
      return call('GET', q ? `journal?${q}` : 'journal');
    },
    verdict: () => call('GET', 'verdict'),
    reset: () => call('POST', 'reset'),
  };
}

/** `http://HOST:PORT/__rt-sim/` of the server at `url` (ws: and wss: become http: and https:). */
function controlBase(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new RtSimError('RTSIM_CONTROL_UNREACHABLE', `expected the URL serve printed, got ${JSON.stringify(url)}`, {
      url,
    });
  }
  const protocol = parsed.protocol === 'wss:' ? 'https:' : parsed.protocol === 'ws:' ? 'http:' : parsed.protocol;
  return `${protocol}//${parsed.host}/__rt-sim/`;
}
