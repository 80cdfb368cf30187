import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import type { ServedScenario } from '../../src/harness/index.js';
import { blockValidators, loadScenario, serveScenario } from '../../src/harness/index.js';

const ROOT = path.resolve(import.meta.dirname, '../..');

let served: ServedScenario | undefined;
afterEach(async () => {
  await served?.close();
  served = undefined;
});

async function serve(options: { ring?: number; keepClosed?: number }): Promise<ServedScenario> {
  const scenario = await loadScenario(path.join(ROOT, 'scenarios/text-reply.yaml'), blockValidators);
  served = await serveScenario(scenario, { port: 0, ...options });
  return served;
}

/** Handshake, one session.update answered, `extra` appends, then a client close; resolves once closed. */
function idleClient(url: string, extra = 0): Promise<void> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${url}?model=grok-4-1-fast-non-reasoning`, {
      headers: { Authorization: 'Bearer any-key' },
    });
    ws.on('message', (data) => {
      const type = (JSON.parse(String(data)) as { type?: string }).type;
      if (type === 'session.created') ws.send(JSON.stringify({ type: 'session.update', session: { voice: 'ara' } }));
      if (type === 'session.updated') {
        for (let i = 0; i < extra; i++) ws.send(JSON.stringify({ type: 'input_audio_buffer.append', audio: 'AAAA' }));
        ws.send(JSON.stringify({ type: 'input_audio_buffer.clear' }));
      }
      if (type === 'input_audio_buffer.cleared') ws.close(1000);
    });
    ws.on('error', reject);
    ws.on('close', () => resolve());
  });
}

describe('serve keeps bounded memory however many clients come and go (issue 11)', () => {
  it('holds no per-connection state after 50 connections come and go, beyond the keepClosed summaries', async () => {
    const s = await serve({ keepClosed: 5 });
    for (let i = 0; i < 50; i++) await idleClient(s.url);
    await vi.waitFor(() => expect(s.held().connections).toBe(0));
    expect(s.held()).toEqual({ connections: 0, summaries: 5, sessions: 0 });
    const v = s.verdict();
    expect(v.connections).toEqual({ accepted: 50, refused: 0, open: 0, closed: 50 });
    expect(v.clientFrames).toEqual({ 'session.update': 50, 'input_audio_buffer.clear': 50 });
    expect(v.log.connections.map((c) => c.conn)).toEqual([46, 47, 48, 49, 50]);
    expect(v.log.connections[4]).toMatchObject({
      frames: { client: 2 },
      kept: expect.stringMatching(/^all \d+ frames kept$/),
      closedBy: 'client',
      code: 1000,
    });
  });

  it('keeps exact counts of a long connection and only its last ring frames, and says which were dropped', async () => {
    const s = await serve({ ring: 10 });
    await idleClient(s.url, 2000);
    await vi.waitFor(() => expect(s.held().connections).toBe(0));
    const v = s.verdict();
    expect(v.clientFrames['input_audio_buffer.append']).toBe(2000);
    const [conn] = v.log.connections;
    expect(conn!.frames.client).toBe(2002);
    expect(conn!.recent).toHaveLength(10);
    expect(conn!.kept).toBe(`frames 1–${conn!.frames.client + conn!.frames.server - 10} not kept; ring of 10`);
    expect(conn!.recent.at(-1)).toMatch(/ server input_audio_buffer\.cleared$/);
    expect(v.log).toMatchObject({ ring: 10, keepClosed: 10 });
  });
});
