import { describe, expect, it } from 'vitest';
import {
  createAudioFrame,
  SUPPORTED_INPUT_RATES,
  validateAudioFrame,
  type AudioFrame,
} from '../../../src/client/audio/index.js';
import { isRtSimError } from '../../../src/protocol/index.js';

function caught(fn: () => unknown): unknown {
  try {
    fn();
  } catch (e) {
    return e;
  }
  throw new Error('expected a throw');
}

describe('createAudioFrame', () => {
  it('derives samplesPerChannel from interleaved stereo data', () => {
    const frame = createAudioFrame(new Int16Array(960), 48000, 2);
    expect(frame).toMatchObject({ sampleRate: 48000, numChannels: 2, samplesPerChannel: 480 });
  });

  it('accepts every rate of §1.5 in mono and stereo', () => {
    for (const rate of SUPPORTED_INPUT_RATES) {
      for (const ch of [1, 2]) expect(createAudioFrame(new Int16Array(4 * ch), rate, ch).samplesPerChannel).toBe(4);
    }
    expect([...SUPPORTED_INPUT_RATES]).toEqual([8000, 16000, 22050, 24000, 32000, 44100, 48000]);
  });

  it('rejects an unsupported rate, saying which rates are allowed and what came', () => {
    const e = caught(() => createAudioFrame(new Int16Array(10), 11025, 1));
    expect(isRtSimError(e, 'RTSIM_AUDIO_BAD_FRAME')).toBe(true);
    expect((e as Error).message).toMatch(
      /sampleRate must be one of 8000, 16000, 22050, 24000, 32000, 44100, 48000 Hz, got 11025/,
    );
  });

  it('rejects 0 or 3 channels', () => {
    for (const ch of [0, 3]) {
      const e = caught(() => createAudioFrame(new Int16Array(12), 24000, ch));
      expect(isRtSimError(e, 'RTSIM_AUDIO_BAD_FRAME')).toBe(true);
      expect((e as Error).message).toContain(`numChannels must be 1 or 2, got ${ch}`);
    }
  });

  it('rejects stereo data with an odd number of samples', () => {
    const e = caught(() => createAudioFrame(new Int16Array(7), 24000, 2));
    expect(isRtSimError(e, 'RTSIM_AUDIO_BAD_FRAME')).toBe(true);
    expect((e as Error).message).toMatch(/7 samples do not divide into 2 channel/);
  });

  it('rejects a given samplesPerChannel that is negative or fractional, naming it', () => {
    for (const spc of [-1, 2.5]) {
      const frame = { data: new Int16Array(3), sampleRate: 24000, numChannels: 1, samplesPerChannel: spc };
      const e = caught(() => validateAudioFrame(frame));
      expect(isRtSimError(e, 'RTSIM_AUDIO_BAD_FRAME')).toBe(true);
      expect((e as Error).message).toBe(
        `[rt-sim] audio frame: samplesPerChannel must be a non-negative integer, got ${spc}`,
      );
    }
  });

  it('rejects a samplesPerChannel that does not match the data length', () => {
    const e = caught(() => createAudioFrame(new Int16Array(100), 24000, 1, 240));
    expect(isRtSimError(e, 'RTSIM_AUDIO_BAD_FRAME')).toBe(true);
    expect((e as Error).message).toContain(
      'data length must equal samplesPerChannel * numChannels = 240 * 1 = 240, got 100',
    );
  });

  it('rejects hand-built frames whose data is not an Int16Array', () => {
    const frame = {
      data: new Float32Array(10),
      sampleRate: 24000,
      numChannels: 1,
      samplesPerChannel: 10,
    } as unknown as AudioFrame;
    const e = caught(() => validateAudioFrame(frame));
    expect((e as Error).message).toContain('data must be an Int16Array of interleaved PCM16, got Float32Array');
  });
});
