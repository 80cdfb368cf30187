/**
 * Overlapping steps (issue 15): `parallel` blocks, `background: true` steps joined by `await`,
 * checked at load time, run on the virtual clock the same way every time.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ScenarioError, blockValidators, loadScenario, parseScenario, runScenario } from '../../src/harness/index.js';

const FILE = path.join(import.meta.dirname, 'parallel-steps.yaml');

function issuesOf(text: string): string[] {
  try {
    parseScenario(text, FILE, blockValidators);
  } catch (e) {
    expect(e).toBeInstanceOf(ScenarioError);
    return (e as ScenarioError).issues.map((i) => `${i.line}: ${i.path.join('.')}: ${i.message}`);
  }
  throw new Error('expected the scenario to be refused');
}

const REPLY = `server:
  reply: { transcript: "A reply that plays for a while.", ttftMs: 100 }
`;

/** Runs a scenario of the reply above and these steps (YAML, indented as list items under `steps:`). */
function runSteps(steps: string): ReturnType<typeof runScenario> {
  return runScenario(parseScenario(`name: p\n${REPLY}steps:\n${steps}`, FILE, blockValidators));
}

describe('parallel and background steps at load time', () => {
  it('refuses an await of an id no background step before it has, naming the line and the ids there are', () => {
    const issues = issuesOf(`name: p
steps:
  - { id: speech, background: true, sleep: 100 }
  - { await: speach }
`);
    expect(issues).toEqual([
      '4: steps.1.await: await names "speach", which no background step before it has as its id',
    ]);
  });

  it('refuses an id given twice, an await of a step not in the background, and keys a branch cannot have', () => {
    const issues = issuesOf(`name: p
steps:
  - { id: a, background: true, sleep: 1 }
  - { id: a, sleep: 1 }
  - { await: [a, b] }
  - { id: b, background: true, sleep: 1 }
  - parallel:
      - { call: generateReply, background: true }
      - { sleep: 5 }
  - parallel: [ { sleep: 1 } ]
`);
    expect(issues).toEqual([
      expect.stringMatching(/^4: steps\.1\.id: the step id "a" is given twice/),
      expect.stringMatching(/^5: steps\.2\.await: await names step "a", which is not a background step/),
      expect.stringMatching(/^5: steps\.2\.await: await names "b", which no background step before it has/),
      expect.stringMatching(/^8: steps\.4\.parallel\.0\.background: unknown key "background"/),
      expect.stringMatching(/^10: steps\.5\.parallel: expected a list of at least two branches/),
    ]);
  });

  it('finds a missing WAV file inside a branch and points at its line', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'rtsim-parallel-'));
    const file = path.join(dir, 'p.yaml');
    await writeFile(
      file,
      `name: p
steps:
  - parallel:
      - { call: generateReply }
      - [ { sleep: 5 }, { call: pushAudio, args: { wav: missing.wav } } ]
`,
    );
    const error = await loadScenario(file, blockValidators).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ScenarioError);
    expect((error as ScenarioError).issues.map((i) => `${i.line}: ${i.path.join('.')}`)).toEqual([
      '5: steps.0.parallel.1.1.args.wav',
    ]);
  });
});

describe('parallel and background steps in a run', () => {
  it('streams user audio while the reply plays: the server hears speech before the reply ends', async () => {
    const scenario = parseScenario(
      `name: p
client: { turnDetection: { type: server_vad } }
${REPLY}steps:
  - parallel:
      - { call: generateReply }
      - [ { sleep: 400 }, { call: pushAudio, args: { tone: { hz: 220, ms: 800, level: 0.6 } } } ]
  - { call: pushAudio, args: { silenceMs: 900 } }
  - wait: idle
`,
      FILE,
      blockValidators,
    );
    const first = await runScenario(scenario);
    expect(first.failures).toEqual([]);
    const events = first.observation.events;
    const at = (event: string): number => events.findIndex((e) => e.event === event);
    expect(events[at('input_speech_started')]!.t).toBeGreaterThanOrEqual(400);
    expect(at('input_speech_started')).toBeLessThan(at('generation_done'));
    const cancelled = first.observation.frames.find((f) => f.type === 'response.done')!;
    expect(cancelled.body).toMatchObject({ response: { status: 'cancelled' } });
    const again = await runScenario(scenario, { transport: 'ws' });
    expect(JSON.stringify(again.observation)).toBe(JSON.stringify(first.observation));
  });

  it('goes on past a background step at once and joins it at its await', async () => {
    const outcome = await runSteps(`  - { id: talk, background: true, call: pushAudio, args: { silenceMs: 1000 } }
  - call: generateReply
  - await: talk
  - call: interrupt
  - wait: idle
`);
    expect(outcome.failures).toEqual([]);
    const created = outcome.observation.frames.find((f) => f.type === 'response.created')!;
    const cancel = outcome.observation.frames.find((f) => f.type === 'response.cancel')!;
    // generateReply was not held back by the second of audio; interrupt waited for it.
    expect(created.t).toBe(0);
    expect(cancel.t).toBe(1000);
  });

  it('runs a whole parallel block in the background and joins it with await', async () => {
    const outcome = await runSteps(`  - id: both
    background: true
    parallel:
      - { sleep: 700 }
      - [ { sleep: 200 }, { call: generateReply, await: false } ]
  - { sleep: 100 }
  - call: updateInstructions
    args: { instructions: "Be brief." }
  - await: both
  - call: interrupt
  - wait: idle
`);
    expect(outcome.failures).toEqual([]);
    const t = (type: string): number[] =>
      outcome.observation.frames.filter((f) => f.type === type && f.from === 'client').map((f) => f.t);
    expect(t('session.update').at(-1)).toBe(100);
    expect(t('response.create')).toEqual([200]);
    expect(t('response.cancel')).toEqual([700]);
  });

  it('fails the run when a background step fails, naming the step, even if nothing awaits it', async () => {
    const outcome =
      await runSteps(`  - { id: never, background: true, wait: { event: input_speech_started, timeoutMs: 300 } }
  - call: generateReply
  - wait: idle
`);
    expect(outcome.failures.map((f) => f.message).join('\n')).toContain('timed out after 300 ms');
  });
});
