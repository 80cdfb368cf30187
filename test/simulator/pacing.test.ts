import { afterEach, describe, expect, it } from 'vitest';
import type { PacingSpec } from '../../src/simulator/index.js';
import { deltaIntervalMs } from '../../src/simulator/pacing.js';
import { Harness } from './driver.js';
import { checkAllTraffic } from './traffic-check.js';

checkAllTraffic();

let h: Harness | undefined;
afterEach(async () => {
  if (!h) return;
  await h.stop();
  expect(h.clock.pendingTimers()).toBe(0);
  h = undefined;
});

const reply = { transcript: 'One two three four.', audio: { tone: { hz: 220, ms: 800 } }, ttftMs: 100 };

async function audioTimes(
  pacing: PacingSpec | undefined,
): Promise<{ times: number[]; bytes: number; transcript: string }> {
  h = await Harness.start({ server: { reply: { ...reply, ...(pacing === undefined ? {} : { pacing }) } } });
  const c = await h.connect();
  c.send({ type: 'response.create' });
  const done = await h.run(c.waitFor('response.done'));
  const bytes = c
    .events('response.output_audio.delta')
    .reduce((n, e) => n + Buffer.from(e.delta as string, 'base64').length, 0);
  return {
    times: c.timesOf('response.output_audio.delta'),
    bytes,
    transcript: done.response.output[0].content[0].transcript,
  };
}

describe('server audio pacing', () => {
  it('realtime (the default) sends one 100 ms chunk every 100 ms after ttftMs', async () => {
    const r = await audioTimes(undefined);
    expect(r.times).toEqual([100, 200, 300, 400, 500, 600, 700, 800]);
  });

  it('realtime given explicitly is the default', async () => {
    expect((await audioTimes('realtime')).times).toEqual([100, 200, 300, 400, 500, 600, 700, 800]);
  });

  it('burst sends every audio delta at ttftMs, the same audio and transcript', async () => {
    const r = await audioTimes('burst');
    expect(r.times).toEqual(Array(8).fill(100));
    expect(r.bytes).toBe(800 * 48);
    expect(r.transcript).toBe('One two three four.');
  });

  it('a factor of 4 sends a 100 ms chunk every 25 ms', async () => {
    const r = await audioTimes({ factor: 4 });
    expect(r.times).toEqual([100, 125, 150, 175, 200, 225, 250, 275]);
    expect(r.bytes).toBe(800 * 48);
  });

  it('deltaIntervalMs: chunkMs for realtime, 0 for burst, chunkMs / factor', () => {
    expect(deltaIntervalMs(undefined, 100)).toBe(100);
    expect(deltaIntervalMs('realtime', 40)).toBe(40);
    expect(deltaIntervalMs('burst', 100)).toBe(0);
    expect(deltaIntervalMs({ factor: 2 }, 100)).toBe(50);
  });

  it('a cut point still applies in a burst', async () => {
    h = await Harness.start({ server: { reply: { ...reply, pacing: 'burst', cancel: { afterAudioChunks: 3 } } } });
    const c = await h.connect();
    c.send({ type: 'response.create' });
    const done = await h.run(c.waitFor('response.done'));
    expect(c.events('response.output_audio.delta')).toHaveLength(3);
    expect(done.response.status).toBe('cancelled');
  });
});
