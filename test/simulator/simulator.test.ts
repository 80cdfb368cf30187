import { describe, expect, it } from 'vitest';
import { VirtualClock, createRandom } from '../../src/clock/index.js';
import type { HandshakeRequest, ServerConnection } from '../../src/link/index.js';
import { isRtSimError } from '../../src/protocol/index.js';
import { AudioLibrary } from '../../src/simulator/audio-source.js';
import { Simulator } from '../../src/simulator/index.js';
import type { SimulatorConfig } from '../../src/simulator/index.js';

function fakeConnection(url = 'wss://api.x.ai/v1/realtime'): ServerConnection & { sent: string[] } {
  const request: HandshakeRequest = { url, headers: {}, protocols: [] };
  const sent: string[] = [];
  return {
    request,
    sent,
    send: (t) => sent.push(t),
    close: () => undefined,
    terminate: () => undefined,
    onMessage: () => undefined,
    onClose: () => undefined,
  };
}

describe('strict mode', () => {
  it('throws RTSIM_SIM_INVALID_FRAME before a frame the catalogue does not parse leaves the simulator', () => {
    // Built without createSimulator, so the config is not validated first.
    const config = {
      script: [{ when: { connect: true }, do: [{ send: { type: 'response.output_audio.delta', delta: 5 } }] }],
    } as unknown as SimulatorConfig;
    const clock = new VirtualClock();
    const strict = new Simulator(
      { clock, random: createRandom(1), config, strict: true },
      config,
      new AudioLibrary('.'),
      new Map(),
    );
    const conn = fakeConnection();
    let error: unknown;
    try {
      strict.connection(conn);
    } catch (e) {
      error = e;
    }
    expect(isRtSimError(error, 'RTSIM_SIM_INVALID_FRAME')).toBe(true);
    expect((error as Error).message).toContain('response.output_audio.delta: field "response_id" must be a string');
    expect(conn.sent).toEqual([]);

    const lax = new Simulator({ clock, random: createRandom(1), config }, config, new AudioLibrary('.'), new Map());
    const conn2 = fakeConnection();
    lax.connection(conn2);
    expect(conn2.sent.map((t) => JSON.parse(t).type)).toEqual([
      'response.output_audio.delta',
      'session.created',
      'conversation.created',
    ]);
  });
});
