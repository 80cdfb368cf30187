/**
 * Issue 5's round trip: a scenario run with the recording proxy between the client and the
 * simulator gives a transcript; a scenario replaying that transcript with the same steps
 * gives the same observation, byte for byte: the same golden file.
 */
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import type { VirtualClock } from '../../src/clock/index.js';
import {
  blockValidators,
  loadScenario,
  runScenario,
  SCENARIO_API_KEY,
  serializeObservation,
} from '../../src/harness/index.js';
import type { RunOutcome, Scenario } from '../../src/harness/index.js';
import { createMemoryLink } from '../../src/link/index.js';
import { createRecordingHandler, type RecordingHandler } from '../../src/recorder/index.js';
import { zeroHopClock } from './zero-hop-clock.js';

const SCENARIOS = path.resolve(import.meta.dirname, '../../scenarios');

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'rtsim-record-replay-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/**
 * Runs `scenario` with the recorder interposed; the transcript goes to `out`. By default the
 * hop between the recorder and the simulator takes no time, so the recorder sees the
 * simulator's order; `hop: 'timer'` makes it an ordinary in-memory hop (one timer each way).
 */
async function record(scenario: Scenario, out: string, hop: 'zero' | 'timer' = 'zero'): Promise<RunOutcome> {
  let recording: RecordingHandler | undefined;
  let clock: VirtualClock | undefined;
  const outcome = await runScenario(scenario, {
    interpose: async (simulator, ctx) => {
      clock = ctx.clock;
      const upstream = createMemoryLink(simulator, { clock: hop === 'zero' ? zeroHopClock(ctx.clock) : ctx.clock });
      recording = await createRecordingHandler({
        upstream: 'wss://api.x.ai/v1/realtime',
        out,
        socketFactory: upstream.socketFactory,
        clock: ctx.clock,
      });
      return recording.handler;
    },
  });
  await clock!.run(recording!.close());
  return outcome;
}

/** The scenario file `name` with its `server:` block replaced by a replay of `transcript`, and some steps changed. */
async function replayScenario(
  name: string,
  transcript: string,
  steps?: (steps: unknown[]) => unknown[],
): Promise<Scenario> {
  const doc = parse(await readFile(path.join(SCENARIOS, `${name}.yaml`), 'utf8')) as Record<string, unknown>;
  doc['server'] = { transcript: { file: path.basename(transcript) } };
  if (steps) doc['steps'] = steps(doc['steps'] as unknown[]);
  const file = path.join(path.dirname(transcript), `replay-${name}-${steps ? 'changed' : 'same'}.yaml`);
  await writeFile(file, stringify(doc));
  return loadScenario(file, blockValidators);
}

describe('record and replay round trip (issue 5)', () => {
  let direct: RunOutcome;
  let recorded: RunOutcome;
  let transcript: string;

  beforeAll(async () => {
    const scenario = await loadScenario(path.join(SCENARIOS, 'text-reply.yaml'), blockValidators);
    direct = await runScenario(scenario);
    transcript = path.join(dir, 'text-reply.rtsim.jsonl');
    recorded = await record(scenario, transcript);
  });

  it('the recorder between client and simulator changes nothing the run observes', () => {
    expect(direct.failures).toEqual([]);
    expect(recorded.failures).toEqual([]);
    expect(serializeObservation(recorded.observation)).toBe(serializeObservation(direct.observation));
  });

  it('the transcript holds every frame of the run, and not the API key the client used', async () => {
    const text = await readFile(transcript, 'utf8');
    const lines = text.trim().split('\n');
    // Header, open, one line per frame, close.
    expect(lines).toHaveLength(1 + 1 + direct.observation.frames.length + 1);
    expect(lines[1]).toContain('"authorization":"Bearer <redacted:key-1>"');
    // Every file the recording run wrote, the transcript among them, is free of the key.
    const written = (await readdir(dir, { recursive: true, withFileTypes: true })).filter((e) => e.isFile());
    expect(written.map((e) => path.join(e.parentPath, e.name))).toContain(transcript);
    for (const e of written)
      expect((await readFile(path.join(e.parentPath, e.name))).includes(SCENARIO_API_KEY), e.name).toBe(false);
  });

  it('replaying the transcript against the same client gives the same observation byte for byte', async () => {
    const replay = await runScenario(await replayScenario('text-reply', transcript));
    expect(replay.failures).toEqual([]);
    expect(JSON.stringify(replay.observation.frames)).toBe(JSON.stringify(direct.observation.frames));
    expect(JSON.stringify(replay.observation.events)).toBe(JSON.stringify(direct.observation.events));
    expect(serializeObservation(replay.observation)).toBe(serializeObservation(direct.observation));
  });

  it(
    'with a hop of latency behind the recorder, the replay still passes and the client sees the same; ' +
      'only the interleaving at the simulator differs',
    async () => {
      const scenario = await loadScenario(path.join(SCENARIOS, 'text-reply.yaml'), blockValidators);
      const skewed = path.join(dir, 'skewed', 'text-reply.rtsim.jsonl');
      await record(scenario, skewed, 'timer');
      const replay = await runScenario(await replayScenario('text-reply', skewed));
      expect(replay.failures).toEqual([]);
      expect(JSON.stringify(replay.observation.events)).toBe(JSON.stringify(direct.observation.events));
      const side = (o: RunOutcome, from: 'client' | 'server'): string =>
        JSON.stringify(o.observation.frames.filter((f) => f.from === from));
      expect(side(replay, 'client')).toBe(side(direct, 'client'));
      expect(side(replay, 'server')).toBe(side(direct, 'server'));
      // The recorder saw the client's opening burst before the greeting, so the replayed
      // greeting waits for it: the same frames, in another interleaving at time 0.
      const order = (o: RunOutcome): string[] => o.observation.frames.slice(0, 4).map((f) => `${f.from} ${f.type}`);
      expect(order(direct)).toEqual([
        'server session.created',
        'server conversation.created',
        'client session.update',
        'server session.updated',
      ]);
      expect(order(replay)).toEqual([
        'client session.update',
        'client session.update',
        'client response.create',
        'server session.created',
      ]);
    },
  );

  it('a client that skips a step fails the replay with the transcript file:line and the frame', async () => {
    const scenario = await replayScenario('text-reply', transcript, (steps) =>
      steps.filter((s) => (s as { call?: string }).call !== 'updateInstructions'),
    );
    const outcome = await runScenario(scenario);
    const replay = outcome.failures.filter((f) => f.kind === 'replay');
    // Line 7 is the recorded instructions update (3 session.created, 4 conversation.created,
    // 5 full session.update, 6 its answer).
    expect(replay).toHaveLength(1);
    expect(replay[0]!.message).toMatch(
      new RegExp(
        String.raw`text-reply\.rtsim\.jsonl:7: client frame #2 \(response\.create\) matches line 9, ` +
          String.raw`but the recording has line 7 \(session\.update\) first: the client skipped or reordered frames$`,
      ),
    );
  });
});

describe('bundled replay scenarios (issue 5)', () => {
  const NAMES = ['voice-turn', 'text-reply', 'function-call', 'interruption', 'failed-response'];

  it.each(NAMES)(
    'replay-%s passes: the rt-sim client follows its recorded conversation frame for frame',
    async (name) => {
      const outcome = await runScenario(
        await loadScenario(path.join(SCENARIOS, `replay-${name}.yaml`), blockValidators),
      );
      expect(outcome.failures).toEqual([]);
    },
  );

  it('the bundled transcripts are xAI-shaped and hold no key', async () => {
    const all = new Set<string>();
    for (const name of NAMES) {
      const text = await readFile(path.join(SCENARIOS, 'transcripts', `${name}.rtsim.jsonl`), 'utf8');
      expect(text).not.toContain(SCENARIO_API_KEY);
      const frames = text
        .trim()
        .split('\n')
        .slice(1)
        .map(
          (l) =>
            JSON.parse(l) as {
              dir?: string;
              frame?: {
                type: string;
                usage?: unknown;
                response?: { status?: string; status_details?: { reason?: string } };
              };
            },
        )
        .filter((r) => r.dir === 's2c');
      expect(frames[0]!.frame!.type).toBe('conversation.created');
      for (const r of frames) {
        const f = r.frame!;
        all.add(f.type);
        if (f.type === 'response.done')
          all.add(
            `response.done ${f.response!.status}` +
              (f.response!.status_details?.reason ? ` ${f.response!.status_details.reason}` : '') +
              ('usage' in f ? ' top-level usage' : '') +
              (JSON.stringify(f.usage) === '{}' ? ' (empty)' : ''),
          );
      }
    }
    expect([...all].filter((t) => t.startsWith('response.done ')).sort()).toEqual([
      'response.done cancelled client_cancelled top-level usage',
      'response.done cancelled turn_detected top-level usage',
      'response.done completed top-level usage',
      'response.done failed top-level usage (empty)',
    ]);
    for (const type of [
      'ping',
      'session.updated',
      'conversation.item.input_audio_transcription.updated',
      'conversation.item.input_audio_transcription.completed',
      'response.function_call_arguments.done',
    ]) {
      expect(all).toContain(type);
    }
  });
});
