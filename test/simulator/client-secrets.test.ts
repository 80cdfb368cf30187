import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { RealClock, VirtualClock, createRandom } from '../../src/clock/index.js';
import type { Clock } from '../../src/clock/index.js';
import { createSimulator, serveSimulator } from '../../src/simulator/index.js';
import type { Json } from './driver.js';
import { closeServersAfterEach } from './serve-cleanup.js';

const { sockets, track, closeAll } = closeServersAfterEach();

async function serve(
  opts: { clock?: Clock; apiKey?: string | null; clientSecrets?: string[]; seed?: number } = {},
): Promise<{ http: string; ws: string }> {
  const sim = await createSimulator({
    clock: opts.clock ?? new RealClock(),
    random: createRandom(opts.seed ?? 9),
    config: { server: opts.clientSecrets ? { clientSecrets: opts.clientSecrets } : {} },
    apiKey: opts.apiKey === undefined ? 'sk-test' : opts.apiKey,
  });
  const server = track(await serveSimulator(sim, { port: 0 }));
  return { http: `http://127.0.0.1:${server.port}`, ws: server.url };
}

async function mint(
  base: string,
  body: unknown,
  key = 'sk-test',
): Promise<{ status: number; type: string | null; json: Json }> {
  const res = await fetch(`${base}/v1/realtime/client_secrets`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: res.status, type: res.headers.get('content-type'), json: (await res.json()) as Json };
}

/** Opens a raw `ws` connection; resolves with `open` or the HTTP refusal status and JSON body. */
function connect(
  url: string,
  protocols: string[],
  headers: Record<string, string> = {},
): Promise<{ open: true } | { open: false; status: number; body: Json }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, protocols, { headers });
    sockets.push(ws);
    ws.once('open', () => resolve({ open: true }));
    ws.once('unexpected-response', (_req, res) => {
      let text = '';
      res.on('data', (c: Buffer) => (text += c.toString()));
      res.on('end', () => resolve({ open: false, status: res.statusCode ?? 0, body: JSON.parse(text) }));
    });
    ws.once('error', (e) => reject(e));
  });
}

describe('POST /v1/realtime/client_secrets on a served simulator', () => {
  it('mints a secret with the API key and answers {value, expires_at} as JSON', async () => {
    const s = await serve();
    const r = await mint(s.http, { expires_after: { seconds: 300 } });
    expect(r.status).toBe(200);
    expect(r.type).toContain('application/json');
    expect(Object.keys(r.json).sort()).toEqual(['expires_at', 'value']);
    expect(r.json.value).toMatch(/^xai-eph-[0-9a-f]{32}$/);
    expect(Number.isInteger(r.json.expires_at)).toBe(true);
  });

  it('mints the same secrets from the same seed', async () => {
    const clock = new VirtualClock();
    const a = await serve({ clock, seed: 3 });
    const first = (await mint(a.http, {})).json;
    await closeAll();
    const b = await serve({ clock, seed: 3 });
    expect((await mint(b.http, {})).json).toEqual(first);
  });

  it('accepts a minted secret in the xai-client-secret subprotocol and as a Bearer key', async () => {
    const s = await serve();
    const { value } = (await mint(s.http, {})).json;
    expect(await connect(s.ws, [`xai-client-secret.${value}`])).toEqual({ open: true });
    expect(await connect(s.ws, [], { authorization: `Bearer ${value}` })).toEqual({ open: true });
  });

  it('refuses a secret once it expired on the simulator clock with 401 and a JSON error body', async () => {
    const clock = new VirtualClock();
    const s = await serve({ clock });
    const r = await mint(s.http, { expires_after: { seconds: 30 } });
    expect(r.json.expires_at).toBe(30);
    await clock.advance(29_999);
    expect(await connect(s.ws, [`xai-client-secret.${r.json.value}`])).toEqual({ open: true });
    await clock.advance(1);
    const refused = await connect(s.ws, [`xai-client-secret.${r.json.value}`]);
    expect(refused).toEqual({
      open: false,
      status: 401,
      body: {
        error: { type: 'invalid_request_error', code: 'invalid_api_key', message: 'Invalid or expired client secret.' },
      },
    });
  });

  it('expires after the documented default of 600 seconds when the body names no lifetime', async () => {
    const clock = new VirtualClock();
    const s = await serve({ clock });
    const r = await mint(s.http, '');
    expect(r.json.expires_at).toBe(600);
    await clock.advance(600_000);
    expect(await connect(s.ws, [`xai-client-secret.${r.json.value}`])).toMatchObject({ open: false, status: 401 });
  });

  it('refuses an unknown secret once secrets are minted, still accepting those in server.clientSecrets', async () => {
    const s = await serve({ clientSecrets: ['listed-token'] });
    await mint(s.http, {});
    expect(await connect(s.ws, ['xai-client-secret.made-up'])).toMatchObject({
      open: false,
      status: 401,
      body: { error: { code: 'invalid_api_key' } },
    });
    expect(await connect(s.ws, ['xai-client-secret.listed-token'])).toEqual({ open: true });
  });

  it("refuses to mint without the API key, with the handshake's 401 JSON body", async () => {
    const s = await serve();
    const r = await mint(s.http, {}, 'sk-wrong');
    expect(r).toMatchObject({
      status: 401,
      json: {
        error: { type: 'invalid_request_error', code: 'invalid_api_key', message: 'Incorrect API key provided.' },
      },
    });
  });

  it('answers 400 naming the field: lifetime out of bounds, a fraction, an anchor, a session, bad JSON', async () => {
    const s = await serve();
    expect(await mint(s.http, { expires_after: { seconds: 5 } })).toMatchObject({
      status: 400,
      json: { error: { code: 'invalid_value', param: 'expires_after.seconds' } },
    });
    expect(await mint(s.http, { expires_after: { seconds: 7201 } })).toMatchObject({
      status: 400,
      json: { error: { param: 'expires_after.seconds' } },
    });
    expect(await mint(s.http, { expires_after: { seconds: '60' } })).toMatchObject({
      status: 400,
      json: { error: { param: 'expires_after.seconds' } },
    });
    expect(await mint(s.http, { expires_after: { seconds: 60, anchor: 'created_at' } })).toMatchObject({
      status: 400,
      json: { error: { code: 'unknown_parameter', param: 'expires_after.anchor' } },
    });
    expect(await mint(s.http, { session: {} })).toMatchObject({
      status: 400,
      json: { error: { code: 'unknown_parameter', param: 'session' } },
    });
    expect(await mint(s.http, { expires_after: 60 })).toMatchObject({
      status: 400,
      json: { error: { param: 'expires_after' } },
    });
    expect(await mint(s.http, '{not json')).toMatchObject({ status: 400, json: { error: { code: 'invalid_json' } } });
  });

  it('answers 405 JSON to another method on the endpoint and keeps 426 for other plain requests', async () => {
    const s = await serve();
    const get = await fetch(`${s.http}/v1/realtime/client_secrets`);
    expect(get.status).toBe(405);
    expect(await get.json()).toMatchObject({ error: { code: 'method_not_allowed' } });
    const other = await fetch(`${s.http}/v1/realtime`, { method: 'POST', body: '{}' });
    expect(other.status).toBe(426);
  });

  it('mints without credentials when the simulator accepts any key, and still refuses expired secrets', async () => {
    const clock = new VirtualClock();
    const s = await serve({ clock, apiKey: null });
    const res = await fetch(`${s.http}/v1/realtime/client_secrets`, {
      method: 'POST',
      body: '{"expires_after":{"seconds":10}}',
    });
    const { value } = (await res.json()) as { value: string };
    expect(await connect(s.ws, ['xai-client-secret.whatever'])).toEqual({ open: true });
    await clock.advance(10_000);
    expect(await connect(s.ws, [`xai-client-secret.${value}`])).toMatchObject({ open: false, status: 401 });
  });
});
