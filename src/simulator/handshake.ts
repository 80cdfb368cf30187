/**
 * The opening handshake as xAI checks it: the `/v1/realtime` path, a Bearer API key or an
 * ephemeral token in the `xai-client-secret.<token>` subprotocol (reference §1.2), and the
 * `?model=` query parameter. Refusals carry an HTTP status, which the client's connect loop
 * sees as a failed connection attempt (R2.5).
 */
import type { HandshakeRequest } from '../link/index.js';

/** What the URL of a connection asks for. */
export interface RealtimeUrl {
  path: string;
  model: string | undefined;
  conversationId: string | undefined;
}

/** Reads the path and the query parameters the simulator understands. */
export function parseRealtimeUrl(url: string): RealtimeUrl {
  const parsed = new URL(url, 'ws://localhost');
  return {
    path: parsed.pathname.replace(/\/+$/, '') || '/',
    model: parsed.searchParams.get('model') ?? undefined,
    conversationId: parsed.searchParams.get('conversation_id') ?? undefined,
  };
}

/** The prefix of an ephemeral-token subprotocol. */
export const CLIENT_SECRET_PROTOCOL = 'xai-client-secret.';

/** What a handshake is checked against. */
export interface HandshakePolicy {
  /** `null`: any key is accepted (and none, unless `requireCredentials`). */
  apiKey: string | null;
  /**
   * With `apiKey: null`: a handshake must still carry a non-empty Bearer key or
   * `xai-client-secret.<token>` subprotocol, else 401 (what `rt-sim serve` does by default).
   * Default false: none needed.
   */
  requireCredentials?: boolean;
  /** `undefined`: any non-empty token is accepted. */
  clientSecrets: readonly string[] | undefined;
  /** `undefined`: any model. */
  models: readonly string[] | undefined;
  /** Secrets minted by `POST /v1/realtime/client_secrets`; once one is, unlisted unknown tokens are refused. */
  minted?: { readonly minted: boolean; status(token: string): 'valid' | 'expired' | 'unknown' };
}

/** The simulator's decision on a handshake. */
export type HandshakeOutcome =
  | { accept: true; protocol?: string }
  | { accept: false; status: number; body: string; reason: string };

const MISSING_CREDENTIALS =
  'Missing credentials: send "Authorization: Bearer <API key>" or the "xai-client-secret.<token>" subprotocol.';

function errorBody(code: string, message: string): string {
  return JSON.stringify({ error: { type: 'invalid_request_error', code, message } });
}

function refuse(status: number, code: string, message: string): HandshakeOutcome {
  return { accept: false, status, body: errorBody(code, message), reason: message };
}

/** The path check alone: the service's JSON `not_found` for any path but `/v1/realtime`. */
export function checkPath(request: HandshakeRequest): Extract<HandshakeOutcome, { accept: false }> | undefined {
  const url = parseRealtimeUrl(request.url);
  if (url.path === '/v1/realtime') return undefined;
  return {
    accept: false,
    status: 404,
    body: errorBody('not_found', `No such endpoint: ${url.path}. Expected /v1/realtime.`),
    reason: `no such endpoint: ${url.path}`,
  };
}

/** Decides on a handshake. */
export function checkHandshake(request: HandshakeRequest, policy: HandshakePolicy): HandshakeOutcome {
  const wrongPath = checkPath(request);
  if (wrongPath) return wrongPath;
  const url = parseRealtimeUrl(request.url);
  const secretProtocol = request.protocols.find((p) => p.startsWith(CLIENT_SECRET_PROTOCOL));
  const bearer = request.headers['authorization']?.match(/^Bearer\s+(.+)$/i)?.[1]?.trim();
  const token = secretProtocol?.slice(CLIENT_SECRET_PROTOCOL.length);
  const minted = (t: string | undefined): 'valid' | 'expired' | 'unknown' =>
    t === undefined || !policy.minted ? 'unknown' : policy.minted.status(t);
  // A minted secret past its expiry is refused whatever the key policy: expiry is why it was minted.
  if (minted(token) === 'expired' || minted(bearer) === 'expired')
    return refuse(401, 'invalid_api_key', 'Invalid or expired client secret.');
  if (policy.apiKey !== null) {
    // xAI's docs: an ephemeral token also works "in the same fashion as an API key", as Bearer.
    const keyOk = bearer !== undefined && (bearer === policy.apiKey || minted(bearer) === 'valid');
    const anyToken = policy.clientSecrets === undefined && !(policy.minted?.minted ?? false);
    const tokenOk =
      token !== undefined &&
      token !== '' &&
      (anyToken || policy.clientSecrets?.includes(token) === true || minted(token) === 'valid');
    if (!keyOk && !tokenOk) {
      const what =
        bearer !== undefined
          ? 'Incorrect API key provided.'
          : token !== undefined
            ? 'Invalid or expired client secret.'
            : MISSING_CREDENTIALS;
      return refuse(401, 'invalid_api_key', what);
    }
  }
  if (policy.apiKey === null && policy.requireCredentials === true && !bearer && !token) {
    return refuse(401, 'invalid_api_key', MISSING_CREDENTIALS);
  }
  if (url.model !== undefined && policy.models !== undefined && !policy.models.includes(url.model)) {
    return refuse(400, 'model_not_found', `The model '${url.model}' does not exist or you do not have access to it.`);
  }
  // A browser client fails the connection unless the server picks one of its subprotocols.
  const protocol = secretProtocol ?? request.protocols[0];
  return protocol === undefined ? { accept: true } : { accept: true, protocol };
}
