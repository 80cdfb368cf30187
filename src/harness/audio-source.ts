import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { type DecodedAudio, decodeWav, floatToInt16, interleavePcm16 } from '../audio/index.js';
import { withoutPrefix } from '../errors/index.js';
import { isRtSimError, RtSimError } from '../protocol/index.js';
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
    let decoded: DecodedAudio;
    try {
      decoded = decodeWav(bytes, `pushAudio: ${spec.wav}`, 'RTSIM_SCENARIO_BAD_FIXTURE');
    } catch (e) {
      if (!isRtSimError(e)) throw e;
      throw new RtSimError('RTSIM_SCENARIO_BAD_FIXTURE', withoutPrefix(e.message), { file });
    }
    return { data: interleavePcm16(decoded), sampleRate: decoded.sampleRate, numChannels: decoded.channels.length };
  }
  const sampleRate = spec.sampleRate ?? 24000;
  if ('tone' in spec) return toneClip(spec.tone, sampleRate);
  return { data: new Int16Array(Math.round((spec.silenceMs * sampleRate) / 1000)), sampleRate, numChannels: 1 };
}

/** A mono sine tone of `ms` at `hz`, peak `level` (default 0.5): pushAudio's tones and chat messages' audio. */
export function toneClip(tone: { hz: number; ms: number; level?: number }, sampleRate: number): PcmClip {
  const n = Math.round((tone.ms * sampleRate) / 1000);
  const level = tone.level ?? 0.5;
  const data = new Int16Array(n);
  for (let i = 0; i < n; i++) data[i] = floatToInt16(level * Math.sin((2 * Math.PI * tone.hz * i) / sampleRate));
  return { data, sampleRate, numChannels: 1 };
}
