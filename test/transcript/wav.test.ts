import { describe, expect, it } from 'vitest';
import wavDecoder from 'wav-decoder';
import { isRtSimError } from '../../src/protocol/index.js';
import {
  decodeWav,
  encodeWav,
  pcm16Bytes,
  TRANSCRIPT_ERROR_CODES,
  WAV_HEADER_BYTES,
} from '../../src/transcript/index.js';

describe('PCM16 WAV codec', () => {
  const samples = Int16Array.from([0, 1, -1, 32767, -32768, 1234]);

  it('encodes 24 kHz mono PCM16 that wav-decoder reads back sample for sample', () => {
    const wav = encodeWav(samples);
    expect(wav.length).toBe(WAV_HEADER_BYTES + samples.length * 2);
    const decoded = wavDecoder.decode.sync(wav.buffer.slice(0) as ArrayBuffer);
    expect(decoded.sampleRate).toBe(24000);
    expect(decoded.channelData).toHaveLength(1);
    const back = Array.from(decoded.channelData[0] ?? [], (v) => Math.round(v * (v < 0 ? 32768 : 32767)));
    expect(back).toEqual(Array.from(samples));
  });

  it('decodes what it encodes, giving the exact little-endian bytes of the data chunk', () => {
    const wav = decodeWav(encodeWav(samples, 16000, 1));
    expect(wav).toMatchObject({ sampleRate: 16000, channels: 1 });
    expect(Array.from(wav.data)).toEqual(Array.from(pcm16Bytes(samples)));
    expect(Buffer.from(wav.data).readInt16LE(6)).toBe(32767);
  });

  it('skips chunks it does not know and reads a data chunk cut short up to the end of the file', () => {
    const plain = encodeWav(samples);
    const list = new Uint8Array([0x4c, 0x49, 0x53, 0x54, 3, 0, 0, 0, 1, 2, 3, 0]); // "LIST", odd size + pad byte
    const withList = new Uint8Array([...plain.subarray(0, 36), ...list, ...plain.subarray(36)]);
    expect(Array.from(decodeWav(withList).data)).toEqual(Array.from(pcm16Bytes(samples)));
    const cut = plain.subarray(0, plain.length - 4);
    expect(decodeWav(cut).data.length).toBe(samples.length * 2 - 4);
  });

  it('rejects what is not 16-bit PCM with RTSIM_TRANSCRIPT_BAD_WAV', () => {
    const float = encodeWav(samples);
    float[20] = 3; // IEEE float
    float[34] = 32;
    for (const [bytes, got] of [
      [new Uint8Array([1, 2, 3]), 'got 3 bytes without a RIFF/WAVE header'],
      [float, 'got format 3 with 32 bits per sample'],
      [encodeWav(samples).subarray(0, 36), 'got no data chunk'],
    ] as const) {
      try {
        decodeWav(bytes, 'x.wav');
        throw new Error('expected a failure');
      } catch (error) {
        expect(isRtSimError(error, TRANSCRIPT_ERROR_CODES.BAD_WAV)).toBe(true);
        expect((error as Error).message).toBe(`[rt-sim] x.wav: expected a 16-bit PCM WAV file, ${got}`);
      }
    }
  });
});
