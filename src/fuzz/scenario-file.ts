import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { stringify } from 'yaml';
import type { ScenarioDocument } from './to-scenario.js';
import type { Violation } from './violation.js';

/** What a failure's scenario file says about where it came from. */
export interface FailureOrigin {
  seed: number;
  path: string;
  violations: readonly Violation[];
  /** The command that runs the scenario file (`rt-sim run FILE`). */
  runCommand: string;
  /** The command that re-checks the invariants on this case (`rt-sim fuzz --seed S --path P`). */
  fuzzCommand: string;
}

/**
 * The scenario file of a fuzz failure: the shrunk case as a scenario `rt-sim run` can run,
 * with the violated invariants in a header comment and in the description, and the
 * violations' expectations (if any) as its `expect:` list, so that run fails as well.
 */
export function failureScenarioText(doc: ScenarioDocument, origin: FailureOrigin): string {
  const first = origin.violations[0];
  const expect = origin.violations.flatMap((v) => v.expect ?? []);
  const said = origin.violations.map((v) => `${v.invariant} (${v.rule}): ${v.message}`).join(' | ');
  const full: ScenarioDocument = {
    ...doc,
    description:
      `Fuzz counterexample, seed ${origin.seed}, path ${origin.path}. Broken: ${said}. ` +
      `${String(doc['description'] ?? '')}`,
  };
  // The case's own declarations (the server errors its faults provoke) stay, so only the violation fails the run.
  if (expect.length > 0) full['expect'] = [...((doc['expect'] as unknown[] | undefined) ?? []), ...expect];
  const header = [
    `# rt-sim fuzz counterexample (shrunk). Seed ${origin.seed}, path ${origin.path}.`,
    ...origin.violations.map(
      (v) =>
        `# Broken invariant: ${v.invariant} (${v.rule})${v.t === undefined ? '' : ` at ${v.t} ms`}: ` +
        v.message.replace(/\n/g, ' '),
    ),
    `# Run it:                 ${origin.runCommand}   ` +
      (expect.length > 0
        ? '(its expect: list fails as the invariant did)'
        : '(the invariant itself is checked by rt-sim fuzz)'),
    `# Re-check the invariants: ${origin.fuzzCommand}`,
    first ? `# First broken: ${first.invariant}.` : '# No invariant broken: the property threw.',
  ];
  return `${header.join('\n')}\n${stringify(full, { lineWidth: 0 })}`;
}

/** Writes the failure's scenario file into `dir` (created if needed) and returns its path. */
export async function writeFailureScenario(
  dir: string,
  name: string,
  doc: ScenarioDocument,
  origin: FailureOrigin,
): Promise<string> {
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, `${name}.yaml`);
  await writeFile(file, failureScenarioText(doc, origin));
  return file;
}
