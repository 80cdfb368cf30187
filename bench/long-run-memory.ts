/**
 * Long-run memory: one long session, built here (not a bundled scenario file), run under the
 * virtual clock like any scenario. Every `turnEveryMs` (10 s) the user speaks: 1 s of a
 * 300 Hz tone at 16 kHz (resampled to 24 kHz by the client), then 0.8 s of silence; the
 * server's VAD ends the turn and answers with a short reply (transcript + 0.8 s of audio).
 * In `manual` mode the client has `turnDetection: null` and commits and asks for the reply
 * itself. The microphone is quiet between turns (the steps sleep), see the note on the
 * observation log below for why.
 *
 * Measured (heap used after a forced full GC, so garbage does not count):
 * - at the start of the run (virtual time 0: scenario loaded, audio clips preloaded,
 *   client and simulator built), at 1/3 of the session and at its end (the probes are
 *   virtual-clock timers, so they see the live client, simulator and harness state);
 * - peak RSS of the process (`resourceUsage().maxRSS`; this benchmark runs first in
 *   bench/run.ts, so the peak is its own plus what node and tsx loaded before);
 * - wall time and the realtime factor (simulated / wall).
 *
 * Targets: the run finishes with every expectation met (one connection per 60-minute
 * session lifetime, one reply per turn), and heap growth from 1/3 to the end stays under {@link MAX_HEAP_GROWTH_MB} MB.
 *
 * The observation log. The harness Observer keeps every frame of the run until the run
 * ends (it becomes the golden file), normalised as it arrives: audio payloads are kept as
 * `{ bytes, sha }`, not as base64. The frame text that crossed the wire is still reported
 * (`logBytesPerMin`, counted on the simulator's frame tap: about 1.0 MB and 252 frames per
 * simulated minute here), to show what holding raw frames would cost.
 *
 * History of the target: when the Observer kept raw frames, the heap grew 21.2 MB over the
 * 20 simulated minutes between the 1/3 probe and the end (19.8 MB of it base64 audio);
 * normalising at record time brought that to 2.5 MB, about 21 KB a turn (chat context on
 * both sides, events, metrics, the normalised frames). 16 MB leaves room for noise and
 * fails on a leak of about 130 KB a turn (120 turns in the window). The golden file
 * itself grows about 72 KB per simulated minute.
 *
 * The start probe includes the audio clips: the runner preloads one clip per `pushAudio`
 * step (360 steps here, about 10 MB at 16 kHz), so that is constant, not growth.
 */
import os from 'node:os';
import path from 'node:path';
import { stringify } from 'yaml';
import { blockValidators, parseScenario, runScenario, serializeObservation } from '../dist/harness/index.js';
import { SERVER_DEFAULTS } from '../dist/simulator/index.js';
import type { Simulator } from '../dist/simulator/index.js';
import { MB, forceGc, mb, table, under } from './common.js';
import type { Target } from './common.js';

export const MAX_HEAP_GROWTH_MB = 16;
/** P6 (issue 14): a 60-simulated-minute session finishes and its heap grows less than this from start to end. */
export const P6_MAX_HEAP_GROWTH_MB = 50;

export interface LongRunOptions {
  minutes: number;
  turnEveryMs: number;
  mode: 'vad' | 'manual';
}

export interface Probe {
  label: string;
  virtualMs: number;
  heapUsed: number;
  rss: number;
  /** Frames and frame text bytes the simulator had sent or received by then (the Observer's log). */
  logFrames: number;
  logBytes: number;
}

export interface LongRunResult {
  options: LongRunOptions;
  turns: number;
  finished: boolean;
  failures: string[];
  simulatedMs: number;
  wallMs: number;
  realtimeFactor: number;
  probes: Probe[];
  peakRss: number;
  heapGrowthBytes: number;
  /** Heap after GC at the end minus at the start (the start includes the preloaded clips). */
  heapGrowthFromStartBytes: number;
  logBytesPerMin: number;
  logFramesPerMin: number;
  /** Size of the golden file this run would write (normalised: audio as length + hash). */
  goldenBytes: number;
  goldenBytesPerMin: number;
  targets: Target[];
}

const USER_TONE_MS = 1000;
const USER_SILENCE_MS = 800;
const INPUT_RATE = 16000;

/** Shortest turn period: the user's audio (and in VAD mode the silence that ends the turn) must fit. */
export function minTurnMs(mode: LongRunOptions['mode']): number {
  return mode === 'vad' ? USER_TONE_MS + USER_SILENCE_MS : USER_TONE_MS;
}

/** The session as scenario YAML text, so it goes through the same validation as a file. */
export function longRunScenarioYaml(o: LongRunOptions): { yaml: string; turns: number; totalMs: number } {
  if (o.turnEveryMs < minTurnMs(o.mode))
    throw new Error(`long run: a turn takes at least ${minTurnMs(o.mode)} ms in ${o.mode} mode, got ${o.turnEveryMs}`);
  const turns = Math.round((o.minutes * 60_000) / o.turnEveryMs);
  const totalMs = turns * o.turnEveryMs;
  const steps: unknown[] = [];
  for (let i = 0; i < turns; i++) {
    steps.push({
      call: 'pushAudio',
      args: { tone: { hz: 300, ms: USER_TONE_MS, level: 0.8 }, sampleRate: INPUT_RATE },
    });
    if (o.mode === 'vad') {
      steps.push({ call: 'pushAudio', args: { silenceMs: USER_SILENCE_MS, sampleRate: INPUT_RATE } });
      steps.push({ sleep: o.turnEveryMs - USER_TONE_MS - USER_SILENCE_MS });
    } else {
      steps.push({ call: 'commitAudio' }, { call: 'generateReply' });
      steps.push({ sleep: o.turnEveryMs - USER_TONE_MS });
    }
  }
  steps.push({ wait: 'idle' });
  const lifetimeMs = SERVER_DEFAULTS.lifetimeMs ?? Number.POSITIVE_INFINITY;
  const expiries = Math.floor(totalMs / lifetimeMs);
  const scenario = {
    name: `bench-long-run-${o.mode}`,
    description:
      `bench/long-run-memory.ts: ${turns} turns, one every ${o.turnEveryMs} ms ` +
      `(${o.mode === 'vad' ? 'server VAD' : 'manual commits'})`,
    seed: 1,
    timeoutMs: totalMs + 60_000,
    golden: false,
    client: o.mode === 'vad' ? { voice: 'ara' } : { voice: 'ara', turnDetection: null },
    server: {
      userTranscript: 'Please write this down.',
      reply: { transcript: 'Sure, noted.', ttftMs: 250 },
    },
    steps,
    expect: [
      // The service ends a session at its lifetime (60 minutes): a longer run reconnects once
      // per lifetime, after the server's session_expired error, and goes on.
      { connections: 1 + expiries },
      ...(expiries > 0
        ? [{ frame: 'error', from: 'server', count: expiries, match: { 'error.code': 'session_expired' } }]
        : []),
      { event: 'generation_created', count: turns },
      { event: 'metrics_collected', count: turns },
      { event: 'input_audio_transcription_completed', count: turns },
      ...(o.mode === 'vad' ? [{ event: 'input_speech_stopped', count: turns }] : []),
    ],
  };
  return { yaml: stringify(scenario, { lineWidth: 0 }), turns, totalMs };
}

export async function longRunMemory(o: LongRunOptions): Promise<LongRunResult> {
  const { yaml, turns, totalMs } = longRunScenarioYaml(o);
  // Only tones and silence: nothing is read from the scenario's folder.
  const scenario = parseScenario(yaml, path.join(os.tmpdir(), `bench-long-run-${o.mode}.yaml`), blockValidators);

  const probes: Probe[] = [];
  let logFrames = 0;
  let logBytes = 0;
  const probe = (label: string, virtualMs: number): void => {
    forceGc();
    const m = process.memoryUsage();
    probes.push({ label, virtualMs, heapUsed: m.heapUsed, rss: m.rss, logFrames, logBytes });
  };

  forceGc();
  const t0 = performance.now();
  const outcome = await runScenario(scenario, {
    interpose: async (handler, { clock }) => {
      const sim = handler as Partial<Simulator>;
      if (typeof sim.onFrame !== 'function')
        throw new Error('long-run bench: the handler is not the Simulator; cannot count frames');
      sim.onFrame((f) => {
        logFrames++;
        logBytes += f.text.length;
      });
      probe('start', clock.now());
      clock.setTimeout(() => probe('1/3', clock.now()), Math.round(totalMs / 3));
      clock.setTimeout(() => probe('end', clock.now()), totalMs);
      return handler;
    },
  });
  const wallMs = performance.now() - t0;
  const peakRss = process.resourceUsage().maxRSS * 1024;

  const failures = outcome.failures.map((f) => `${f.kind}: ${f.message.split('\n')[0]}`);
  const third = probes.find((p) => p.label === '1/3');
  const end = probes.find((p) => p.label === 'end');
  const finished = failures.length === 0 && third !== undefined && end !== undefined;
  const heapGrowthBytes = third && end ? end.heapUsed - third.heapUsed : Number.NaN;
  const start = probes.find((p) => p.label === 'start');
  const heapGrowthFromStartBytes = start && end ? end.heapUsed - start.heapUsed : Number.NaN;
  const logWindowBytes = third && end ? end.logBytes - third.logBytes : Number.NaN;
  const windowMin = third && end ? (end.virtualMs - third.virtualMs) / 60_000 : Number.NaN;
  const minutes = outcome.simulatedMs / 60_000;
  const goldenBytes = Buffer.byteLength(serializeObservation(outcome.observation));

  const targets: Target[] = [
    under(
      'long run: failures (it must finish with every expectation met)',
      failures.length + (third && end ? 0 : 1),
      1,
      'failures',
      0,
    ),
    under('long run: heap growth from 1/3 to end', heapGrowthBytes / MB, MAX_HEAP_GROWTH_MB, 'MB'),
    under(
      `P6 ${o.minutes}-simulated-minute session: finishes, heap growth start to end`,
      finished ? heapGrowthFromStartBytes / MB : Number.NaN,
      P6_MAX_HEAP_GROWTH_MB,
      'MB',
    ),
  ];
  return {
    options: o,
    turns,
    finished,
    failures,
    simulatedMs: outcome.simulatedMs,
    wallMs,
    realtimeFactor: outcome.simulatedMs / wallMs,
    probes,
    peakRss,
    heapGrowthBytes,
    heapGrowthFromStartBytes,
    logBytesPerMin: logWindowBytes / windowMin,
    logFramesPerMin: third && end ? (end.logFrames - third.logFrames) / windowMin : Number.NaN,
    goldenBytes,
    goldenBytesPerMin: goldenBytes / minutes,
    targets,
  };
}

export function formatLongRun(r: LongRunResult): string {
  const rows = r.probes.map((p) => [
    p.label,
    (p.virtualMs / 60_000).toFixed(1),
    mb(p.heapUsed),
    mb(p.rss),
    String(p.logFrames),
    mb(p.logBytes),
  ]);
  return [
    `Long-run memory: ${r.turns} turns, one every ${r.options.turnEveryMs / 1000} s ` +
      `(${r.options.mode === 'vad' ? 'server VAD' : 'manual commits'}), ` +
      `${(r.simulatedMs / 60_000).toFixed(1)} simulated min in ${(r.wallMs / 1000).toFixed(1)} s wall = ` +
      `${r.realtimeFactor.toFixed(0)}x realtime` +
      `${r.finished ? '' : ' - DID NOT FINISH'}`,
    table(['probe', 'virtual min', 'heap used MB (after GC)', 'RSS MB', 'log frames', 'log text MB'], rows),
    `heap growth 1/3 -> end: ${mb(r.heapGrowthBytes)} MB ` +
      `(${(r.heapGrowthBytes / ((r.turns * 2) / 3) / 1024).toFixed(1)} KB a turn); peak RSS ${mb(r.peakRss)} MB`,
    `wire traffic: ${r.logFramesPerMin.toFixed(0)} frames and ${(r.logBytesPerMin / 1024).toFixed(0)} KiB of ` +
      `frame text per simulated minute (the log keeps them normalised); ` +
      `golden file (normalised) ${(r.goldenBytesPerMin / 1024).toFixed(0)} KiB per simulated minute ` +
      `(${mb(r.goldenBytes)} MB in all)`,
    ...r.failures.map((f) => `  failure: ${f}`),
  ].join('\n');
}
