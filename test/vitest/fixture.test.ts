/**
 * rt-sim/vitest: the `rtsim` fixture gives a test fake xAI servers (memory link on a virtual
 * clock, or a loopback URL), rt-sim clients and scenario runs; the matchers judge them.
 */
import path from 'node:path';
import { describe, expect } from 'vitest';
import { WebSocket } from 'ws';
import { test } from '../../src/vitest/index.js';
import '../../src/vitest/setup.js';

const SCENARIOS = path.resolve(import.meta.dirname, '../../scenarios');

describe('the rtsim fixture', () => {
  test('serves an inline config in memory to an rt-sim client, on a virtual clock the test drives', async ({
    rtsim,
  }) => {
    const server = await rtsim.server({ server: { reply: { transcript: 'Hi from the fake.', audio: null } } });
    const session = server.client();
    await server.until(session.generateReply());
    await server.runUntilIdle();
    expect(server.clock.now()).toBeGreaterThanOrEqual(500);
    expect(server).toHaveSent('response.create');
    expect(server).toHaveReceived('response.output_audio_transcript.done', { transcript: 'Hi from the fake.' });
    expect(server).toHaveChatContext([{ role: 'assistant', text: 'Hi from the fake.' }]);
    expect(server).not.toHaveReconnected();
  });

  test('moves virtual time only when asked: advance(ms) fires the timers due on the way', async ({ rtsim }) => {
    const server = await rtsim.server({ server: { reply: { transcript: 'Later.', audio: null, ttftMs: 1000 } } });
    const session = server.client();
    await server.until(session.generateReply());
    const start = server.clock.now();
    expect(server).not.toHaveReceived('response.done');
    await server.advance(5000);
    expect(server.clock.now()).toBe(start + 5000);
    expect(server).toHaveReceived('response.done');
  });

  test('gives a client of your own a WebSocket class that reaches the fake server in memory', async ({ rtsim }) => {
    const server = await rtsim.server({ server: { reply: { transcript: 'Own client.', audio: null } } });
    const socket = new server.WebSocket('wss://api.x.ai/v1/realtime', []);
    const types: string[] = [];
    socket.addEventListener('message', (e) => types.push((JSON.parse(String(e.data)) as { type: string }).type));
    socket.addEventListener('open', () => socket.send(JSON.stringify({ type: 'response.create' })));
    await server.runUntilIdle();
    expect(types).toContain('conversation.created');
    expect(types).toContain('response.done');
    expect(server).toHaveSent('response.create');
    socket.close();
  });

  test('hands the headers of every WebSocket call form to the fake server, so a key it demands gets through', async ({
    rtsim,
  }) => {
    const server = await rtsim.server({
      server: { apiKey: 'xai-fixture-key', reply: { transcript: 'Keyed.', audio: null } },
    });
    const good = { authorization: 'Bearer xai-fixture-key' };
    const url = 'wss://api.x.ai/v1/realtime';
    const sockets = [
      new server.WebSocket(url, { protocols: [], headers: good }),
      new server.WebSocket(url, [], { headers: good }),
      new server.WebSocket(url, { headers: { authorization: 'Bearer wrong' } }),
    ];
    const opened = sockets.map(() => false);
    for (const [i, socket] of sockets.entries()) {
      socket.addEventListener('open', () => {
        opened[i] = true;
      });
    }
    await server.runUntilIdle();
    expect(opened).toEqual([true, true, false]);
    for (const socket of sockets) socket.close();
  });

  test('serves a scenario file on a loopback URL for a client built on ws', async ({ rtsim }) => {
    const server = await rtsim.server(path.join(SCENARIOS, 'text-reply.yaml'), { transport: 'ws' });
    expect(server.url).toMatch(/^ws:\/\/127\.0\.0\.1:\d+\//);
    const socket = new WebSocket(server.url);
    const first = await new Promise<string>((resolve, reject) => {
      socket.once('message', (data) => resolve((JSON.parse(String(data)) as { type: string }).type));
      socket.once('error', reject);
    });
    expect(['session.created', 'conversation.created']).toContain(first);
    socket.close();
    await new Promise((resolve) => socket.once('close', resolve));
    expect(server.observation().connections).toHaveLength(1);
  });

  test('connects an rt-sim client to the loopback URL too, on real time', async ({ rtsim }) => {
    const server = await rtsim.server(
      { server: { reply: { transcript: 'Over a real socket.', audio: null, ttftMs: 10 } } },
      { transport: 'ws' },
    );
    const session = server.client();
    await server.until(session.generateReply());
    await server.runUntilIdle();
    expect(server).toHaveReceived('response.done');
    expect(server).toHaveChatContext([{ role: 'assistant', text: 'Over a real socket.' }]);
  });

  test('runs a scenario by path, relative to the test file, with rt-sim client and its expectations', async ({
    rtsim,
  }) => {
    const run = await rtsim.run('../../scenarios/reconnect-mid-response.yaml');
    expect(run.failures).toEqual([]);
    expect(run).toHaveReconnected(1);
    expect(run).not.toHaveReconnected(2);
    expect(run).toHaveSent('conversation.item.create', { previous_item_id: 'root' });
  });
});

describe('the matchers', () => {
  test('explain a missing frame with what was sent instead', async ({ rtsim }) => {
    const run = await rtsim.run(path.join(SCENARIOS, 'text-reply.yaml'));
    expect(() => expect(run).toHaveSent('input_audio_buffer.commit')).toThrow(
      /no "input_audio_buffer.commit" frame at all; it sent: session.update ×\d+, response.create/,
    );
    expect(() => expect(run).toHaveReceived('response.done', { response: { status: 'failed' } })).toThrow(
      /1 "response.done" frame\(s\), none matching/,
    );
    expect(() => expect(run).toHaveChatContext([])).toThrow(/it is 1 item\(s\)/);
    expect(() => expect({ nothing: true }).toHaveSent('x')).toThrow(/rt-sim matchers take a fake server/);
  });

  test('accept vitest asymmetric matchers inside a partial', async ({ rtsim }) => {
    const run = await rtsim.run(path.join(SCENARIOS, 'text-reply.yaml'));
    expect(run).toHaveReceived('response.output_audio_transcript.done', {
      transcript: expect.stringContaining('there'),
    });
    expect(run.observation).toHaveChatContext([{ role: 'assistant', text: expect.any(String) }]);
  });
});
