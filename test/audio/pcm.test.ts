import { describe, expect, it } from 'vitest';
import { bytesToPcm16, floatToInt16, pcm16BytesView, pcm16ToBytes } from '../../src/audio/index.js';

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

describe('pcm16BytesView', () => {
  it('gives the bytes pcm16ToBytes gives, of a subarray only', () => {
    const all = Int16Array.from([9, 1, -2, 0x1234, 9]);
    expect([...pcm16BytesView(all.subarray(1, 4))]).toEqual([...pcm16ToBytes(all.subarray(1, 4))]);
  });

  it('is a view on the samples on this (little-endian) host: no copy, so later writes show', () => {
    const samples = Int16Array.from([1, 2, 3]);
    const view = pcm16BytesView(samples.subarray(1));
    expect(view.buffer).toBe(samples.buffer);
    samples[1] = 0x0102;
    expect([...view.subarray(0, 2)]).toEqual([0x02, 0x01]);
  });
});

describe('floatToInt16', () => {
  it('maps [-1, 1] onto the whole PCM16 range, rounding, and clamps what lies outside', () => {
    expect([-1, -0.5, 0, 0.5, 1].map(floatToInt16)).toEqual([-32768, -16384, 0, 16384, 32767]);
    expect([-2, 2, 1 / 32767].map(floatToInt16)).toEqual([-32768, 32767, 1]);
  });
});
