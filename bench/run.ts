/**
 * `npm run bench` (node --expose-gc --import tsx bench/run.ts [options]): speed and memory
 * targets of rt-sim, one benchmark per file beside this one. Timing belongs here, never in
 * tests. It ends with one table of issue 14's figures P1-P6, each beside the baseline
 * measured in the same run, so a ratio holds on any machine (bench/headline.ts).
 *
 * Figures (issue 14), in the order they run:
 * - P6 bench/long-run-memory.ts: a 60-simulated-minute session (`--minutes`) finishes, heap
 *   growth after GC. Runs first, so the process's peak RSS is its own.
 * - cost bench/cost.ts: wall time and memory of that session at 1 and 10 minutes beside the
 *   P6 run, and (from P5) of 10 to 1400 live sessions on `serve`.
 * - P1 bench/conversation.ts: a 10-minute voice conversation, simulated / wall, memory and ws link.
 * - P2 bench/suite-workers.ts: the bundled suite through the built CLI, one worker (baseline) and every core.
 * - P3 bench/fuzz-speed.ts: fuzz cases per second, one worker (baseline) and every core.
 * - P4 bench/audio-path.ts: the client's input audio path against the base64 + JSON floor.
 * - P5 bench/serve-load.ts: live real-time sessions on `serve` against a bare `ws` server.
 * Further benches (not in --quick): scenarios (every bundled scenario's speed), resampler,
 * resampler-quality, serve (10,000 connections' memory), frames (the frame parse path).
 *
 * `--quick` runs P1-P6 and the cost table small (about a minute): 10-minute P6, 2-minute P1,
 * one round each, 100 fuzz cases, fewer sessions. Its figures are indicative;
 * the targets are for the full run.
 *
 * Writes every figure as JSON to bench.json (`--out FILE` elsewhere; not committed). Exit
 * code 1 when a target is missed (each one named with its figure and threshold), 2 on a
 * usage error. Every bench measures the built package (dist/), the code users install and the
 * CLI runs: `npm run bench` first brings dist/ up to date (scripts/prepare.mjs, which compiles
 * only when src/ is newer). Measured from src/ through tsx, a conversation ran about 8% slower
 * (esbuild's name-keeping wrappers around every inline function, among others).
 *
 * Options: --quick, --out FILE, --only LIST (of: BENCHES below), --runs N (repeats of the
 * scenario, suite and fuzz benches), --minutes M (P6 session, default 60), --turn-every MS
 * (default 10000), --mode vad|manual (default vad), --scenarios DIR (default scenarios),
 * --connections N (serve bench, default 10000), --rounds N (frame bench, default 15).
 */
import { writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { audioPath, formatAudioPath } from './audio-path.js';
import { describeTarget } from './common.js';
import type { Target } from './common.js';
import { conversation, formatConversation } from './conversation.js';
import { costByLength, formatCostByLength, lengthCostRow } from './cost.js';
import type { LengthCostRow } from './cost.js';
import { formatFuzzSpeed, fuzzSpeed } from './fuzz-speed.js';
import { formatHeadlines } from './headline.js';
import type { Headline } from './headline.js';
import { formatLongRun, longRunMemory, minTurnMs } from './long-run-memory.js';
import { formatParseFrames, parseFrames } from './parse-frames.js';
import { formatResamplerQuality, resamplerQuality } from './resampler-quality.js';
import { formatResampler, resamplerThroughput } from './resampler-throughput.js';
import { formatScenarioSpeed, scenarioSpeed } from './scenario-speed.js';
import { formatServeConnections, serveConnections } from './serve-connections.js';
import { DEFAULT_SESSIONS, formatServeLoad, serveLoad } from './serve-load.js';
import { formatSuiteWorkers, suiteWorkers } from './suite-workers.js';

const HEADLINE = ['long-run', 'cost', 'conversation', 'suite', 'fuzz', 'audio', 'serve-load'] as const;
const EXTRA = ['scenarios', 'resampler', 'resampler-quality', 'serve', 'frames'] as const;
const BENCHES = [...HEADLINE, ...EXTRA] as const;
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
        quick: { type: 'boolean' },
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
const quick = args.quick === true;

const modeArg = args.mode ?? 'vad';
if (modeArg !== 'vad' && modeArg !== 'manual') usage(`--mode expects vad or manual, got ${JSON.stringify(modeArg)}`);
const mode: 'vad' | 'manual' = modeArg;
const only = (args.only ?? (quick ? HEADLINE : BENCHES).join(',')).split(',').map((s) => s.trim());
for (const b of only)
  if (!(BENCHES as readonly string[]).includes(b))
    usage(`--only expects some of ${BENCHES.join(',')}, got ${JSON.stringify(b)}`);
const want = (b: Bench): boolean => only.includes(b);
if (typeof (globalThis as { gc?: unknown }).gc !== 'function') {
  usage('run node with --expose-gc (npm run bench does): the memory figures are taken after a forced GC');
}

const cwd = process.cwd();
const started = performance.now();
const targets: Target[] = [];
const results: Record<string, unknown> = {};
const show = (text: string): void => console.log(`${text}\n`);

const longRunOptions = {
  minutes: positive('minutes', args.minutes, quick ? 10 : 60),
  turnEveryMs: positive('turn-every', args['turn-every'], 10_000),
  mode,
};
if (longRunOptions.turnEveryMs < minTurnMs(mode))
  usage(`--turn-every must be at least ${minTurnMs(mode)} ms in ${mode} mode`);
const runs = Math.round(positive('runs', args.runs, quick ? 1 : 5));
const connections = Math.round(positive('connections', args.connections, 10_000));
const rounds = Math.round(positive('rounds', args.rounds, 15));
const scenariosDir = path.resolve(cwd, args.scenarios ?? 'scenarios');

let lengthRows: LengthCostRow[] = [];
if (want('long-run')) {
  const r = await longRunMemory(longRunOptions);
  results['longRun'] = r;
  targets.push(...r.targets);
  show(formatLongRun(r));
  lengthRows.push(lengthCostRow(r));
}

if (want('cost')) {
  const shorter = (quick ? [1, 5] : [1, 10]).filter((m) => !lengthRows.some((row) => row.minutes === m));
  lengthRows = [...(await costByLength(shorter)), ...lengthRows].sort((a, b) => a.minutes - b.minutes);
  results['costByLength'] = lengthRows;
  show(formatCostByLength(lengthRows));
}

if (want('conversation')) {
  const r = await conversation({ minutes: quick ? 2 : 10, repeats: quick ? 1 : 3, links: ['memory', 'ws'] });
  results['conversation'] = r;
  targets.push(...r.targets);
  show(formatConversation(r));
}

if (want('suite')) {
  const r = await suiteWorkers({ dir: scenariosDir, repeats: runs, cwd });
  results['suite'] = r;
  targets.push(...r.targets);
  show(formatSuiteWorkers(r));
}

if (want('fuzz')) {
  const r = await fuzzSpeed({ runs: quick ? 100 : 300, repeats: quick ? 1 : 3 });
  results['fuzz'] = r;
  targets.push(...r.targets);
  show(formatFuzzSpeed(r));
}

if (want('audio')) {
  // A minute of audio even in --quick (about 40 ms of CPU): 10 s left the JIT and the SIMD kernel cold.
  const r = audioPath({ seconds: 60, repeats: quick ? 3 : 7 });
  results['audio'] = r;
  targets.push(...r.targets);
  show(formatAudioPath(r));
}

if (want('serve-load')) {
  const r = await serveLoad(
    quick ? { sessions: [10, 50, 100, 200], seconds: 3, quick: true } : { sessions: DEFAULT_SESSIONS, seconds: 8 },
  );
  results['serveLoad'] = r;
  targets.push(...r.targets);
  show(formatServeLoad(r));
}

if (want('scenarios')) {
  const r = await scenarioSpeed({ dir: scenariosDir, runs, cwd });
  results['scenarioSpeed'] = r;
  targets.push(...r.targets);
  show(formatScenarioSpeed(r));
}

if (want('resampler')) {
  const r = resamplerThroughput({ seconds: 20, repeats: 5 });
  results['resampler'] = r;
  targets.push(...r.targets);
  show(formatResampler(r));
}

if (want('resampler-quality')) {
  const r = await resamplerQuality({ repeats: 3 });
  results['resamplerQuality'] = r;
  targets.push(...r.targets);
  show(formatResamplerQuality(r));
}

if (want('serve')) {
  const r = await serveConnections({ connections, concurrency: 16 });
  results['serve'] = r;
  targets.push(...r.targets);
  show(formatServeConnections(r));
}

if (want('frames')) {
  const r = await parseFrames({ goldenDir: path.resolve(cwd, 'golden'), rounds });
  results['frames'] = r;
  targets.push(...r.targets);
  show(formatParseFrames(r));
}

// Every target of each figure (P1 has one per link, P4 and P5 two), or one "not run" line.
const headlines = ['P1', 'P2', 'P3', 'P4', 'P5', 'P6'].flatMap((id): Headline[] => {
  const found = targets.filter((t) => t.name.startsWith(`${id} `));
  return found.length > 0 ? found.map((target) => ({ id, target })) : [{ id, target: undefined }];
});
show(formatHeadlines(headlines));

const wallMs = performance.now() - started;
const missed = targets.filter((t) => !t.pass);
console.log('Targets');
for (const t of targets) console.log(`  ${t.pass ? 'ok    ' : 'MISSED'} ${describeTarget(t)}`);
console.log(
  `\nbench${quick ? ' --quick' : ''} took ${(wallMs / 1000).toFixed(1)} s wall ` +
    `(node ${process.version}, ${os.availableParallelism()} CPUs)`,
);

const file = path.resolve(cwd, args.out ?? 'bench.json');
const json = {
  node: process.version,
  cpus: os.availableParallelism(),
  platform: `${process.platform}-${process.arch}`,
  quick,
  wallMs,
  headlines: headlines.map((h) => ({ id: h.id, ...(h.target ?? { name: '(not run)' }) })),
  targets,
  ...results,
};
await writeFile(file, `${JSON.stringify(json, null, 2)}\n`);
console.log(`figures written to ${path.relative(cwd, file) || file}`);

if (missed.length > 0) {
  console.error(`\nbench: ${missed.length} target(s) missed:`);
  for (const t of missed) console.error(`  ${describeTarget(t)}`);
  process.exitCode = 1;
}
