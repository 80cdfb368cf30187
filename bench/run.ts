/**
 * `npm run bench` (node --expose-gc --import tsx bench/run.ts [options]): speed and memory
 * targets of rt-sim, one benchmark per file beside this one.
 *
 * 1. bench/long-run-memory.ts: a 30-simulated-minute session; heap after GC at start, 1/3
 *    and end, peak RSS, wall time. Runs first, so the process's peak RSS is its own.
 * 2. bench/scenario-speed.ts: every scenarios/*.yaml run N times; suite >= 20x realtime.
 * 3. bench/resampler-throughput.ts: the input resampler >= 100x realtime (CPU time) at 48k
 *    and 16k.
 * 3b. bench/resampler-quality.ts: rt-sim's resampler and wave-resampler against libsamplerate's
 *    best quality (SNR) and their speed, 8-48 kHz both ways; rt-sim's tone SNR >= 40 dB everywhere.
 * 4. bench/serve-connections.ts: 10,000 connections opened and closed against `serve` on
 *    loopback; RSS growth after GC < 20 MB, heap per closed connection.
 * 5. bench/parse-frames.ts: the frame hot path, every golden frame parsed and validated,
 *    as a ratio against JSON.parse alone (no target: compared before and after a change).
 * 6. bench/serve-load.ts: real-time voice sessions against `serve` on loopback, stepped up
 *    until p99 event lag >= 50 ms; >= 500 sessions and >= 50% of a bare `ws` server's count.
 *
 * Prints tables on stdout; with `--out FILE` also writes every figure as JSON (not
 * committed). Exit code 1 when a target is missed (each one named with its figure and
 * threshold), 2 on a usage error. Timing belongs here, never in tests.
 *
 * Options: --out FILE, --runs N (scenario runs, default 5), --minutes M (long run, default
 * 30), --turn-every MS (default 10000), --mode vad|manual (default vad), --scenarios DIR
 * (default scenarios), --connections N (serve bench, default 10000), --rounds N (frame bench, default 15), --only
 * long-run,scenarios,resampler,resampler-quality,serve,frames,serve-load.
 */
import { writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { describeTarget } from './common.js';
import type { Target } from './common.js';
import { formatLongRun, longRunMemory, minTurnMs } from './long-run-memory.js';
import type { LongRunResult } from './long-run-memory.js';
import { formatResamplerQuality, resamplerQuality } from './resampler-quality.js';
import type { QualityResult } from './resampler-quality.js';
import { formatParseFrames, parseFrames } from './parse-frames.js';
import type { ParseFramesResult } from './parse-frames.js';
import { formatResampler, resamplerThroughput } from './resampler-throughput.js';
import type { ResamplerResult } from './resampler-throughput.js';
import { formatScenarioSpeed, scenarioSpeed } from './scenario-speed.js';
import type { ScenarioSpeedResult } from './scenario-speed.js';
import { formatServeConnections, serveConnections } from './serve-connections.js';
import type { ServeConnectionsResult } from './serve-connections.js';
import { DEFAULT_SESSIONS, formatServeLoad, serveLoad } from './serve-load.js';
import type { ServeLoadResult } from './serve-load.js';

const BENCHES = ['long-run', 'scenarios', 'resampler', 'resampler-quality', 'serve', 'frames', 'serve-load'] as const;
type Bench = (typeof BENCHES)[number];

function usage(message: string): never {
  process.stderr.write(`bench: ${message}\n`);
  process.exit(2);
}

function positive(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) usage(`--${name} expects a positive number, got ${JSON.stringify(value)}`);
  return n;
}

/** The command line; a usage error exits 2. */
function parseOptions() {
  try {
    return parseArgs({
      options: {
        out: { type: 'string' },
        runs: { type: 'string' },
        minutes: { type: 'string' },
        'turn-every': { type: 'string' },
        mode: { type: 'string' },
        scenarios: { type: 'string' },
        only: { type: 'string' },
        connections: { type: 'string' },
        rounds: { type: 'string' },
      },
      strict: true,
    }).values;
  } catch (e) {
    usage((e as Error).message);
  }
}
const args = parseOptions();

const modeArg = args.mode ?? 'vad';
if (modeArg !== 'vad' && modeArg !== 'manual') usage(`--mode expects vad or manual, got ${JSON.stringify(modeArg)}`);
const mode: 'vad' | 'manual' = modeArg;
const only = (args.only ?? BENCHES.join(',')).split(',').map((s) => s.trim());
for (const b of only)
  if (!(BENCHES as readonly string[]).includes(b))
    usage(`--only expects some of ${BENCHES.join(',')}, got ${JSON.stringify(b)}`);
const want = (b: Bench): boolean => only.includes(b);
if (typeof (globalThis as { gc?: unknown }).gc !== 'function' && (want('long-run') || want('serve'))) {
  usage('run node with --expose-gc (npm run bench does): the memory figures are taken after a forced GC');
}

const cwd = process.cwd();
const started = performance.now();
const targets: Target[] = [];
const results: {
  longRun?: LongRunResult;
  scenarioSpeed?: ScenarioSpeedResult;
  resampler?: ResamplerResult;
  resamplerQuality?: QualityResult;
  serve?: ServeConnectionsResult;
  frames?: ParseFramesResult;
  serveLoad?: ServeLoadResult;
} = {};

const longRunOptions = {
  minutes: positive('minutes', args.minutes, 30),
  turnEveryMs: positive('turn-every', args['turn-every'], 10_000),
  mode,
};
if (longRunOptions.turnEveryMs < minTurnMs(mode))
  usage(`--turn-every must be at least ${minTurnMs(mode)} ms in ${mode} mode`);
const runs = Math.round(positive('runs', args.runs, 5));
const connections = Math.round(positive('connections', args.connections, 10_000));
const rounds = Math.round(positive('rounds', args.rounds, 15));

if (want('long-run')) {
  const r = await longRunMemory(longRunOptions);
  results.longRun = r;
  targets.push(...r.targets);
  console.log(`${formatLongRun(r)}\n`);
}

if (want('scenarios')) {
  const r = await scenarioSpeed({ dir: path.resolve(cwd, args.scenarios ?? 'scenarios'), runs, cwd });
  results.scenarioSpeed = r;
  targets.push(...r.targets);
  console.log(`${formatScenarioSpeed(r)}\n`);
}

if (want('resampler')) {
  const r = resamplerThroughput({ seconds: 20, repeats: 5 });
  results.resampler = r;
  targets.push(...r.targets);
  console.log(`${formatResampler(r)}\n`);
}

if (want('resampler-quality')) {
  const r = await resamplerQuality({ repeats: 3 });
  results.resamplerQuality = r;
  targets.push(...r.targets);
  console.log(`${formatResamplerQuality(r)}\n`);
}

if (want('serve')) {
  const r = await serveConnections({ connections, concurrency: 16 });
  results.serve = r;
  targets.push(...r.targets);
  console.log(`${formatServeConnections(r)}\n`);
}

if (want('frames')) {
  const r = await parseFrames({ goldenDir: path.resolve(cwd, 'golden'), rounds });
  results.frames = r;
  targets.push(...r.targets);
  console.log(`${formatParseFrames(r)}\n`);
}

if (want('serve-load')) {
  const r = await serveLoad({ sessions: DEFAULT_SESSIONS, seconds: 6 });
  results.serveLoad = r;
  targets.push(...r.targets);
  console.log(`${formatServeLoad(r)}\n`);
}

const wallMs = performance.now() - started;
const missed = targets.filter((t) => !t.pass);
console.log('Targets');
for (const t of targets) console.log(`  ${t.pass ? 'ok    ' : 'MISSED'} ${describeTarget(t)}`);
console.log(`\nbench took ${(wallMs / 1000).toFixed(1)} s wall (node ${process.version}, ${os.cpus().length} CPUs)`);

if (args.out) {
  const file = path.resolve(cwd, args.out);
  const json = {
    node: process.version,
    cpus: os.cpus().length,
    platform: `${process.platform}-${process.arch}`,
    wallMs,
    targets,
    ...results,
  };
  await writeFile(file, `${JSON.stringify(json, null, 2)}\n`);
  console.log(`figures written to ${path.relative(cwd, file) || file}`);
}

if (missed.length > 0) {
  console.error(`\nbench: ${missed.length} target(s) missed:`);
  for (const t of missed) console.error(`  ${describeTarget(t)}`);
  process.exitCode = 1;
}
