/** The msw client-secrets handler beside the WebSocket one, as a user's test would set them up. */
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VirtualClock, createRandom } from '../../../src/clock/index.js';
import { createSimulator } from '../../../src/simulator/index.js';
import type { Simulator } from '../../../src/simulator/index.js';
import { createClientSecretsHandler, createXaiHandler } from '../../../src/simulator/msw/index.js';

const clock = new VirtualClock();
let sim: Simulator;
let server: ReturnType<typeof setupServer>;

beforeAll(async () => {
  sim = await createSimulator({ clock, random: createRandom(1), config: {}, apiKey: 'sk-msw' });
  server = setupServer(createXaiHandler(sim), createClientSecretsHandler(sim));
  server.listen({ onUnhandledRequest: 'error' });
});
afterAll(async () => {
  server.close();
  await sim.close();
});

const handshake = (token: string) =>
  sim.handshake({ url: 'wss://api.x.ai/v1/realtime', headers: {}, protocols: [`xai-client-secret.${token}`] });

describe('createClientSecretsHandler', () => {
  it('mints a secret at api.x.ai/v1/realtime/client_secrets that the simulator accepts until it expires', async () => {
    const res = await fetch('https://api.x.ai/v1/realtime/client_secrets', {
      method: 'POST',
      headers: { authorization: 'Bearer sk-msw', 'content-type': 'application/json' },
      body: JSON.stringify({ expires_after: { seconds: 60 } }),
    });
    expect(res.status).toBe(200);
    const { value, expires_at } = (await res.json()) as { value: string; expires_at: number };
    expect(expires_at).toBe(60);
    expect(handshake(value)).toMatchObject({ accept: true });
    await clock.advance(60_000);
    expect(handshake(value)).toMatchObject({ accept: false, status: 401 });
  });

  it('answers 401 JSON without the API key', async () => {
    const res = await fetch('https://api.x.ai/v1/realtime/client_secrets', { method: 'POST', body: '{}' });
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ error: { code: 'invalid_api_key' } });
  });
});
