import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ServedScenario } from '../../src/harness/index.js';
import { blockValidators, loadScenario, serveScenario } from '../../src/harness/index.js';
import { MAX_FRAME_BYTES } from '../../src/protocol/index.js';
import { open, terminateAll } from './serve-client.js';

const ROOT = path.resolve(import.meta.dirname, '../..');

let served: ServedScenario | undefined;
afterEach(async () => {
  terminateAll();
  await served?.close();
  served = undefined;
});

async function serve(file = path.join(ROOT, 'scenarios/text-reply.yaml'), anyKey = false): Promise<ServedScenario> {
  const scenario = await loadScenario(file, blockValidators);
  served = await serveScenario(scenario, { port: 0, anyKey });
  return served;
}

/** Tries a WebSocket upgrade by hand: the HTTP status and body of a refusal, or 101. */
function upgrade(
  url: string,
  headers: Record<string, string>,
  protocol?: string,
): Promise<{ status: number; body: string }> {
  const u = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request({
      host: u.hostname,
      port: u.port,
      path: `${u.pathname}?model=grok-4-1-fast-non-reasoning`,
      headers: {
        connection: 'Upgrade',
        upgrade: 'websocket',
        'sec-websocket-version': '13',
        'sec-websocket-key': 'dGhlIHNhbXBsZSBub25jZQ==',
        ...(protocol === undefined ? {} : { 'sec-websocket-protocol': protocol }),
        ...headers,
      },
    });
    req.on('upgrade', (res, socket) => {
      socket.destroy();
      resolve({ status: res.statusCode ?? 0, body: '' });
    });
    req.on('response', (res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString('utf8')));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('serveScenario against hostile frames', () => {
  it('answers a 2,000-deep frame with an error event, keeps the connection, and judges the run', async () => {
    const { url } = await serve();
    const c = await open(url);
    await c.next('conversation.created');
    c.ws.send('['.repeat(2000) + ']'.repeat(2000));
    c.ws.send(`{"type":"session.update","session":{"instructions":${'{"a":'.repeat(2000)}1${'}'.repeat(2000)}}}`);
    c.ws.send(JSON.stringify({ type: 'session.update', session: { instructions: 'Be brief.' } }));
    await c.next('session.updated');
    const errors = c.events.filter((e) => e.type === 'error').map((e) => e.error);
    expect(errors).toHaveLength(2);
    for (const error of errors)
      expect(error).toMatchObject({
        type: 'invalid_request_error',
        message: expect.stringContaining('the limit is 64'),
      });
    expect(c.closed()).toBeUndefined();
    expect(served!.verdict().clientFrames).toEqual({ '(no type)': 1, 'session.update': 2 });
  });

  it('closes a connection with 1009 on a 16 MB frame, keeps serving the others and the earlier frames', async () => {
    const { url } = await serve();
    const big = await open(url);
    const other = await open(url);
    await big.next('conversation.created');
    big.ws.send(JSON.stringify({ type: 'session.update', session: { instructions: 'Be brief.' } }));
    await big.next('session.updated');
    big.ws.send(`{"type":"input_audio_buffer.append","audio":"${'A'.repeat(16 * 1000 * 1000)}"}`);
    await new Promise<void>((resolve) => big.ws.once('close', () => resolve()));
    expect(big.closed()).toBe(1009);
    expect(16 * 1000 * 1000).toBeGreaterThan(MAX_FRAME_BYTES);
    other.ws.send(JSON.stringify({ type: 'session.update', session: { instructions: 'Still here.' } }));
    await other.next('session.updated');
    expect(served!.verdict().clientFrames).toEqual({ 'session.update': 2 });
  });
});

describe('serveScenario credentials', () => {
  let dir: string | undefined;
  afterEach(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
    dir = undefined;
  });

  /** text-reply with `server.apiKey` set to `key`. */
  async function withKey(key: string | null): Promise<string> {
    dir = await mkdtemp(path.join(tmpdir(), 'rt-sim-serve-'));
    const file = path.join(dir, 'keyed.yaml');
    await writeFile(
      file,
      `name: keyed\nserver:\n  apiKey: ${key === null ? 'null' : JSON.stringify(key)}\nsteps:\n  - wait: idle\n`,
    );
    return file;
  }

  it("answers a handshake without credentials with 401 and the service's JSON body", async () => {
    const { url } = await serve();
    const refused = await upgrade(url, {});
    expect(refused.status).toBe(401);
    expect(JSON.parse(refused.body)).toEqual({
      error: {
        type: 'invalid_request_error',
        code: 'invalid_api_key',
        message: expect.stringContaining('Missing credentials'),
      },
    });
    expect((await upgrade(url, { authorization: 'Bearer ' })).status).toBe(401);
    expect((await upgrade(url, { authorization: 'Bearer any-key' })).status).toBe(101);
    expect((await upgrade(url, {}, 'xai-client-secret.tok')).status).toBe(101);
    expect(served!.verdict().connections).toMatchObject({ accepted: 2, refused: 2 });
  });

  it('accepts no credentials with anyKey', async () => {
    const { url } = await serve(undefined, true);
    expect((await upgrade(url, {})).status).toBe(101);
  });

  it('accepts only the key a scenario names in server.apiKey, unless anyKey', async () => {
    const file = await withKey('sk-expected');
    const { url } = await serve(file);
    expect((await upgrade(url, { authorization: 'Bearer sk-other' })).status).toBe(401);
    expect((await upgrade(url, {})).status).toBe(401);
    expect((await upgrade(url, { authorization: 'Bearer sk-expected' })).status).toBe(101);
    await served!.close();
    const relaxed = await serve(file, true);
    expect((await upgrade(relaxed.url, { authorization: 'Bearer sk-other' })).status).toBe(101);
  });

  it('accepts no credentials when the scenario says server.apiKey: null', async () => {
    const { url } = await serve(await withKey(null));
    expect((await upgrade(url, {})).status).toBe(101);
  });
});
