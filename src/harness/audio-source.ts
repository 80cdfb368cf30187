import { readFile } from 'node:fs/promises';
import path from 'node:path';
import wavDecoder from 'wav-decoder';
import { RtSimError } from '../protocol/index.js';
import type { AudioSourceSpec } from './scenario.js';

/** Interleaved PCM16 audio a scenario pushes into the client. */
export interface PcmClip {
  data: Int16Array;
  sampleRate: number;
  numChannels: number;
}

/**
 * Loads or makes the audio of a `pushAudio` step. WAV files are read before the run starts,
 * so no I/O happens while the virtual clock runs.
 */
export async function loadAudioSource(
  spec: AudioSourceSpec & { sampleRate?: number },
  baseDir: string,
): Promise<PcmClip> {
  if ('wav' in spec) {
    const file = path.resolve(baseDir, spec.wav);
    let bytes: Buffer;
    try {
      bytes = await readFile(file);
    } catch {
      throw new RtSimError(
        'RTSIM_SCENARIO_NO_FIXTURE',
        `pushAudio: WAV file ${spec.wav} not found (looked in ${baseDir})`,
        { file },
      );
    }
    let decoded: { sampleRate: number; channelData: Float32Array[] };
    try {
      decoded = await wavDecoder.decode(bytes);
    } catch (e) {
      throw new RtSimError(
        'RTSIM_SCENARIO_BAD_FIXTURE',
        `pushAudio: ${spec.wav} is not a WAV file wav-decoder can read (${(e as Error).message})`,
        { file },
      );
    }
    const channels = decoded.channelData;
    const frames = channels[0]?.length ?? 0;
    const data = new Int16Array(frames * channels.length);
    for (let i = 0; i < frames; i++) {
      for (let c = 0; c < channels.length; c++) data[i * channels.length + c] = toInt16(channels[c]![i]!);
    }
    return { data, sampleRate: decoded.sampleRate, numChannels: channels.length };
  }
  const sampleRate = spec.sampleRate ?? 24000;
  if ('tone' in spec) {
    const n = Math.round((spec.tone.ms * sampleRate) / 1000);
    const level = spec.tone.level ?? 0.5;
    const data = new Int16Array(n);
    for (let i = 0; i < n; i++) data[i] = toInt16(level * Math.sin((2 * Math.PI * spec.tone.hz * i) / sampleRate));
    return { data, sampleRate, numChannels: 1 };
  }
  return { data: new Int16Array(Math.round((spec.silenceMs * sampleRate) / 1000)), sampleRate, numChannels: 1 };
}

function toInt16(x: number): number {
  const clipped = Math.max(-1, Math.min(1, x));
  return Math.round(clipped < 0 ? clipped * 0x8000 : clipped * 0x7fff);
}
