/**
 * Resampler throughput: the client's input resampler (createResampler with its defaults, the
 * K=16 Kaiser sinc chosen in docs/resampler.md) converting to 24 kHz, measured with
 * bench/resampler.ts's {@link realtimeFactor} (20 s of a 1 kHz tone in 10 ms frames).
 * One warm-up pass, then `repeats` passes, each timed both in wall time and in this
 * process's CPU time. Target: the median in CPU time is at least
 * {@link MIN_RESAMPLER_REALTIME} x realtime for 48k -> 24k and 16k -> 24k (the browser /
 * WebRTC and wideband telephony rates); the other rates are reported only. CPU time,
 * because wall time on a shared machine measures the other processes too (on a 2-core VM
 * with a load of 5 the wall figure for 48k dropped to about 100x while CPU time held).
 */
import { createResampler } from '../dist/audio/index.js';
import { atLeast, median, table } from './common.js';
import type { Target } from './common.js';
import { realtimeFactor } from './resampler.js';

export const MIN_RESAMPLER_REALTIME = 100;
const TARGET_RATES = [48000, 16000];
const ALL_RATES = [8000, 16000, 22050, 32000, 44100, 48000];

export interface ResamplerRow {
  inRate: number;
  /** Audio seconds per second of process CPU time (the target's figure). */
  cpuXRealtimeMedian: number;
  cpuXRealtimeMin: number;
  cpuXRealtimeMax: number;
  /** Audio seconds per second of wall time. */
  wallXRealtimeMedian: number;
}

export interface ResamplerResult {
  seconds: number;
  repeats: number;
  rows: ResamplerRow[];
  targets: Target[];
}

export function resamplerThroughput(opts: { seconds: number; repeats: number }): ResamplerResult {
  const rows: ResamplerRow[] = [];
  for (const rate of ALL_RATES) {
    const pass = (timer: 'wall' | 'cpu'): number =>
      realtimeFactor(createResampler(rate, 24000), rate, opts.seconds, timer);
    pass('wall');
    const cpu: number[] = [];
    const wall: number[] = [];
    for (let i = 0; i < opts.repeats; i++) {
      cpu.push(pass('cpu'));
      wall.push(pass('wall'));
    }
    rows.push({
      inRate: rate,
      cpuXRealtimeMedian: median(cpu),
      cpuXRealtimeMin: Math.min(...cpu),
      cpuXRealtimeMax: Math.max(...cpu),
      wallXRealtimeMedian: median(wall),
    });
  }
  const targets = TARGET_RATES.map((rate) =>
    atLeast(
      `resampler ${rate / 1000}k -> 24k throughput (CPU time)`,
      rows.find((r) => r.inRate === rate)!.cpuXRealtimeMedian,
      MIN_RESAMPLER_REALTIME,
      'x realtime',
    ),
  );
  return { seconds: opts.seconds, repeats: opts.repeats, rows, targets };
}

export function formatResampler(r: ResamplerResult): string {
  return [
    `Resampler throughput: ${r.seconds} s of audio in 10 ms frames, median of ${r.repeats} ` +
      `(targets at ${TARGET_RATES.map((x) => `${x / 1000}k`).join(', ')}, on CPU time)`,
    table(
      ['in Hz -> 24000', 'x realtime, CPU (median)', 'CPU min-max', 'x realtime, wall (median)'],
      r.rows.map((x) => [
        String(x.inRate),
        x.cpuXRealtimeMedian.toFixed(0),
        `${x.cpuXRealtimeMin.toFixed(0)}-${x.cpuXRealtimeMax.toFixed(0)}`,
        x.wallXRealtimeMedian.toFixed(0),
      ]),
    ),
  ].join('\n');
}
