import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { diffGolden } from './diff.js';
import type { GoldenDiff } from './diff.js';

/** What comparing a run with its golden file found. */
export type GoldenOutcome =
  | { status: 'match' }
  | { status: 'written'; file: string }
  | { status: 'missing'; file: string }
  | { status: 'differs'; file: string; diff: GoldenDiff };

/** The golden file of a scenario: `<goldenDir>/<name>.json`. */
export function goldenPath(goldenDir: string, name: string): string {
  return path.join(goldenDir, `${name}.json`);
}

/**
 * Compares `actual` with the golden file, or writes it when `update` is set. A golden file
 * is only ever written on request: a mismatch is a failure to explain, not to overwrite.
 */
export async function checkGolden(file: string, actual: string, update: boolean): Promise<GoldenOutcome> {
  let expected: string | undefined;
  try {
    expected = await readFile(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  if (update) {
    if (expected === actual) return { status: 'match' };
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, actual);
    return { status: 'written', file };
  }
  if (expected === undefined) return { status: 'missing', file };
  const diff = diffGolden(expected, actual);
  return diff ? { status: 'differs', file, diff } : { status: 'match' };
}

/**
 * The golden files in `goldenDir` that are not in `owned` (the golden paths of the scenarios
 * run): left over from a renamed or deleted scenario. Listed for a person to remove, never
 * deleted. Sorted; an absent folder has none.
 */
export async function unownedGoldens(goldenDir: string, owned: readonly string[]): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(goldenDir);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw e;
  }
  const mine = new Set(owned.map((f) => path.resolve(f)));
  return names
    .filter((n) => n.endsWith('.json'))
    .map((n) => path.join(goldenDir, n))
    .filter((f) => !mine.has(path.resolve(f)))
    .sort();
}
