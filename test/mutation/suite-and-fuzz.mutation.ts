/**
 * What `npm run mutation` runs against each mutant of `src/client`: the bundled scenario
 * suite (as `rt-sim run scenarios` does) and the CI fuzz campaign (as `rt-sim fuzz --runs
 * 300` does) — never the client's unit tests, because a user's client meets only these.
 * One test per scenario so Stryker runs just the scenarios that reach a mutant. The fuzz
 * campaign ends at its first failing case: a mutant is killed by any failure, and shrinking
 * it would only cost time. Named `*.mutation.ts` so `npm test` leaves it to Stryker.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runSuite } from '../../src/harness/index.js';
import {
  DEFAULT_FUZZ_SEED,
  INVARIANTS,
  checkInvariants,
  fuzzCaseArbitrary,
  runFuzzScenario,
  toScenarioDocument,
  validateDocument,
} from '../../src/fuzz/index.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
/** The runs of the fuzz step of `.ci/run`. */
const CI_FUZZ_RUNS = 300;
const FILES = readdirSync(path.join(ROOT, 'scenarios'))
  .filter((f) => f.endsWith('.yaml'))
  .sort();

describe('the bundled suite', () => {
  for (const file of FILES) {
    it(`${file} passes and matches its golden file`, async () => {
      const report = await runSuite([path.join(ROOT, 'scenarios', file)], {
        goldenDir: path.join(ROOT, 'golden'),
        cwd: ROOT,
      });
      const result = report.scenarios[0]!;
      expect(result.status, result.failures.map((f) => f.message).join('\n')).toBe('passed');
    });
  }
});

describe('the CI fuzz campaign', () => {
  it(`keeps every invariant over ${CI_FUZZ_RUNS} cases of seed ${DEFAULT_FUZZ_SEED}`, async () => {
    const property = fc.asyncProperty(fuzzCaseArbitrary(), async (c) => {
      const scenario = validateDocument(toScenarioDocument(c, 'fuzz-case'), path.join(ROOT, 'fuzz-case.yaml'));
      const violations = checkInvariants(await runFuzzScenario(scenario), INVARIANTS);
      expect(violations.map((v) => `${v.invariant}: ${v.message}`)).toEqual([]);
    });
    await fc.assert(property, { seed: DEFAULT_FUZZ_SEED, numRuns: CI_FUZZ_RUNS, endOnFailure: true });
  }, 120_000);
});
