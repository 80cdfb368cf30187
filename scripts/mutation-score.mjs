// @ts-check
/**
 * `npm run mutation:score [-- report.json …]`: the mutation score of one or more Stryker
 * JSON reports (mutation-testing-report-schema), by file and in total. Without arguments it
 * reads reports/mutation/parts/*.mutation.json, the parts `MUTATION_PART=<name> npm run
 * mutation` wrote, so a run split into parts is scored as the whole would be. A file in two
 * reports counts once, from the last report that has it.
 *
 * It also prints the score without the `arguments` part (the client's argument checks, which
 * no server exchange reaches; `npm run mutation:arguments` scores them with the unit tests).
 *
 * The score is Stryker's: (killed + timeout) / (killed + timeout + survived + no coverage);
 * ignored mutants and compile or runtime errors count neither way.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { MUTATION_PARTS } from '../stryker/parts.mjs';

const PARTS_DIR = 'reports/mutation/parts';

function reportPaths(args) {
  if (args.length > 0) return args;
  let names;
  try {
    names = readdirSync(PARTS_DIR)
      .filter((n) => n.endsWith('.mutation.json'))
      .sort();
  } catch {
    names = [];
  }
  if (names.length === 0) {
    console.error(
      `[rt-sim] mutation:score: no reports given and none in ` +
        `${PARTS_DIR}/ (run MUTATION_PART=<name> npm run mutation first)`,
    );
    process.exit(2);
  }
  return names.map((n) => path.join(PARTS_DIR, n));
}

/** @type {Map<string, Record<string, number>>} */
const byFile = new Map();
for (const file of reportPaths(process.argv.slice(2))) {
  let report;
  try {
    report = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    console.error(`[rt-sim] mutation:score: cannot read ${file}: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(2);
  }
  if (typeof report !== 'object' || report === null || typeof report.files !== 'object' || report.files === null) {
    console.error(`[rt-sim] mutation:score: ${file} is not a Stryker JSON report (it has no "files")`);
    process.exit(2);
  }
  for (const [name, entry] of Object.entries(report.files)) {
    /** @type {Record<string, number>} */
    const counts = {};
    for (const m of entry.mutants ?? []) counts[m.status] = (counts[m.status] ?? 0) + 1;
    byFile.set(name, counts);
  }
}

const row = (counts) => {
  const detected = (counts.Killed ?? 0) + (counts.Timeout ?? 0);
  const undetected = (counts.Survived ?? 0) + (counts.NoCoverage ?? 0);
  const total = detected + undetected;
  return {
    detected,
    survived: counts.Survived ?? 0,
    noCoverage: counts.NoCoverage ?? 0,
    total,
    score: total === 0 ? NaN : (100 * detected) / total,
  };
};
const pct = (x) => (Number.isNaN(x) ? '   n/a' : `${x.toFixed(1).padStart(5)}%`);

const sum = {};
const names = [...byFile.keys()].sort();
const width = Math.max(4, ...names.map((n) => n.length));
console.log(`${'file'.padEnd(width)}  mutants  killed+timeout  survived  no coverage   score`);
for (const name of names) {
  const counts = byFile.get(name);
  for (const [k, v] of Object.entries(counts)) sum[k] = (sum[k] ?? 0) + v;
  const r = row(counts);
  console.log(
    `${name.padEnd(width)}  ${String(r.total).padStart(7)}  ${String(r.detected).padStart(14)}  ` +
      `${String(r.survived).padStart(8)}  ${String(r.noCoverage).padStart(11)}  ${pct(r.score)}`,
  );
}
const t = row(sum);
console.log(
  `${'all'.padEnd(width)}  ${String(t.total).padStart(7)}  ${String(t.detected).padStart(14)}  ` +
    `${String(t.survived).padStart(8)}  ${String(t.noCoverage).padStart(11)}  ${pct(t.score)}`,
);
console.log(
  `mutation score: ${pct(t.score).trim()} of ${t.total} mutants ` +
    `in ${names.length} files (ignored: ${sum.Ignored ?? 0})`,
);
const argumentFiles = new Set(MUTATION_PARTS.arguments);
if (names.some((n) => argumentFiles.has(n))) {
  const rest = {};
  for (const name of names) {
    if (argumentFiles.has(name)) continue;
    for (const [k, v] of Object.entries(byFile.get(name))) rest[k] = (rest[k] ?? 0) + v;
  }
  const r = row(rest);
  console.log(
    `without the argument checks (${[...argumentFiles].join(', ')}): ${pct(r.score).trim()} of ${r.total} mutants`,
  );
}
