// Makes the input-audio fixtures of the bundled scenarios (scenarios/fixtures/in-*.wav), so
// they are reproducible, not hand-made:
//   npm run fixtures:audio        (npx tsx scripts/make-audio-fixtures.ts)
// Each clip is short (0.53 s, or 0.33 s at 44.1 and 48 kHz to keep the files small): 50 ms of
// silence, a speech-like burst, then silence. The burst is a vowel-like sound (a 140 Hz
// fundamental and 9 harmonics of falling level under a 5 Hz syllable envelope, peak 0.6),
// loud enough for the simulator's VAD (threshold 0.5 is -30 dBFS). Stereo clips put the same
// sound at full level on the left and at half level, phase-inverted, on the right, so a
// client that keeps one channel, sums without averaging or treats interleaved samples as
// mono sends other bytes than one that averages the channels (R6.1).
// Lengths are chosen so the number of 100 ms appends differs when a client skips resampling
// or downmixing: 0.53 s is 5 appends at 24 kHz mono, but 22.05 kHz samples sent as they are
// fill only 4, and stereo sent as mono fills 10.
// Two more clips are a full-scale square wave (200 Hz at 48 kHz mono), whose band-limited
// resampling overshoots full scale by about 9% at every edge, so the resampler's clipping
// decides the bytes sent (an unclipped sample would wrap around in PCM16). Their lengths are
// exact sample counts: 4836 samples resample to 2418, a full 2400-sample append plus the 18
// the resampler holds back for its look-ahead, so at the commit the chunker holds nothing and
// the remainder is the resampler's tail alone; 4872 samples leave 18 samples in the chunker
// and 18 in the resampler, a remainder of two equal halves.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { encodeWav, floatToInt16 } from '../src/audio/index.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const OUT = path.join(ROOT, 'scenarios/fixtures');

interface Clip {
  rate: number;
  channels: 1 | 2;
  seconds: number;
}

/** The clips the scenarios use: every rate of reference §1.5 the client accepts, mono and stereo. */
const CLIPS: readonly Clip[] = [
  { rate: 8000, channels: 1, seconds: 0.53 },
  { rate: 22050, channels: 1, seconds: 0.53 },
  { rate: 48000, channels: 1, seconds: 0.33 },
  { rate: 8000, channels: 2, seconds: 0.53 },
  { rate: 16000, channels: 2, seconds: 0.53 },
  { rate: 24000, channels: 2, seconds: 0.53 },
  { rate: 44100, channels: 2, seconds: 0.33 },
  { rate: 48000, channels: 2, seconds: 0.33 },
];

const LEAD_S = 0.05;
const TAIL_S = 0.08;

/** The speech-like signal at time t (seconds into the burst), in [-1, 1]. */
function voice(t: number, burst: number): number {
  const f0 = 140;
  let x = 0;
  for (let h = 1; h <= 10; h++) x += Math.sin(2 * Math.PI * f0 * h * t) / h;
  // Syllable envelope: rises and falls five times a second, never quite silent mid-burst.
  const syllable = 0.55 - 0.45 * Math.cos(2 * Math.PI * 5 * t);
  // 10 ms fades at both ends so the burst has no click.
  const fade = Math.min(1, t / 0.01, (burst - t) / 0.01);
  return (0.6 * x * syllable * Math.max(0, fade)) / 1.8;
}

/** A PCM16 little-endian WAV file (RIFF, fmt chunk of 16 bytes, data chunk). */
function wav(clip: Clip): Uint8Array {
  const frames = Math.round(clip.seconds * clip.rate);
  const burst = clip.seconds - LEAD_S - TAIL_S;
  const data = new Int16Array(frames * clip.channels);
  for (let i = 0; i < frames; i++) {
    const t = i / clip.rate - LEAD_S;
    const s = t >= 0 && t < burst ? voice(t, burst) : 0;
    data[i * clip.channels] = floatToInt16(s);
    if (clip.channels === 2) data[i * 2 + 1] = floatToInt16(-0.5 * s);
  }
  return encodeWav(data, clip.rate, clip.channels);
}

/** `in-22k05-mono.wav`, `in-44k1-stereo.wav`, `in-48k-mono.wav`, … */
function fixtureName(clip: Clip): string {
  const r = String(clip.rate / 1000);
  const k = r.includes('.') ? r.replace('.', 'k') : `${r}k`;
  return `in-${k}-${clip.channels === 1 ? 'mono' : 'stereo'}.wav`;
}

/** A full-scale square wave of `frames` samples, mono, starting high (`in-48k-square-4836.wav`). */
interface SquareClip {
  rate: number;
  frames: number;
  hz: number;
}

const SQUARES: readonly SquareClip[] = [
  { rate: 48000, frames: 4836, hz: 200 },
  { rate: 48000, frames: 4872, hz: 200 },
];

function squareWav(clip: SquareClip): Uint8Array {
  const halfPeriod = clip.rate / clip.hz / 2;
  const data = new Int16Array(clip.frames);
  for (let i = 0; i < clip.frames; i++) data[i] = Math.floor(i / halfPeriod) % 2 === 0 ? 0x7fff : -0x8000;
  return encodeWav(data, clip.rate, 1);
}

for (const clip of SQUARES) {
  const file = path.join(OUT, `in-${clip.rate / 1000}k-square-${clip.frames}.wav`);
  const bytes = squareWav(clip);
  writeFileSync(file, bytes);
  console.log(
    `${path.relative(ROOT, file)}: ${clip.rate} Hz, 1 ch, ${clip.frames} ` +
      `samples of a ${clip.hz} Hz square wave, ${bytes.length} bytes`,
  );
}

for (const clip of CLIPS) {
  const file = path.join(OUT, fixtureName(clip));
  const bytes = wav(clip);
  writeFileSync(file, bytes);
  console.log(
    `${path.relative(ROOT, file)}: ${clip.rate} Hz, ${clip.channels} ch, ${clip.seconds} s, ${bytes.length} bytes`,
  );
}
