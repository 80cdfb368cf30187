/**
 * The fuzz runner: generated scenarios are valid, a pinned seed keeps passing (no
 * regression), the same seed gives the same runs, and a broken invariant turns into a
 * scenario file that reproduces the failure.
 */
import { readFileSync } from 'node:fs';
import { mkdtemp, readFile, readdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Ajv } from 'ajv';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { blockValidators, loadScenario, runScenario } from '../../src/harness/index.js';
import {
  failureName,
  buildScenario,
  checkInvariants,
  effectiveFaults,
  effectiveReplies,
  formatFuzzReport,
  fuzzCaseArbitrary,
  runFuzz,
  runFuzzScenario,
  toScenarioDocument,
} from '../../src/fuzz/index.js';
import type { Invariant } from '../../src/fuzz/index.js';
import { invariants } from './fixtures/no-replies-invariants.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
/** The seed the no-regression test pins: change it only with a reason in the commit. */
const PINNED_SEED = 20260501;

describe('generated scenarios', () => {
  it('are valid for the harness validator and the JSON Schema, and stay short', () => {
    const schema = JSON.parse(readFileSync(path.join(ROOT, 'schema', 'scenario.schema.json'), 'utf8')) as Record<
      string,
      unknown
    >;
    const validate = new Ajv({ strict: true, allErrors: true, allowUnionTypes: true }).compile(schema);
    fc.assert(
      fc.property(fuzzCaseArbitrary(), (c) => {
        const doc = toScenarioDocument(c, 'fuzz-case');
        buildScenario(c, 'fuzz-case', '/tmp/fuzz-case.yaml');
        expect(validate(doc), JSON.stringify(validate.errors)).toBe(true);
        expect(c.steps.length).toBeLessThanOrEqual(6);
        expect(effectiveFaults(c).length).toBeLessThanOrEqual(3);
        // Within the retry budget: a drop and then the refusals are at most maxRetry failures in a row.
        for (const f of effectiveFaults(c))
          if (f.kind === 'refuseHandshake') expect(f.count).toBeLessThanOrEqual(c.client.maxRetry - 1);
        // The harness answers every finished call with a new response: one reply of the cycle must not call.
        expect(effectiveReplies(c).some((r) => r.call === null)).toBe(true);
        expect(Object.hasOwn(doc, 'tools')).toBe(effectiveReplies(c).some((r) => r.call !== null));
      }),
      { seed: 1, numRuns: 300 },
    );
  });

  it('recycle the socket in cases whose replies call the tool too (the queued tool output is rebased, §5.3)', () => {
    const cases = fc.sample(fuzzCaseArbitrary(), { seed: 3, numRuns: 400 });
    const both = cases.filter(
      (c) => c.client.maxSessionDurationMs !== null && effectiveReplies(c).some((r) => r.call !== null),
    );
    expect(both.length).toBeGreaterThan(0);
    for (const c of both)
      expect((toScenarioDocument(c, 'fuzz-case')['client'] as Record<string, unknown>)['maxSessionDuration']).toBe(
        c.client.maxSessionDurationMs,
      );
  });

  it('hand the server frames of one instant over in one tick in about one case of four (coalesceFrames)', () => {
    const cases = fc.sample(fuzzCaseArbitrary(), { seed: 3, numRuns: 400 });
    const coalesced = cases.filter((c) => c.server.coalesceFrames);
    expect(coalesced.length).toBeGreaterThan(60);
    expect(coalesced.length).toBeLessThan(140);
    for (const c of cases)
      expect(toScenarioDocument(c, 'fuzz-case')['coalesceFrames']).toBe(c.server.coalesceFrames || undefined);
  });

  it('include the faults that found client bugs: a duplicated output_item.added, a late transcript.done', () => {
    const faults = fc.sample(fuzzCaseArbitrary(), { seed: 3, numRuns: 400 }).flatMap((c) => c.faults);
    expect(faults.some((f) => f.kind === 'duplicate' && f.event === 'response.output_item.added')).toBe(true);
    expect(
      faults.some(
        (f) => (f.kind === 'delayEvent' || f.kind === 'reorder') && f.event === 'response.output_audio_transcript.done',
      ),
    ).toBe(true);
  });

  it(
    'include the failure modes of issue 9: each early end, each cut point, ' +
      'calls streaming their arguments, fast pacing, refused truncates',
    () => {
      const cases = fc.sample(fuzzCaseArbitrary(), { seed: 3, numRuns: 400 });
      const replies = cases.flatMap((c) => c.server.replies);
      for (const kind of ['fail', 'cancel', 'incomplete'])
        expect(
          replies.some((r) => r.end?.kind === kind),
          kind,
        ).toBe(true);
      for (const at of [
        'afterAudioChunks',
        'afterAudioMs',
        'afterTranscriptDeltas',
        'afterItems',
        'afterArgumentDeltas',
      ])
        expect(
          replies.some((r) => r.end?.cut?.at === at),
          at,
        ).toBe(true);
      // The case of the known client bug: a call cut while its arguments stream in several deltas.
      expect(
        replies.some(
          (r) => r.call?.argumentsDeltaChars !== null && r.call !== null && r.end?.cut?.at === 'afterArgumentDeltas',
        ),
      ).toBe(true);
      expect(replies.some((r) => r.pacing === 'burst') && replies.some((r) => typeof r.pacing === 'number')).toBe(true);
      expect(
        cases.some((c) => c.server.refuseTruncate && c.steps.some((s) => s.kind === 'truncate' && !s.textPath)),
      ).toBe(true);
      // Most replies still complete normally.
      expect(replies.filter((r) => r.end === null).length / replies.length).toBeGreaterThan(0.65);
    },
  );

  it('are the same for the same seed', () => {
    const a = fc.sample(fuzzCaseArbitrary(), { seed: 42, numRuns: 20 });
    const b = fc.sample(fuzzCaseArbitrary(), { seed: 42, numRuns: 20 });
    expect(b).toEqual(a);
  });
});

describe('runFuzz', () => {
  it('keeps every invariant on the pinned seed (no regression)', async () => {
    const out = await mkdtemp(path.join(os.tmpdir(), 'rtsim-fuzz-'));
    const report = await runFuzz({ seed: PINNED_SEED, runs: 30, outDir: out });
    expect(report.failure?.violations ?? report.failure?.error, formatFuzzReport(report)).toBeUndefined();
    expect(report).toMatchObject({ passed: true, runs: 30, executions: 30 });
    expect(report.simulatedMs).toBeGreaterThan(30 * 1000);
    expect(await readdir(out)).toEqual([]);
  });

  it('gives the same runs for the same seed', async () => {
    const a = await runFuzz({ seed: 99, runs: 10 });
    const b = await runFuzz({ seed: 99, runs: 10 });
    expect(b.simulatedMs).toBe(a.simulatedMs);
    expect(b.executions).toBe(a.executions);
  });

  it('turns a broken invariant into a scenario file that reproduces it', async () => {
    const cwd = await mkdtemp(path.join(os.tmpdir(), 'rtsim-fuzz-'));
    // Deliberately wrong (fixtures/no-replies-invariants.ts): a client never asking for a reply is not a rule.
    const report = await runFuzz({ seed: 4, runs: 50, cwd, outDir: 'out', invariants });
    expect(report.passed).toBe(false);
    const failure = report.failure!;
    expect(failure.violations.map((v) => v.invariant)).toEqual(['noReplies']);
    // Shrunk to the least that still asks for a reply: one step, no fault. (Seed 4: how far fast-check
    // shrinks depends on the case it started from; from some, a trailing sleep stays.)
    // (a truncate step asks for a reply too).
    expect(failure.case.steps.length).toBeLessThanOrEqual(2);
    expect(failure.case.steps.some((s) => s.kind === 'generateReply' || s.kind === 'truncate')).toBe(true);
    expect(failure.case.faults).toEqual([]);
    const name = failureName(4, failure.path);
    expect(failure.scenarioFile).toBe(path.join(cwd, 'out', `${name}.yaml`));
    expect(failure.reproduce).toEqual([
      `rt-sim fuzz --seed 4 --path ${failure.path}`,
      `rt-sim run ${path.join('out', `${name}.yaml`)}`,
    ]);
    const printed = formatFuzzReport(report, cwd);
    expect(printed).toContain(`seed 4, path ${failure.path}`);
    expect(printed).toContain('invariant noReplies (none (test))');
    expect(printed).toContain(`reproduce: rt-sim fuzz --seed 4 --path ${failure.path}`);

    const text = await readFile(failure.scenarioFile, 'utf8');
    expect(text).toMatch(/^# rt-sim fuzz counterexample \(shrunk\)\. Seed 4, path /);
    // The case's declaration of the server errors its faults provoke, then the violation's expectation.
    expect(parse(text)).toMatchObject({
      name,
      golden: false,
      expect: [
        { frame: 'error', from: 'server', min: 0 },
        { frame: 'response.create', from: 'client', count: 0 },
      ],
    });
    const scenario = await loadScenario(failure.scenarioFile, blockValidators);
    // The file alone fails (its expect: list) ...
    const plain = await runScenario(scenario);
    expect(plain.failures.map((f) => f.message)).toEqual([
      'expect[1]: expected 0 "response.create" frame(s) from the client, saw 1',
    ]);
    // ... and the invariant breaks on it the same way.
    expect(checkInvariants(await runFuzzScenario(scenario), invariants)).toEqual(failure.violations);
  });

  it('replays one case from its path', async () => {
    const cwd = await mkdtemp(path.join(os.tmpdir(), 'rtsim-fuzz-'));
    const always: Invariant = {
      name: 'never',
      rule: 'test',
      check: () => ({ invariant: 'never', rule: 'test', message: 'always broken' }),
    };
    const first = await runFuzz({ seed: 5, runs: 5, cwd, invariants: [always] });
    const again = await runFuzz({ seed: 5, path: first.failure!.path, cwd, invariants: [always] });
    expect(again.failure?.case).toEqual(first.failure?.case);
  });
});
