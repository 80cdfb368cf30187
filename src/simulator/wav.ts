/**
 * WAV files: decoding through wav-decoder (PCM 8–32 bit and float) and a small PCM16
 * encoder for tests and fixtures.
 */
import wavDecoder from 'wav-decoder';
import { RtSimError } from '../protocol/index.js';

/** Decoded audio: one float array in [-1, 1] per channel. */
export interface DecodedAudio {
  sampleRate: number;
  channels: Float32Array[];
}

/**
 * Decodes a WAV file. Throws RtSimError `RTSIM_SIM_BAD_WAV` naming `label` when the bytes are
 * not a WAV file wav-decoder can read.
 */
export function decodeWav(bytes: Uint8Array, label = 'WAV data'): DecodedAudio {
  try {
    const copy = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
    const decoded = wavDecoder.decode.sync(copy);
    return { sampleRate: decoded.sampleRate, channels: decoded.channelData };
  } catch (e) {
    throw new RtSimError(
      'RTSIM_SIM_BAD_WAV',
      `${label}: expected a PCM or float WAV file, got bytes wav-decoder cannot read (${(e as Error).message})`,
    );
  }
}

/** Encodes interleaved PCM16 samples as a 16-bit WAV file. */
export function encodeWav(samples: Int16Array, sampleRate: number, numChannels = 1): Uint8Array {
  const dataBytes = samples.length * 2;
  const out = new Uint8Array(44 + dataBytes);
  const view = new DataView(out.buffer);
  const ascii = (offset: number, text: string): void => {
    for (let i = 0; i < text.length; i++) out[offset + i] = text.charCodeAt(i);
  };
  ascii(0, 'RIFF');
  view.setUint32(4, 36 + dataBytes, true);
  ascii(8, 'WAVE');
  ascii(12, 'fmt ');
  view.setUint32(16, 16, true);
  view.setUint16(20, 1, true); // linear PCM
  view.setUint16(22, numChannels, true);
  view.setUint32(24, sampleRate, true);
  view.setUint32(28, sampleRate * numChannels * 2, true);
  view.setUint16(32, numChannels * 2, true);
  view.setUint16(34, 16, true);
  ascii(36, 'data');
  view.setUint32(40, dataBytes, true);
  for (let i = 0; i < samples.length; i++) view.setInt16(44 + i * 2, samples[i] ?? 0, true);
  return out;
}
