import { describe, expect, it } from 'vitest';
import {
  decodeWav,
  encodeWav,
  interleavePcm16,
  pcm16ToBytes,
  WAV_HEADER_BYTES,
  wavHeader,
} from '../../src/audio/index.js';
import { WIRE_SAMPLE_RATE } from '../../src/audio/wire-rate.js';
import { isRtSimError, SAMPLE_RATE } from '../../src/protocol/index.js';

const samples = Int16Array.from([0, 1, -1, 32767, -32768, 1234]);

/** The RtSimError `fn` throws. */
function thrown(fn: () => unknown): Error {
  try {
    fn();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a failure');
}

describe('the WAV writer', () => {
  it('writes 24 kHz mono PCM16 by default, the protocol rate src/audio keeps its own copy of', () => {
    expect(WIRE_SAMPLE_RATE).toBe(SAMPLE_RATE);
    const wav = encodeWav(samples);
    expect(wav.length).toBe(WAV_HEADER_BYTES + samples.length * 2);
    expect(Array.from(wav.subarray(0, WAV_HEADER_BYTES))).toEqual(Array.from(wavHeader(samples.length * 2)));
    const view = new DataView(wav.buffer);
    expect([view.getUint32(24, true), view.getUint16(22, true), view.getUint16(34, true)]).toEqual([24000, 1, 16]);
    expect(Array.from(wav.subarray(WAV_HEADER_BYTES))).toEqual(Array.from(pcm16ToBytes(samples)));
  });

  it('takes the samples or their bytes alike, at any rate and channel count', () => {
    expect(Array.from(encodeWav(pcm16ToBytes(samples), 16000, 2))).toEqual(Array.from(encodeWav(samples, 16000, 2)));
    const view = new DataView(encodeWav(samples, 16000, 2).buffer);
    expect([view.getUint32(24, true), view.getUint16(22, true), view.getUint32(28, true)]).toEqual([16000, 2, 64000]);
  });
});

describe('the WAV reader (wav-decoder)', () => {
  it('reads back what the writer wrote, sample for sample, PCM16 through floats', () => {
    const decoded = decodeWav(encodeWav(samples, 16000));
    expect(decoded.sampleRate).toBe(16000);
    expect(decoded.channels).toHaveLength(1);
    expect(Array.from(interleavePcm16(decoded))).toEqual(Array.from(samples));
  });

  it('interleaves the channels of a stereo file again', () => {
    const decoded = decodeWav(encodeWav(samples, 8000, 2));
    expect(decoded.channels.map((c) => c.length)).toEqual([3, 3]);
    expect(Array.from(interleavePcm16(decoded))).toEqual(Array.from(samples));
  });

  it('skips chunks it does not know, and reads a data chunk cut short up to the last whole sample', () => {
    const plain = encodeWav(samples);
    const list = new Uint8Array([0x4c, 0x49, 0x53, 0x54, 4, 0, 0, 0, 1, 2, 3, 4]); // "LIST", 4 bytes
    const withList = new Uint8Array([...plain.subarray(0, 36), ...list, ...plain.subarray(36)]);
    expect(Array.from(interleavePcm16(decodeWav(withList)))).toEqual(Array.from(samples));
    expect(interleavePcm16(decodeWav(plain.subarray(0, plain.length - 3)))).toHaveLength(samples.length - 2);
  });

  it('reads float files too', () => {
    const float = new Uint8Array(WAV_HEADER_BYTES + 8);
    float.set(wavHeader(8, 24000));
    const view = new DataView(float.buffer);
    view.setUint16(20, 3, true); // IEEE float
    view.setUint32(28, 24000 * 4, true);
    view.setUint16(32, 4, true);
    view.setUint16(34, 32, true);
    view.setFloat32(44, 0.5, true);
    view.setFloat32(48, -1, true);
    expect(Array.from(interleavePcm16(decodeWav(float)))).toEqual([16384, -32768]);
  });

  it('refuses what it cannot read with the code of the caller, naming the file and what came', () => {
    const oddChunk = encodeWav(samples);
    const odd = new Uint8Array([...oddChunk.subarray(0, 36), 0x4c, 0x49, 0x53, 0x54, 3, 0, 0, 0, 1, 2, 3, 0]);
    const adpcm = encodeWav(samples);
    adpcm[20] = 2;
    for (const [bytes, got] of [
      [new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]), 'got 12 bytes without a RIFF/WAVE header'],
      [encodeWav(samples).subarray(0, 36), 'got 36 bytes that end before a fmt and a data chunk'],
      // wav-decoder 1.3 reads no pad byte after a chunk of odd size (see src/audio/wav.ts).
      [odd, 'got 48 bytes that end before a fmt and a data chunk'],
      [adpcm, 'got bytes wav-decoder cannot read (Unsupported format in WAV file: 0x2)'],
    ] as const) {
      const error = thrown(() => decodeWav(bytes, 'x.wav', 'RTSIM_TRANSCRIPT_BAD_WAV'));
      expect(isRtSimError(error, 'RTSIM_TRANSCRIPT_BAD_WAV')).toBe(true);
      expect(error.message).toBe(`[rt-sim] x.wav: expected a PCM or float WAV file, ${got}`);
    }
  });

  it('throws the simulator code by default, as rt-sim/simulator exports it', () => {
    const error = thrown(() => decodeWav(new Uint8Array([1, 2, 3, 4]), 'hello.wav'));
    expect(isRtSimError(error, 'RTSIM_SIM_BAD_WAV')).toBe(true);
    expect(error.message).toBe(
      '[rt-sim] hello.wav: expected a PCM or float WAV file, got 4 bytes without a RIFF/WAVE header',
    );
  });
});
