/**
 * The client bugs the fuzzer found, kept as shrunk scenario files in counterexamples/ (the
 * fuzzer does not fix src/client; the default fuzz run leaves their triggers out, see
 * KNOWN_BUG_FAULTS and the exemptions in src/fuzz/invariants.ts). Each test shows the bug is
 * still there: the strict invariants break on the file. When a fix makes one of them fail,
 * delete the counterexample, its test and its exemption, so the default run covers it again.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { blockValidators, loadScenario, runScenario } from '../../src/harness/index.js';
import { KNOWN_BUG_FAULTS, checkInvariants, invariantsWith, runFuzzScenario, INVARIANTS } from '../../src/fuzz/index.js';

const DIR = path.join(import.meta.dirname, 'counterexamples');

async function broken(name: string, strict: boolean): Promise<string[]> {
  const scenario = await loadScenario(path.join(DIR, `${name}.yaml`), blockValidators);
  const run = await runFuzzScenario(scenario);
  return checkInvariants(run, strict ? invariantsWith({ knownBugs: true }) : INVARIANTS).map((v) => v.invariant);
}

describe('known client bugs (still there)', () => {
  it('a duplicated response.output_item.added leaves a message whose streams never close', async () => {
    expect(KNOWN_BUG_FAULTS.some((k) => k.kind === 'duplicate' && k.event === 'response.output_item.added')).toBe(true);
    expect(await broken('duplicate-output-item-added', true)).toEqual(['runEnds', 'generationsEnd']);
  });

  it('a response.output_audio_transcript.done after response.done doubles the transcript (§8.1 fix incomplete)', async () => {
    expect(KNOWN_BUG_FAULTS.some((k) => k.kind === 'delayEvent' && k.event === 'response.output_audio_transcript.done')).toBe(true);
    expect(await broken('late-transcript-done', true)).toEqual(['chatCtxConsistent']);
    // Its expect: list fails on the file alone too.
    const result = await runScenario(await loadScenario(path.join(DIR, 'late-transcript-done.yaml'), blockValidators));
    expect(result.failures.map((f) => f.kind)).toEqual(['expectation']);
  });

  it('an own create at "root" echoed with previous_item_id null lands at the tail (§8.3 fix too wide)', async () => {
    expect(await broken('root-create-echo-appended', false)).toEqual([]);
    expect(await broken('root-create-echo-appended', true)).toEqual(['mirrorOrderMatchesServer']);
  });

  it('calls made between a drop and the reconnect burst name items the burst leaves out', async () => {
    expect(await broken('stale-mirror-after-drop', false)).toEqual([]);
    expect(await broken('stale-mirror-after-drop', true)).toEqual(['itemReferencesKnown']);
  });
});
