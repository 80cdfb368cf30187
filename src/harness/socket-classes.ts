/**
 * WebSocket classes over the run's link, for a scenario's `connectWith`: the client is given
 * a class (`new RealtimeModel({ WebSocket })`, as users pass `ws`'s, Node's or a browser's)
 * instead of the harness's socket factory, and each construction is recorded as the event
 * `websocket_constructed` with what the class was called with.
 */
import type { ConnectRequest, SocketFactory, SocketLike } from '../link/index.js';
import { redactCredentials } from '../protocol/index.js';

/** How the harness hands the client its sockets (a scenario's `connectWith`; default `socketFactory`). */
export type ConnectWith = 'socketFactory' | 'webSocketClass' | 'browserWebSocketClass';

/** The values of {@link ConnectWith}, for the scenario schema. */
export const CONNECT_WITH: readonly ConnectWith[] = ['socketFactory', 'webSocketClass', 'browserWebSocketClass'];

/** What a class was constructed with: the URL and its second argument as given, credentials redacted. */
export interface WebSocketConstruction {
  url: string;
  /** `null` when the class was called with the URL alone. */
  second: unknown;
}

/** A WebSocket class over a link: `new (url, protocols | init?, options?)`. */
export type WebSocketClass = new (url: string | URL, second?: unknown, options?: unknown) => SocketLike;

/**
 * A class that opens its sockets with `open`. `webSocketClass` reads the forms clients call:
 * undici's `(url, { protocols, headers })`, WHATWG `(url, protocols)` and ws's
 * `(url, protocols, { headers })`.
 * `browserWebSocketClass` takes only `(url, protocols)`, as browsers do: any other second
 * argument is turned into a string, which is not a valid subprotocol token, and the
 * constructor throws a `SyntaxError` (a browser's message); no headers ever go out, and its
 * sockets' `error` events carry no message, as a browser's do.
 */
export function webSocketClassOver(
  kind: Exclude<ConnectWith, 'socketFactory'>,
  open: SocketFactory,
  onConstruct: (construction: WebSocketConstruction) => void = () => {},
): WebSocketClass {
  const request = (url: string, second: unknown, options: unknown): ConnectRequest => {
    if (kind === 'webSocketClass' && typeof second === 'object' && second !== null && !Array.isArray(second)) {
      const init = second as { protocols?: unknown; headers?: Record<string, string> };
      return { url, protocols: protocolList(init.protocols), headers: { ...init.headers } };
    }
    const protocols = protocolList(second);
    if (kind === 'browserWebSocketClass') {
      const bad = protocols.find((p) => !TOKEN.test(p));
      if (bad !== undefined)
        throw new SyntaxError(`Failed to construct 'WebSocket': The subprotocol '${bad}' is invalid.`);
      return { url, protocols, headers: {} };
    }
    const headers = (options as { headers?: Record<string, string> } | undefined)?.headers;
    return { url, protocols, headers: { ...headers } };
  };
  return class {
    constructor(url: string | URL, second?: unknown, options?: unknown) {
      onConstruct({ url: String(url), second: second === undefined ? null : redacted(second) });
      const socket = open(request(String(url), second, options));
      // biome-ignore lint/correctness/noConstructorReturn: `new WebSocket(url)` must give the link's socket
      return kind === 'browserWebSocketClass' ? withBareErrors(socket) : socket;
    }
  } as unknown as WebSocketClass;
}

type ErrorListener = (event: { type: 'error' }) => void;

/**
 * `socket` with its `error` events bare, as a browser's are (WHATWG: a plain `Event`, no
 * message and no error, so a page learns nothing of why a connection failed).
 */
function withBareErrors(socket: SocketLike): SocketLike {
  const bare = new WeakMap<object, ErrorListener>();
  const add = (type: string, listener: (event: never) => void): void => {
    if (type !== 'error') return socket.addEventListener(type as 'open', listener as unknown as () => void);
    const wrapped: ErrorListener = () => listener({ type: 'error' } as never);
    bare.set(listener, wrapped);
    socket.addEventListener('error', wrapped);
  };
  const remove = (type: string, listener: (event: never) => void): void => {
    const target = type === 'error' ? (bare.get(listener) ?? listener) : listener;
    socket.removeEventListener(type as 'open', target as unknown as () => void);
  };
  return new Proxy(socket, {
    get(target, prop) {
      if (prop === 'addEventListener') return add;
      if (prop === 'removeEventListener') return remove;
      const value: unknown = Reflect.get(target, prop, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

/** An RFC 7230 token: what a subprotocol name must be. */
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

function protocolList(value: unknown): string[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value.map(String) : [String(value)];
}

/** A JSON copy of a constructor argument with every string redacted (the Authorization header). */
function redacted(value: unknown): unknown {
  if (typeof value === 'string') return redactCredentials(value);
  if (Array.isArray(value)) return value.map(redacted);
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = v === undefined ? null : redacted(v);
    return out;
  }
  return value ?? null;
}
