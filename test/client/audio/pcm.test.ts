import { describe, expect, it } from 'vitest';
import { bytesToPcm16, downmixToMono, createAudioFrame, pcm16ToBytes } from '../../../src/client/audio/index.js';

describe('PCM16 bytes', () => {
  it('are little-endian, two bytes per sample', () => {
    expect([...pcm16ToBytes(Int16Array.from([1, -2, 0x1234]))]).toEqual([0x01, 0x00, 0xfe, 0xff, 0x34, 0x12]);
  });

  it('round-trip through bytesToPcm16, also from a view at an odd offset', () => {
    const samples = Int16Array.from([32767, -32768, 0, 5, -5]);
    const bytes = pcm16ToBytes(samples);
    const shifted = new Uint8Array(bytes.length + 1);
    shifted.set(bytes, 1);
    expect([...bytesToPcm16(shifted.subarray(1))]).toEqual([...samples]);
  });

  it('copy the samples of a subarray only', () => {
    const all = Int16Array.from([9, 1, 2, 9]);
    expect([...bytesToPcm16(pcm16ToBytes(all.subarray(1, 3)))]).toEqual([1, 2]);
  });
});

describe('downmixToMono (R6.1 deviation: stereo is averaged, not read as mono)', () => {
  it('averages each left/right pair', () => {
    const frame = createAudioFrame(Int16Array.from([100, 300, -10, 10, 32767, 32767, -32768, -32768]), 24000, 2);
    expect([...downmixToMono(frame)]).toEqual([200, 0, 32767, -32768]);
  });

  it('returns mono data as is', () => {
    const data = Int16Array.from([1, 2, 3]);
    expect(downmixToMono(createAudioFrame(data, 16000, 1))).toBe(data);
  });
});
