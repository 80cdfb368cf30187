import { describe, expect, it } from 'vitest';
import { checkExpectations } from '../../src/harness/expect.js';
import { InputSoundMeter } from '../../src/harness/input-sound.js';
import type { Observation } from '../../src/harness/observation.js';

/** `ms` of a sine of `hz` at `amplitude` (1 = full scale), at `rate`. */
function sine(hz: number, ms: number, amplitude: number, rate = 24000): Int16Array {
  const n = Math.round((rate * ms) / 1000);
  const out = new Int16Array(n);
  for (let i = 0; i < n; i++) out[i] = Math.round(32767 * amplitude * Math.sin((2 * Math.PI * hz * i) / rate));
  return out;
}

function measure(pieces: Int16Array[], rate = 24000): ReturnType<InputSoundMeter['result']> {
  const meter = new InputSoundMeter(rate);
  for (const p of pieces) meter.push(p);
  return meter.result();
}

describe('the input sound meter', () => {
  it('hears a tone at its frequency and level, for as long as it lasts', () => {
    const heard = measure([sine(440, 500, 0.5)]);
    expect(heard.soundMs).toBe(500);
    expect(heard.hz).toBeCloseTo(440, 0);
    // A sine's RMS is its peak over √2: 0.5 / √2 is -9.03 dBFS.
    expect(heard.dbfs).toBeCloseTo(-9.03, 1);
  });

  it('leaves silence and sound below -50 dBFS out of the pitch, the level and the length', () => {
    const quiet = sine(1000, 200, 0.001);
    const heard = measure([new Int16Array(2400), sine(220, 300, 0.25), quiet, new Int16Array(4800)]);
    expect(heard.soundMs).toBe(300);
    expect(heard.hz).toBeCloseTo(220, 0);
    expect(heard.dbfs).toBeCloseTo(-15.05, 1);
  });

  it('measures the same whatever the sizes of the pieces pushed', () => {
    const whole = sine(300, 400, 0.3);
    const pieces: Int16Array[] = [];
    for (let at = 0, size = 1; at < whole.length; at += size, size = ((size * 7) % 501) + 1)
      pieces.push(whole.subarray(at, at + size));
    expect(measure(pieces)).toEqual(measure([whole]));
  });

  it("keeps the ramps and ringing at a sound's edges out of the pitch", () => {
    // A tone cut abruptly, then a decaying 7 kHz ring such as a resampler leaves after a cut.
    const ring = new Int16Array(480);
    for (let i = 0; i < ring.length; i++)
      ring[i] = Math.round(3000 * Math.exp(-i / 60) * Math.sin((2 * Math.PI * 7000 * i) / 24000));
    const heard = measure([sine(440, 100, 0.5), ring, new Int16Array(2400), sine(440, 100, 0.5), ring]);
    expect(heard.hz).toBeGreaterThan(435);
    expect(heard.hz).toBeLessThan(445);
  });

  it('counts in the input rate the client declared', () => {
    const heard = measure([sine(440, 500, 0.5, 16000)], 16000);
    expect(heard.hz).toBeCloseTo(440, 0);
    expect(heard.soundMs).toBe(500);
  });

  it('reports no sound at all for silence, and a partly filled last window is left out', () => {
    expect(measure([new Int16Array(24000)])).toEqual({ soundMs: 0, hz: 0, dbfs: -Infinity });
    expect(measure([sine(440, 5, 0.5)]).soundMs).toBe(0);
  });
});

describe('the inputAudio expectation', () => {
  const base: Observation = {
    scenario: 's',
    seed: 1,
    simulatedMs: 0,
    connections: [],
    frames: [],
    events: [],
    audio: { input: { appends: 0, bytes: 0, times: [] }, output: { frames: 0, samples: 0, times: [] } },
    chatCtx: [],
    tools: [],
    metrics: [],
    inputSound: { soundMs: 400, hz: 139.5, dbfs: -14.6 },
  };

  it('passes within 2% of the pitch, 1 dB of the level and 30 ms of the length', () => {
    expect(checkExpectations([{ inputAudio: { hz: 142, dbfs: -15.5, soundMs: 430 } }], base)).toEqual([]);
  });

  it('fails naming every value off and what the server heard', () => {
    expect(
      checkExpectations([{ inputAudio: { hz: 150, dbfs: -26.6, soundMs: 400 } }], base).map((f) => f.message),
    ).toEqual([
      'expect[0]: expected the input audio the server heard to have a pitch of 150 Hz (±2%), a level of -26.6 ' +
        'dBFS (±1 dB); it heard 139.5 Hz at -14.6 dBFS over 400 ms of sound',
    ]);
  });

  it('fails when the server heard nothing', () => {
    const silent = { ...base, inputSound: { soundMs: 0, hz: 0, dbfs: -Infinity } };
    expect(checkExpectations([{ inputAudio: { dbfs: -20 } }], silent).map((f) => f.message)).toEqual([
      'expect[0]: expected the input audio the server heard to ' +
        'have a level of -20 dBFS (±1 dB); it heard no sound at all',
    ]);
  });
});
