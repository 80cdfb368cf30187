/**
 * Ephemeral client secrets, as xAI documents them (reference §1.2): a server holding the
 * API key POSTs `/v1/realtime/client_secrets` with `{"expires_after": {"seconds": N}}` and
 * hands the minted secret to a browser, which connects with the `xai-client-secret.<token>`
 * subprotocol (or as a Bearer key) until the secret expires. Secrets come from the seeded
 * generator and expire on the simulator's clock, so expiry is testable on virtual time.
 */
import type { Clock, Random } from '../clock/index.js';
import type { HttpAnswer, HttpRequest } from '../link/index.js';
import { parseRealtimeUrl } from './handshake.js';
import { isPlainObject } from '../protocol/index.js';

/** The REST path of the endpoint. */
export const CLIENT_SECRETS_PATH = '/v1/realtime/client_secrets';

/**
 * Lifetime bounds and default, in seconds. xAI documents none; these are OpenAI's
 * (10–7200, default 600), an assumption listed in docs/deviations.md.
 */
export const CLIENT_SECRET_SECONDS = { min: 10, max: 7200, default: 600 } as const;

/** What a token is, to the store. */
export type SecretStatus = 'valid' | 'expired' | 'unknown';

/** The secrets one simulator minted. */
export class ClientSecretStore {
  private readonly expiry = new Map<string, number>();

  constructor(
    private readonly clock: Clock,
    private readonly random: Random,
  ) {}

  /** True once a secret was minted: unknown tokens are then refused. */
  get minted(): boolean {
    return this.expiry.size > 0;
  }

  /** Mints a secret living `seconds` from now on the clock. */
  mint(seconds: number): { value: string; expiresAtMs: number } {
    const value = `xai-eph-${this.random.hex(32)}`;
    const expiresAtMs = this.clock.now() + seconds * 1000;
    this.expiry.set(value, expiresAtMs);
    return { value, expiresAtMs };
  }

  /** Whether `token` is a live minted secret. */
  status(token: string): SecretStatus {
    const at = this.expiry.get(token);
    if (at === undefined) return 'unknown';
    return this.clock.now() < at ? 'valid' : 'expired';
  }
}

function json(status: number, body: unknown): HttpAnswer {
  return { status, body: JSON.stringify(body) };
}

function error(status: number, type: string, code: string, message: string, param?: string): HttpAnswer {
  return json(status, { error: { type, code, message, ...(param === undefined ? {} : { param }) } });
}

function badField(param: string, message: string): HttpAnswer {
  return error(400, 'invalid_request_error', 'invalid_value', `Invalid value for '${param}': ${message}`, param);
}

/** Reads the lifetime a request asks for, or the 400 answer naming the bad field. */
function requestedSeconds(body: string): number | HttpAnswer {
  if (body.trim() === '') return CLIENT_SECRET_SECONDS.default;
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return error(400, 'invalid_request_error', 'invalid_json', 'The request body is not valid JSON.');
  }
  if (!isPlainObject(parsed))
    return error(400, 'invalid_request_error', 'invalid_json', 'Expected a JSON object as the request body.');
  // xAI's docs: "Does not support \"session\" or \"expires_after.anchor\" fields". The strict fake refuses them.
  for (const key of Object.keys(parsed)) {
    if (key !== 'expires_after')
      return error(400, 'invalid_request_error', 'unknown_parameter', `Unknown parameter: '${key}'.`, key);
  }
  const after = parsed['expires_after'];
  if (after === undefined) return CLIENT_SECRET_SECONDS.default;
  if (!isPlainObject(after)) return badField('expires_after', 'expected an object such as {"seconds": 300}.');
  for (const key of Object.keys(after)) {
    if (key !== 'seconds')
      return error(
        400,
        'invalid_request_error',
        'unknown_parameter',
        `Unknown parameter: 'expires_after.${key}'.`,
        `expires_after.${key}`,
      );
  }
  const seconds = after['seconds'];
  if (seconds === undefined) return CLIENT_SECRET_SECONDS.default;
  const { min, max } = CLIENT_SECRET_SECONDS;
  if (typeof seconds !== 'number' || !Number.isInteger(seconds) || seconds < min || seconds > max) {
    return badField(
      'expires_after.seconds',
      `expected an integer between ${min} and ${max}, got ${JSON.stringify(seconds)}.`,
    );
  }
  return seconds;
}

/** What a request to the endpoint is checked against. */
export interface ClientSecretPolicy {
  /** `null`: any key may mint (and none, unless `requireCredentials`). */
  apiKey: string | null;
  /** With `apiKey: null`: minting still needs a non-empty Bearer key. */
  requireCredentials?: boolean;
}

/**
 * Answers a plain HTTP request: `POST /v1/realtime/client_secrets` mints a secret and
 * answers `{value, expires_at}` (Unix seconds on the simulator's clock); any other method
 * on that path gets 405; other paths get `undefined` (the transport's own answer).
 */
export function answerClientSecrets(
  request: HttpRequest,
  policy: ClientSecretPolicy,
  store: ClientSecretStore,
): HttpAnswer | undefined {
  if (parseRealtimeUrl(request.url).path !== CLIENT_SECRETS_PATH) return undefined;
  if (request.method !== 'POST') {
    return error(
      405,
      'invalid_request_error',
      'method_not_allowed',
      `Method ${request.method} is not allowed on ${CLIENT_SECRETS_PATH}; use POST.`,
    );
  }
  if (policy.apiKey !== null || policy.requireCredentials === true) {
    const bearer = request.headers['authorization']?.match(/^Bearer\s+(.+)$/i)?.[1]?.trim();
    if (policy.apiKey === null ? !bearer : bearer !== policy.apiKey) {
      const what = !bearer
        ? 'Missing credentials: send "Authorization: Bearer <API key>".'
        : 'Incorrect API key provided.';
      return error(401, 'invalid_request_error', 'invalid_api_key', what);
    }
  }
  const seconds = requestedSeconds(request.body);
  if (typeof seconds !== 'number') return seconds;
  const { value, expiresAtMs } = store.mint(seconds);
  return json(200, { value, expires_at: Math.floor(expiresAtMs / 1000) });
}
