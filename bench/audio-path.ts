/**
 * The client's audio input path near its floor (issue 14, P4): `seconds` of PCM16 pushed in
 * 10 or 20 ms frames through `AudioInput` (validate, downmix, resample to 24 kHz, 4800-byte
 * chunks) and each chunk turned into the JSON text of its `input_audio_buffer.append` event,
 * built by the session's own `appendEvent` and written by its `eventText`, as the socket loop
 * does (the same text JSON.stringify gives, without its escape scan of the base64).
 *
 * The floor is base64 + JSON.stringify of the same chunks (600 of 4800 bytes for 60 s),
 * timed in the same repeat right after the path, so both see the same machine load. Per case:
 * one warm-up pass, then `repeats` pairs of samples ({@link PATH_PASSES} passes of the path,
 * {@link FLOOR_PASSES} of the floor); figures are per pass, medians of process CPU time (user +
 * system), which other processes on a shared machine disturb less than wall time.
 *
 * Targets (P4, 48 kHz stereo, the worse of 10 and 20 ms frames): real-time factor at least
 * {@link MIN_REALTIME} (60 s of audio in 60 ms of CPU) and at most {@link MAX_FLOOR_RATIO}x
 * the floor. The other cases are reported only.
 */
import { appendEvent, AudioInput, bytesToBase64, eventText, type AudioFrame } from '../dist/client/audio/index.js';
import { atLeast, atMost, median, table } from './common.js';
import type { Target } from './common.js';

export const MIN_REALTIME = 1000;
export const MAX_FLOOR_RATIO = 3;

/**
 * Passes per timed sample. One floor pass is 6-11 ms of CPU and one path pass about 20, where a
 * collection or a compile on V8's threads (counted in process CPU time) moved a sample by half
 * or a fifth: samples of 35-50 ms, the floor's about as long as the path's, keep that down.
 * Measured 2026-12-05, three `--only audio` runs each: one pass of each gave ratios of 2.83x to
 * 4.71x; one and three, 3.57-3.76x; two and six, 4.05-4.37x. A floor pass costs less in a
 * longer sample (6.2 ms in three, 5.5-6.1 in six: its 2.9 MB of chunks stay in cache, as a
 * chunk the path just built does), the path's not (its input is 11.5 MB).
 */
const PATH_PASSES = 2;
const FLOOR_PASSES = 6;

interface Case {
  rate: number;
  channels: 1 | 2;
  frameMs: number;
}

const CASES: readonly Case[] = [
  { rate: 48000, channels: 2, frameMs: 10 },
  { rate: 48000, channels: 2, frameMs: 20 },
  { rate: 48000, channels: 1, frameMs: 10 },
  { rate: 44100, channels: 2, frameMs: 10 },
  { rate: 44100, channels: 1, frameMs: 10 },
  { rate: 24000, channels: 1, frameMs: 10 },
  { rate: 16000, channels: 1, frameMs: 10 },
];

export interface AudioPathRow extends Case {
  /** Appends the path produced (the floor encodes the same ones). */
  chunks: number;
  /** Median CPU milliseconds of the whole path, frames in to JSON text out. */
  pathCpuMs: number;
  /** Median CPU milliseconds of base64 + JSON.stringify of the same chunks. */
  floorCpuMs: number;
  /** Audio seconds per CPU second of the path (median). */
  realtime: number;
  /** Path over floor, per repeat, median. */
  floorRatio: number;
  /** Median wall milliseconds of the path, for comparison. */
  pathWallMs: number;
}

export interface AudioPathResult {
  seconds: number;
  repeats: number;
  rows: AudioPathRow[];
  targets: Target[];
}

/** Deterministic speech-band test signal: two tones under noise, a different mix per channel. */
function signal(rate: number, channels: number, seconds: number): Int16Array {
  const n = Math.round(rate * seconds);
  const out = new Int16Array(n * channels);
  let seed = 12345;
  for (let i = 0; i < n; i++) {
    for (let c = 0; c < channels; c++) {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      const noise = (seed / 2 ** 32 - 0.5) * 4000;
      const t = i / rate;
      const v = 9000 * Math.sin(2 * Math.PI * (220 + 40 * c) * t) + 5000 * Math.sin(2 * Math.PI * 1700 * t) + noise;
      out[i * channels + c] = Math.round(v);
    }
  }
  return out;
}

/** Frames as a client builds them: fresh arrays, 44.1 kHz frames alternating to whole samples. */
function frames(c: Case, seconds: number): AudioFrame[] {
  const data = signal(c.rate, c.channels, seconds);
  const total = data.length / c.channels;
  const perSecond = 1000 / c.frameMs;
  const out: AudioFrame[] = [];
  for (let k = 0; ; k++) {
    const a = Math.floor((k * c.rate) / perSecond);
    if (a >= total) break;
    const b = Math.min(total, Math.floor(((k + 1) * c.rate) / perSecond));
    out.push({
      data: data.slice(a * c.channels, b * c.channels),
      sampleRate: c.rate,
      numChannels: c.channels,
      samplesPerChannel: b - a,
    });
  }
  return out;
}

let sink = 0;

/** Frames in, wire text out; returns the chunks when asked (to build the floor's input). */
function runPath(fs: readonly AudioFrame[], keep: Uint8Array[] | null): void {
  const input = new AudioInput();
  for (const f of fs) {
    for (const chunk of input.push(f)) {
      sink += eventText(appendEvent(chunk)).length;
      keep?.push(chunk.slice());
    }
  }
  const { remainder } = input.commit();
  if (remainder) sink += eventText(appendEvent(remainder)).length;
}

/**
 * The floor: base64 and JSON.stringify of the same event as a plain object, not built through
 * appendEvent, whose bookkeeping for eventText belongs to the path.
 */
function runFloor(chunks: readonly Uint8Array[]): void {
  for (const chunk of chunks) {
    sink += JSON.stringify({ type: 'input_audio_buffer.append', audio: bytesToBase64(chunk) }).length;
  }
}

function cpuMs(fn: () => void): { cpu: number; wall: number } {
  const c0 = process.cpuUsage();
  const w0 = performance.now();
  fn();
  const wall = performance.now() - w0;
  const c = process.cpuUsage(c0);
  return { cpu: (c.user + c.system) / 1000, wall };
}

export function audioPath(opts: { seconds: number; repeats: number }): AudioPathResult {
  const rows: AudioPathRow[] = [];
  for (const c of CASES) {
    const fs = frames(c, opts.seconds);
    const chunks: Uint8Array[] = [];
    runPath(fs, chunks); // warm-up, and the floor's input
    runFloor(chunks);
    const path: number[] = [];
    const wall: number[] = [];
    const floor: number[] = [];
    const ratio: number[] = [];
    for (let i = 0; i < opts.repeats; i++) {
      const p = cpuMs(() => {
        for (let k = 0; k < PATH_PASSES; k++) runPath(fs, null);
      });
      const f = cpuMs(() => {
        for (let k = 0; k < FLOOR_PASSES; k++) runFloor(chunks);
      });
      const [pathCpu, floorCpu] = [p.cpu / PATH_PASSES, f.cpu / FLOOR_PASSES];
      path.push(pathCpu);
      wall.push(p.wall / PATH_PASSES);
      floor.push(floorCpu);
      ratio.push(pathCpu / floorCpu);
    }
    const pathCpuMs = median(path);
    rows.push({
      ...c,
      chunks: chunks.length,
      pathCpuMs,
      floorCpuMs: median(floor),
      realtime: (opts.seconds * 1000) / pathCpuMs,
      floorRatio: median(ratio),
      pathWallMs: median(wall),
    });
  }
  if (sink < 0) console.log(sink); // keeps the JSON text alive to the optimiser
  const p4 = rows.filter((r) => r.rate === 48000 && r.channels === 2);
  const targets = [
    atLeast(
      'P4 client audio path 48k stereo → wire: real-time factor',
      Math.min(...p4.map((r) => r.realtime)),
      MIN_REALTIME,
      'x realtime',
      0,
    ),
    {
      ...atMost(
        'P4 client audio path 48k stereo → wire: ratio to base64+JSON floor',
        Math.max(...p4.map((r) => r.floorRatio)),
        MAX_FLOOR_RATIO,
        'x',
        2,
      ),
      beside: { label: 'floor CPU', figure: Math.max(...p4.map((r) => r.floorCpuMs)), unit: 'ms' },
    },
  ];
  return { seconds: opts.seconds, repeats: opts.repeats, rows, targets };
}

export function formatAudioPath(r: AudioPathResult): string {
  return [
    `Client audio path → wire: ${r.seconds} s per case, median of ${r.repeats} (CPU time; ` +
      `floor = base64 + JSON.stringify of the same appends; P4 targets on 48k stereo)`,
    table(
      ['case', 'appends', 'path CPU ms', 'x realtime', 'floor CPU ms', 'path / floor', 'path wall ms'],
      r.rows.map((x) => [
        `${x.rate} ${x.channels === 2 ? 'stereo' : 'mono'} ${x.frameMs} ms`,
        String(x.chunks),
        x.pathCpuMs.toFixed(1),
        x.realtime.toFixed(0),
        x.floorCpuMs.toFixed(2),
        x.floorRatio.toFixed(2),
        x.pathWallMs.toFixed(1),
      ]),
    ),
  ].join('\n');
}
