/**
 * Hand-made fuzz outcomes for the invariant tests: frames written as bodies, normalised as
 * the harness's observer does, and the rest of a `RunOutcome` filled with neutral values.
 */
import type { InputSound } from '../../src/harness/index.js';
import type { ConnectionRecord, EventRecord, Failure, Scenario } from '../../src/harness/index.js';
import { createNormaliser } from '../../src/protocol/index.js';
import type { FuzzRun } from '../../src/fuzz/index.js';

/** One frame of a hand-made run. */
export interface FrameSpec {
  t: number;
  conn?: number;
  from: 'client' | 'server';
  body: Record<string, unknown>;
}

/** What a hand-made run holds; everything is optional. */
export interface RunSpec {
  frames?: FrameSpec[];
  events?: EventRecord[];
  connections?: ConnectionRecord[];
  chatCtx?: Record<string, unknown>[];
  metrics?: Record<string, unknown>[];
  failures?: Failure[];
  simulatedMs?: number;
  serverItemIds?: string[];
  scenario?: Partial<Scenario>;
  /** The sample rates of the output frames the client emitted (`audio.output.rates`). */
  outputRates?: number[];
  /** What the server heard of the input audio (the observation's `inputSound`). */
  inputSound?: InputSound;
}

/** A scenario as the fuzzer builds them, with `over` on top. */
export function scenario(over: Partial<Scenario> = {}): Scenario {
  return {
    name: 'hand-made',
    seed: 1,
    timeoutMs: 60_000,
    golden: false,
    client: { connOptions: { maxRetry: 2, retryIntervalMs: 200, timeoutMs: 2000 } },
    server: {},
    script: [],
    tools: [],
    steps: [{ sleep: 1 }],
    expect: [],
    file: '/tmp/hand-made.yaml',
    baseDir: '/tmp',
    ...over,
  };
}

/** Builds a {@link FuzzRun} from a spec: raw frames as JSON text, observation frames normalised. */
export function run(spec: RunSpec = {}): FuzzRun {
  const normaliser = createNormaliser();
  const frames = spec.frames ?? [];
  const observationFrames = frames.map((f) => ({
    t: f.t,
    conn: f.conn ?? 1,
    from: f.from,
    type: String(f.body['type']),
    body: normaliser.normalise(f.body),
  }));
  const simulatedMs = spec.simulatedMs ?? 10_000;
  return {
    scenario: scenario(spec.scenario),
    frames: frames.map((f) => ({ t: f.t, conn: f.conn ?? 1, from: f.from, text: JSON.stringify(f.body) })),
    serverItemIds: spec.serverItemIds ?? [],
    outcome: {
      seed: 1,
      simulatedMs,
      closeStartedMs: simulatedMs,
      clientLog: [],
      failures: spec.failures ?? [],
      observation: {
        scenario: 'hand-made',
        seed: 1,
        simulatedMs,
        connections: spec.connections ?? [
          { attempt: 1, conn: 1, t: 0, outcome: 'open', closedAt: simulatedMs, code: 1000, closedBy: 'client' },
        ],
        frames: observationFrames,
        events: (spec.events ?? []).map((e) =>
          e.data === undefined ? e : { ...e, data: normaliser.normalise(e.data) },
        ),
        audio: {
          input: { appends: 0, bytes: 0, times: [] },
          output: {
            frames: spec.outputRates?.length ?? 0,
            samples: 0,
            ...(spec.outputRates === undefined ? {} : { rates: spec.outputRates }),
            times: [],
          },
        },
        chatCtx: (spec.chatCtx ?? []).map((i) => normaliser.normalise(i)) as unknown[],
        tools: [],
        metrics: spec.metrics ?? [],
        ...(spec.inputSound === undefined ? {} : { inputSound: spec.inputSound }),
      },
    },
  };
}

/** A full initial `session.update` as the client sends it (valid against the catalogue). */
export const SESSION_UPDATE = {
  type: 'session.update',
  event_id: 'session_update_0123456789ab',
  session: { type: 'realtime', instructions: 'Be brief.' },
};

/** `n` bytes of audio as base64. */
export const audio = (n: number): string => Buffer.alloc(n).toString('base64');
