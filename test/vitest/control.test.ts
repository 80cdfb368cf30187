/**
 * rt-sim/vitest: a fake server's `control` is the control API of `rt-sim serve` (docs/control.md),
 * called directly in memory and over HTTP on the `ws` transport.
 */
import { describe, expect } from 'vitest';
import { test } from '../../src/vitest/index.js';
import '../../src/vitest/setup.js';

describe("a fake server's control", () => {
  test('in memory: a failed response and a disconnect added now change what the client sees', async ({ rtsim }) => {
    const server = await rtsim.server({ server: { reply: { transcript: 'Hi.', audio: null } } });
    const session = server.client();
    await server.runUntilIdle();
    const [first] = await server.control.connections();
    expect(first).toMatchObject({ connection: 1, open: true });
    await server.control.failNextResponse(1, { code: 'from_the_test' });
    await server.until(session.generateReply()).catch(() => undefined);
    await server.runUntilIdle();
    expect(server).toHaveReceived('response.done', { response: { status: 'failed' } });
    await server.control.disconnect(1, 4001, 'from the test');
    await server.advance(100); // in memory, what an action sends travels on the virtual clock
    expect(server.observation().connections[0]).toMatchObject({ conn: 1, code: 4001, closedBy: 'server' });
    const { entries } = await server.control.journal();
    expect(entries.filter((e) => e.kind === 'action').map((e) => (e as { do: unknown }).do)).toEqual([
      [{ failNextResponse: { code: 'from_the_test', count: 1 } }],
      [{ close: { code: 4001, reason: 'from the test' } }],
    ]);
    expect(entries.find((e) => e.kind === 'close')).toMatchObject({ connection: 1, code: 4001 });
    await server.until(session.close());
  });

  test('in memory: a refused action rejects with the code and field the server names', async ({ rtsim }) => {
    const server = await rtsim.server({ server: { reply: { transcript: 'Hi.', audio: null } } });
    await expect(server.control.act([{ latency: { ms: -1 } }])).rejects.toMatchObject({
      code: 'RTSIM_SIM_BAD_ACTIONS',
      details: { status: 400, field: 'do[0].latency.ms' },
    });
  });

  test('over HTTP on the ws transport: an event pushed now reaches the rt-sim client', async ({ rtsim }) => {
    const server = await rtsim.server({ server: { reply: { transcript: 'Hi.', audio: null } } }, { transport: 'ws' });
    expect(server.control.baseUrl).toBe(`${server.url.replace('ws:', 'http:').replace('/v1/realtime', '')}/__rt-sim/`);
    const session = server.client();
    await server.until(session.generateReply());
    await server.runUntilIdle();
    await server.control.respond(1, { transcript: 'Pushed by the test.', audio: null });
    await server.runUntilIdle();
    expect(server).toHaveReceived('response.output_audio_transcript.done', { transcript: 'Pushed by the test.' });
    expect((await server.control.verdict()).serverFrames['response.done']).toBe(2);
    await session.close();
  });
});
