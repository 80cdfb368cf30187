import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { MatcherState } from 'vitest';
import { checkGolden, goldenDiff, goldenPath, serializeObservation } from '../harness/index.js';
import type { MatcherResult } from './matchers.js';
import { observationOf } from './subject.js';

/** vitest's snapshot update mode: `all` under `vitest -u`, `new` locally, `none` on CI. */
type UpdateMode = 'all' | 'new' | 'none';

function updateMode(state: MatcherState): UpdateMode {
  const snapshots = (
    state as unknown as { snapshotState?: { snapshotUpdateState?: UpdateMode; _updateSnapshot?: UpdateMode } }
  ).snapshotState;
  // vitest 4 has a public getter; vitest 3 only the field the getter reads.
  return snapshots?.snapshotUpdateState ?? snapshots?._updateSnapshot ?? 'none';
}

/** A golden name from the test's full name: `describe > it` → `describe-it`. */
export function goldenName(testName: string): string {
  return (
    testName
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '') || 'golden'
  );
}

/**
 * `await expect(run).toMatchGolden(name?)`: the run's observation, serialised as rt-sim
 * writes golden files, equals `__golden__/<name>.json` beside the test file (name: the
 * test's name). Like vitest's snapshots, a missing golden is written unless on CI, and
 * `vitest -u` rewrites a differing one.
 */
export async function toMatchGolden(this: MatcherState, received: unknown, name?: string): Promise<MatcherResult> {
  const testPath = this.testPath ?? path.join(process.cwd(), 'test');
  const file = goldenPath(
    path.join(path.dirname(testPath), '__golden__'),
    name ?? goldenName(this.currentTestName ?? 'golden'),
  );
  const shown = path.relative(process.cwd(), file);
  const actual = serializeObservation(observationOf(received));
  const mode = updateMode(this);
  let outcome = await checkGolden(file, actual, mode === 'all');
  if (outcome.status === 'missing' && mode === 'new') outcome = await checkGolden(file, actual, true);
  switch (outcome.status) {
    case 'match':
    case 'written':
      return { pass: true, message: () => `expected the run to differ from ${shown}` };
    case 'missing':
      return {
        pass: false,
        message: () => `no golden file ${shown}: run vitest with -u to write it (CI never writes one)`,
      };
    case 'differs': {
      const expected = await readFile(file, 'utf8');
      return {
        pass: false,
        message: () =>
          `the run differs from ${shown} (vitest -u rewrites it if ` +
          `the change is intended); ${goldenDiff(expected, actual)}`,
      };
    }
  }
}
