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
import { MUTATION_PARTS } from '../stryker/parts.mjs';
import { readReports } from './mutation-reports.mjs';

/** @type {Map<string, Record<string, number>>} */
const byFile = new Map();
for (const [name, entry] of readReports(process.argv.slice(2), 'mutation:score')) {
  /** @type {Record<string, number>} */
  const counts = {};
  for (const m of entry.mutants ?? []) counts[m.status] = (counts[m.status] ?? 0) + 1;
  byFile.set(name, counts);
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
