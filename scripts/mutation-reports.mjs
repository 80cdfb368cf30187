// @ts-check
/**
 * Reads Stryker JSON reports (mutation-testing-report-schema) for the mutation scripts: the
 * files named, or without any, reports/mutation/parts/*.mutation.json, the parts
 * `MUTATION_PART=<name> npm run mutation` wrote. A source file in two reports counts once: a later
 * report of the same source text replaces the mutants it tested again (same place, mutator and
 * replacement) and keeps the others, so a run limited to some lines (`--mutate file:line-line`)
 * updates just those; a later report of another source text replaces the whole file. A missing or
 * unreadable report exits 2 with a `[rt-sim]` message.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

export const PARTS_DIR = 'reports/mutation/parts';

/**
 * @typedef {{ status: string, mutatorName: string, replacement?: string,
 *   location: { start: { line: number } } }} Mutant
 * @typedef {{ source?: string, mutants?: Mutant[] }} ReportEntry
 * @typedef {{ line: number, column?: number }} Place
 */

/**
 * Each source file's report entry (`source`, `mutants`), by path from `src/`.
 * @param {string[]} files report paths; none reads {@link PARTS_DIR}
 * @param {string} command the npm script, for messages
 * @returns {Map<string, ReportEntry>}
 */
export function readReports(files, command) {
  const fail = (/** @type {string} */ message) => {
    console.error(`[rt-sim] ${command}: ${message}`);
    process.exit(2);
  };
  let paths = files;
  if (paths.length === 0) {
    let names = [];
    try {
      names = readdirSync(PARTS_DIR).filter((n) => n.endsWith('.mutation.json'));
    } catch {
      names = [];
    }
    if (names.length === 0)
      fail(`no reports given and none in ${PARTS_DIR}/ (run MUTATION_PART=<name> npm run mutation first)`);
    paths = names.sort().map((n) => path.join(PARTS_DIR, n));
  }
  const entries = new Map();
  for (const file of paths) {
    let report;
    try {
      report = JSON.parse(readFileSync(file, 'utf8'));
    } catch (e) {
      fail(`cannot read ${file}: ${e instanceof Error ? e.message : String(e)}`);
    }
    if (typeof report !== 'object' || report === null || typeof report.files !== 'object' || report.files === null)
      fail(`${file} is not a Stryker JSON report (it has no "files")`);
    for (const [name, entry] of Object.entries(report.files)) {
      const key = name.replace(/^.*?src\//, 'src/');
      entries.set(key, mergeEntry(entries.get(key), entry));
    }
  }
  return entries;
}

/** @param {Mutant} m */
function mutantKey(m) {
  const { start, end } = /** @type {{ start: Place, end?: Place }} */ (m.location);
  const place = `${start.line}:${start.column ?? ''}-${end?.line ?? ''}:${end?.column ?? ''}`;
  return `${place}|${m.mutatorName}|${m.replacement ?? ''}`;
}

/**
 * `later` over `earlier`: mutant by mutant when both saw the same source text, else `later` whole.
 * @param {ReportEntry | undefined} earlier
 * @param {ReportEntry} later
 * @returns {ReportEntry}
 */
export function mergeEntry(earlier, later) {
  if (earlier === undefined || earlier.source !== later.source) return later;
  const byKey = new Map((earlier.mutants ?? []).map((m) => [mutantKey(m), m]));
  for (const m of later.mutants ?? []) byKey.set(mutantKey(m), m);
  return { ...earlier, mutants: [...byKey.values()] };
}
