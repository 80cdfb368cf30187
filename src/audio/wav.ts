/**
 * WAV files, one reader and one writer for all of rt-sim: reading through wav-decoder (PCM 8–32
 * bit and float, any number of channels), writing 16-bit PCM.
 */
import wavDecoder from 'wav-decoder';
import { type ErrorCode, RtSimError } from '../errors/index.js';
import { floatToInt16 } from './float.js';
import { pcm16ToBytes } from './pcm.js';
import { WIRE_SAMPLE_RATE } from './wire-rate.js';

/** Decoded audio: one float array in [-1, 1] per channel. */
export interface DecodedAudio {
  sampleRate: number;
  channels: Float32Array[];
}

/** Size of the canonical header {@link wavHeader} writes; PCM data starts here. */
export const WAV_HEADER_BYTES = 44;

/**
 * Decodes a WAV file. A `data` chunk whose size runs past the end of the file (a recording cut
 * off before its header was patched) is read up to the last whole sample frame.
 *
 * Throws RtSimError `code` (the caller's area: by default the simulator's `RTSIM_SIM_BAD_WAV`,
 * as `rt-sim/simulator` exports this function) naming `label` when wav-decoder cannot read the
 * bytes. wav-decoder 1.3 does not skip the pad byte after a chunk of odd size, so a file with one
 * before its `data` chunk (rare: rt-sim never writes one) is refused.
 */
export function decodeWav(bytes: Uint8Array, label = 'WAV data', code: ErrorCode = 'RTSIM_SIM_BAD_WAV'): DecodedAudio {
  try {
    // wav-decoder reads an ArrayBuffer from its start, so give it exactly these bytes.
    const copy = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
    const decoded = wavDecoder.decode.sync(copy);
    return { sampleRate: decoded.sampleRate, channels: decoded.channelData };
  } catch (e) {
    throw new RtSimError(code, `${label}: expected a PCM or float WAV file, got ${whatWentWrong(e, bytes.length)}`);
  }
}

/** wav-decoder's complaint in words: it throws TypeError for what it refuses, RangeError at the end of the bytes. */
function whatWentWrong(e: unknown, length: number): string {
  const message = e instanceof Error ? e.message : String(e);
  if (message === 'Invalid WAV file') return `${length} bytes without a RIFF/WAVE header`;
  if (e instanceof RangeError) return `${length} bytes that end before a fmt and a data chunk`;
  if (e instanceof TypeError && /null/.test(message)) return 'a data chunk before the fmt chunk';
  return `bytes wav-decoder cannot read (${message})`;
}

/** Interleaved PCM16 samples of decoded audio (wav-decoder's 16-bit floats come back exact). */
export function interleavePcm16(audio: DecodedAudio): Int16Array {
  const { channels } = audio;
  const frames = channels[0]?.length ?? 0;
  const out = new Int16Array(frames * channels.length);
  channels.forEach((channel, c) => {
    for (let i = 0; i < frames; i++) out[i * channels.length + c] = floatToInt16(channel[i] ?? 0);
  });
  return out;
}

/**
 * The 44-byte header of a PCM16 WAV holding `dataBytes` bytes of samples.
 * Defaults: 24 kHz mono, the protocol's format.
 */
export function wavHeader(dataBytes: number, sampleRate: number = WIRE_SAMPLE_RATE, channels = 1): Uint8Array {
  const out = new Uint8Array(WAV_HEADER_BYTES);
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
  view.setUint16(22, channels, true);
  view.setUint32(24, sampleRate, true);
  view.setUint32(28, sampleRate * channels * 2, true);
  view.setUint16(32, channels * 2, true);
  view.setUint16(34, 16, true);
  ascii(36, 'data');
  view.setUint32(40, dataBytes, true);
  return out;
}

/**
 * Encodes PCM16 as a WAV file. `pcm` is interleaved samples or their little-endian bytes (as
 * decoded from the wire's base64). Defaults: 24 kHz mono.
 */
export function encodeWav(
  pcm: Int16Array | Uint8Array,
  sampleRate: number = WIRE_SAMPLE_RATE,
  channels = 1,
): Uint8Array {
  const bytes = pcm instanceof Int16Array ? pcm16ToBytes(pcm) : pcm;
  const out = new Uint8Array(WAV_HEADER_BYTES + bytes.length);
  out.set(wavHeader(bytes.length, sampleRate, channels), 0);
  out.set(bytes, WAV_HEADER_BYTES);
  return out;
}
