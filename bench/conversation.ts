/**
 * P1, conversation speed: a simulated voice conversation run under the virtual clock, as a
 * scenario is run (runScenario, golden comparison left out), on the in-memory link and on
 * real WebSockets over loopback. The figure is simulated time over wall time.
 *
 * The conversation is what a LiveKit agent sends: the microphone streams all the time, 48 kHz
 * mono in 20 ms frames (LiveKit's default room audio), so the client resamples and appends
 * 100 ms every 100 ms; every `turnEveryMs` the user speaks 2 s (a tone) and is then silent
 * until the next turn, the server's VAD ends the turn after 800 ms of silence and answers
 * with a short spoken reply (transcript and 0.8 s of audio deltas).
 *
 * Unlike bench/long-run-memory.ts (which measures memory with a quiet microphone between
 * turns), every simulated millisecond carries audio here, so the client's audio path, the
 * link, the simulator's input buffer and the observer's frame log are all in the figure.
 */
import os from 'node:os';
import path from 'node:path';
import { stringify } from 'yaml';
import { blockValidators, parseScenario, runScenario } from '../dist/harness/index.js';
import { atLeast, median } from './common.js';
import type { Target } from './common.js';

/** P1 targets: simulated / wall on each link. */
export const P1_TARGET = { memory: 1000, ws: 800 } as const;

export interface ConversationOptions {
  minutes: number;
  /** Wall-time repeats per link; the median is the figure. */
  repeats: number;
  links: readonly ('memory' | 'ws')[];
}

export interface ConversationRow {
  link: 'memory' | 'ws';
  simulatedMs: number;
  wallMs: number[];
  wallMsMedian: number;
  realtimeFactor: number;
  failures: string[];
}

export interface ConversationResult {
  options: ConversationOptions;
  turns: number;
  rows: ConversationRow[];
  targets: Target[];
}

const TURN_EVERY_MS = 10_000;
const SPEECH_MS = 2000;
const INPUT_RATE = 48_000;

/** The conversation as scenario YAML, so it goes through the same validation as a file. */
export function conversationYaml(minutes: number): { yaml: string; turns: number } {
  const turns = Math.max(1, Math.round((minutes * 60_000) / TURN_EVERY_MS));
  const steps: unknown[] = [];
  for (let i = 0; i < turns; i++) {
    steps.push(
      {
        call: 'pushAudio',
        args: { tone: { hz: 220, ms: SPEECH_MS, level: 0.6 }, sampleRate: INPUT_RATE, frameMs: 20 },
      },
      { call: 'pushAudio', args: { silenceMs: TURN_EVERY_MS - SPEECH_MS, sampleRate: INPUT_RATE, frameMs: 20 } },
    );
  }
  steps.push({ wait: 'idle' });
  const scenario = {
    name: 'bench-conversation',
    description: `bench/conversation.ts: ${turns} turns of 48 kHz microphone audio, one every ${TURN_EVERY_MS} ms`,
    seed: 1,
    timeoutMs: turns * TURN_EVERY_MS + 60_000,
    golden: false,
    client: { voice: 'ara' },
    server: {
      lifetimeMs: null,
      userTranscript: 'Tell me more.',
      reply: { transcript: 'Here is a little more.', ttftMs: 250 },
    },
    steps,
    expect: [
      { connections: 1 },
      { event: 'generation_created', count: turns },
      { event: 'input_speech_stopped', count: turns },
    ],
  };
  return { yaml: stringify(scenario, { lineWidth: 0 }), turns };
}

export async function conversation(o: ConversationOptions): Promise<ConversationResult> {
  const { yaml, turns } = conversationYaml(o.minutes);
  const scenario = parseScenario(yaml, path.join(os.tmpdir(), 'bench-conversation.yaml'), blockValidators);
  // One short warm-up run, so the first link measured does not pay for JIT and module loading.
  const warm = parseScenario(conversationYaml(0.5).yaml, path.join(os.tmpdir(), 'bench-warm.yaml'), blockValidators);
  await runScenario(warm);
  const rows: ConversationRow[] = [];
  for (const link of o.links) {
    const wallMs: number[] = [];
    let simulatedMs = 0;
    let failures: string[] = [];
    for (let i = 0; i < o.repeats; i++) {
      const t0 = performance.now();
      const outcome = await runScenario(scenario, { transport: link });
      wallMs.push(performance.now() - t0);
      simulatedMs = outcome.simulatedMs;
      failures = outcome.failures.map((f) => `${f.kind}: ${f.message.split('\n')[0]}`);
    }
    const wallMsMedian = median(wallMs);
    rows.push({ link, simulatedMs, wallMs, wallMsMedian, realtimeFactor: simulatedMs / wallMsMedian, failures });
  }
  const memory = rows.find((r) => r.link === 'memory');
  const targets = rows.map((r) => {
    const t = atLeast(
      `P1 ${o.minutes}-minute voice conversation, ${r.link} link: simulated / wall`,
      r.failures.length === 0 ? r.realtimeFactor : Number.NaN,
      P1_TARGET[r.link],
      'x realtime',
      0,
    );
    // The ws link's cost shows against the memory link's, measured in the same run.
    return r.link === 'ws' && memory ? { ...t, beside: { label: 'memory link', figure: memory.realtimeFactor } } : t;
  });
  return { options: o, turns, rows, targets };
}

export function formatConversation(r: ConversationResult): string {
  const lines = [
    `P1 conversation: ${r.turns} turns, ${r.options.minutes} simulated min, 48 kHz mono microphone all the time, ` +
      `median of ${r.options.repeats} run(s) per link`,
  ];
  for (const row of r.rows) {
    lines.push(
      `  ${row.link.padEnd(6)} ${(row.simulatedMs / 60_000).toFixed(1)} simulated min in ` +
        `${row.wallMsMedian.toFixed(0)} ms wall = ${row.realtimeFactor.toFixed(0)}x realtime` +
        `${row.failures.length > 0 ? ` - FAILED: ${row.failures.join('; ')}` : ''}`,
    );
  }
  return lines.join('\n');
}
