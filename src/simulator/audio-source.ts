/**
 * The audio of simulated replies: WAV files (decoded, mixed to mono and resampled to
 * 24 kHz once, before the run) and generated tones or silence.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { decodeWav, floatToInt16, resamplePcm16 } from '../audio/index.js';
import { RtSimError, SAMPLE_RATE } from '../protocol/index.js';
import type { AudioSpec } from './config.js';
import { SERVER_DEFAULTS } from './config.js';

/** A sine tone at 24 kHz: `level` is the peak amplitude in (0, 1]. */
export function toneSamples(hz: number, ms: number, level: number = SERVER_DEFAULTS.toneLevel): Int16Array {
  const n = Math.round((ms * SAMPLE_RATE) / 1000);
  const out = new Int16Array(n);
  for (let i = 0; i < n; i++) out[i] = floatToInt16(level * Math.sin((2 * Math.PI * hz * i) / SAMPLE_RATE));
  return out;
}

/** Silence at 24 kHz. */
export function silenceSamples(ms: number): Int16Array {
  return new Int16Array(Math.round((ms * SAMPLE_RATE) / 1000));
}

/** Mixes channels to mono and resamples to 24 kHz PCM16. */
export function toPcm24kMono(channels: readonly Float32Array[], sampleRate: number): Int16Array {
  const frames = channels[0]?.length ?? 0;
  const mono = new Int16Array(frames);
  for (let i = 0; i < frames; i++) {
    let sum = 0;
    for (const channel of channels) sum += channel[i] ?? 0;
    mono[i] = floatToInt16(channels.length > 0 ? sum / channels.length : 0);
  }
  return resamplePcm16(mono, sampleRate, SAMPLE_RATE);
}

/** How many reply tones {@link replyTone} keeps; past that it starts again (bounded memory). */
const MAX_CACHED_TONES = 64;
const replyTones = new Map<string, Int16Array>();

/**
 * A reply's tone, made once per `hz`, `ms` and `level` and shared after: every response of a
 * run with the same reply used to compute its sine again (0.5 ms of CPU per second of tone,
 * measured 2026-12-05). Replies only read their audio (it is cut into deltas), as they
 * already do a WAV file's samples.
 */
function replyTone(hz: number, ms: number, level?: number): Int16Array {
  const key = `${hz}/${ms}/${level ?? ''}`;
  let tone = replyTones.get(key);
  if (tone === undefined) {
    if (replyTones.size >= MAX_CACHED_TONES) replyTones.clear();
    tone = toneSamples(hz, ms, level);
    replyTones.set(key, tone);
  }
  return tone;
}

/** Audio of a reply with no `audio` key: a tone about as long as the transcript takes to say. */
export function defaultReplyAudio(transcript: string): Int16Array {
  const ms = Math.max(
    SERVER_DEFAULTS.minToneMs,
    Math.ceil((transcript.length * SERVER_DEFAULTS.msPerCharacter) / 100) * 100,
  );
  return replyTone(SERVER_DEFAULTS.toneHz, ms);
}

/**
 * WAV files of a simulator, loaded up front so that no I/O happens while a run is on the
 * virtual clock. Paths are relative to `baseDir`.
 */
export class AudioLibrary {
  private readonly wavs = new Map<string, Int16Array>();

  constructor(private readonly baseDir: string) {}

  /** Reads and converts a WAV file once; later calls are free. */
  async preload(file: string): Promise<void> {
    if (this.wavs.has(file)) return;
    const full = path.resolve(this.baseDir, file);
    let bytes: Uint8Array;
    try {
      bytes = await readFile(full);
    } catch (e) {
      throw new RtSimError(
        'RTSIM_SIM_NO_WAV',
        `reply audio: expected a readable WAV file at ${file} (resolved to ${full}), got ` +
          `${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
        {
          file: full,
        },
      );
    }
    const decoded = decodeWav(bytes, `reply audio ${file}`, 'RTSIM_SIM_BAD_WAV');
    this.wavs.set(file, toPcm24kMono(decoded.channels, decoded.sampleRate));
  }

  /** The 24 kHz mono samples of an audio spec; WAV files must have been preloaded. */
  samples(spec: AudioSpec): Int16Array {
    if ('wav' in spec) {
      const samples = this.wavs.get(spec.wav);
      if (!samples)
        throw new RtSimError(
          'RTSIM_SIM_WAV_NOT_LOADED',
          `reply audio: ${spec.wav} was not loaded before the run; create the simulator with createSimulator()`,
        );
      return samples;
    }
    if ('tone' in spec) return replyTone(spec.tone.hz, spec.tone.ms, spec.tone.level);
    return silenceSamples(spec.silence.ms);
  }
}
