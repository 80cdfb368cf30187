import { RtSimError } from '../protocol/index.js';

/** Path the recorder listens on when the upstream URL has none. */
export const DEFAULT_LISTEN_PATH = '/v1/realtime';

/**
 * Headers that belong to one hop of the WebSocket handshake; `ws` makes its own for the
 * upstream, and they would only add noise (random keys, the recorder's port) to a transcript.
 */
const HOP_HEADERS = new Set([
  'host',
  'connection',
  'upgrade',
  'keep-alive',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'content-length',
  'sec-websocket-key',
  'sec-websocket-version',
  'sec-websocket-extensions',
  'sec-websocket-protocol',
  'sec-websocket-accept',
]);

/** Subprotocols that carry a credential (`xai-client-secret.<token>`) rather than name a protocol. */
const CREDENTIAL_PROTOCOL = /^[A-Za-z0-9-]*(?:secret|key|token|auth|bearer)[A-Za-z0-9-]*\./i;

/**
 * The upstream as a WebSocket URL: `http(s)` becomes `ws(s)` like the plugin does (reference
 * §1.1). Throws RTSIM_RECORDER_BAD_UPSTREAM for anything else.
 */
export function parseUpstream(upstream: string): URL {
  let url: URL;
  try {
    url = new URL(upstream);
  } catch {
    throw badUpstream(upstream, 'text that is not a URL');
  }
  if (url.protocol === 'http:' || url.protocol === 'https:') url = new URL(`ws${upstream.slice(4)}`);
  if (url.protocol !== 'ws:' && url.protocol !== 'wss:') throw badUpstream(upstream, `a ${url.protocol} URL`);
  return url;
}

function badUpstream(upstream: string, got: string): RtSimError {
  // The URL may hold a key, so only its length is shown.
  return new RtSimError(
    'RTSIM_RECORDER_BAD_UPSTREAM',
    `expected --upstream to be a ws://, wss://, http:// or https:// URL such as wss://api.x.ai/v1/realtime, ` +
      `got ${got} (${upstream.length} characters)`,
  );
}

/** The path clients connect to on the recorder: the upstream's, so only host and port change. */
export function listenPath(upstream: URL): string {
  return upstream.pathname === '' || upstream.pathname === '/' ? DEFAULT_LISTEN_PATH : upstream.pathname;
}

/** Path and query of the URL a client asked the recorder for. */
export function pathAndQuery(clientUrl: string): string {
  const url = new URL(clientUrl, 'ws://recorder.invalid');
  return `${url.pathname}${url.search}`;
}

/**
 * The URL to open upstream for a client: the upstream URL with the client's query parameters
 * added (the client's win, so `?model=` is the client's choice).
 */
export function upstreamUrlFor(upstream: URL, clientUrl: string): string {
  const target = new URL(upstream.href);
  const asked = new URL(clientUrl, 'ws://recorder.invalid');
  for (const name of new Set(asked.searchParams.keys())) {
    target.searchParams.delete(name);
    for (const value of asked.searchParams.getAll(name)) target.searchParams.append(name, value);
  }
  return target.href;
}

/** The client's handshake headers to send upstream (and to record): all but the per-hop ones. */
export function forwardedHeaders(headers: Readonly<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) if (!HOP_HEADERS.has(name.toLowerCase())) out[name] = value;
  return out;
}

/**
 * The subprotocol the recorder accepts before it knows the upstream's choice (its handshake
 * must answer at once): the first offered one that is not a credential, else the first.
 */
export function chooseProtocol(offered: readonly string[]): string | undefined {
  return offered.find((p) => !CREDENTIAL_PROTOCOL.test(p)) ?? offered[0];
}

/** The HTTP status in a `ws` handshake error ("Unexpected server response: 401"). */
export function refusalStatus(message: string | undefined): number | undefined {
  const m = /Unexpected server response: (\d{3})/.exec(message ?? '');
  return m === null ? undefined : Number(m[1]);
}
