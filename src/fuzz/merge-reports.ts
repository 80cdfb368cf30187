/**
 * `rt-sim merge`: the JSON reports of a campaign's shards (`rt-sim fuzz --shard I/N --reporter
 * json`) merged into the campaign's report, after checking they belong together.
 */
import { RtSimError } from '../protocol/index.js';
import { FUZZ_REPORT_KIND, FUZZ_REPORT_VERSION } from './fuzz-json-report.js';
import type { FuzzJsonReport } from './fuzz-json-report.js';
import type { InvariantTally } from './invariant-tally.js';

/** One report to merge, with the file it came from (for messages). */
export interface NamedReport {
  file: string;
  report: unknown;
}

/**
 * Merges the reports of shards 1/N … N/N of one campaign (one unsharded report stands for
 * 1/1): cases, runs, shrinks, simulated time and each invariant's held count add up; it passes
 * when every shard did, and its failure is the one of lowest index in the whole campaign (the
 * one an unsharded run would report).
 *
 * @throws RtSimError `RTSIM_FUZZ_BAD_REPORT`, naming the file, when a report is not a fuzz
 *   report, has another seed, runs, shard count or invariants than the first, repeats a
 *   shard, or when shards are missing.
 */
export function mergeFuzzReports(inputs: readonly NamedReport[]): FuzzJsonReport {
  if (inputs.length === 0) throw bad('give at least one fuzz report to merge');
  const reports = inputs.map(({ file, report }) => ({ file, report: asFuzzReport(file, report) }));
  const first = reports[0]!;
  const count = first.report.shard?.count ?? 1;
  const byIndex = new Map<number, string>();
  for (const { file, report } of reports) {
    const shard = report.shard ?? { index: 1, count: 1 };
    const differs = (what: string, mine: unknown, theirs: unknown): RtSimError =>
      bad(`${file}: ${what} ${String(mine)}, but ${first.file} has ${String(theirs)}: not shards of one campaign`);
    if (report.seed !== first.report.seed) throw differs('seed', report.seed, first.report.seed);
    if (report.runs !== first.report.runs) throw differs('runs', report.runs, first.report.runs);
    if (shard.count !== count) throw differs('shard count', shard.count, count);
    const names = (r: FuzzJsonReport): string => r.invariants.map((i) => i.name).join(', ');
    if (names(report) !== names(first.report))
      throw bad(`${file}: checks other invariants than ${first.file} (another rt-sim version?)`);
    const twin = byIndex.get(shard.index);
    if (twin !== undefined) throw bad(`${file}: shard ${shard.index}/${count} is already given by ${twin}`);
    byIndex.set(shard.index, file);
  }
  const missing = Array.from({ length: count }, (_, i) => i + 1).filter((i) => !byIndex.has(i));
  if (missing.length > 0)
    throw bad(`shard(s) ${missing.map((i) => `${i}/${count}`).join(', ')} missing: merge every shard of the campaign`);
  const sorted = reports.map((r) => r.report).sort((a, b) => (a.shard?.index ?? 1) - (b.shard?.index ?? 1));
  const failures = sorted.flatMap((r) => (r.failure ? [r.failure] : []));
  failures.sort((a, b) => firstSegment(a.path) - firstSegment(b.path));
  const sum = (pick: (r: FuzzJsonReport) => number): number => sorted.reduce((n, r) => n + pick(r), 0);
  return {
    kind: FUZZ_REPORT_KIND,
    version: FUZZ_REPORT_VERSION,
    passed: sorted.every((r) => r.passed),
    seed: first.report.seed,
    runs: first.report.runs,
    shard: null,
    shards: sorted.map((r) => ({
      index: r.shard?.index ?? 1,
      count,
      casesRun: r.casesRun,
      passed: r.passed,
      ...(r.failure ? { failurePath: r.failure.path } : {}),
    })),
    casesRun: sum((r) => r.casesRun),
    executions: sum((r) => r.executions),
    shrinks: sum((r) => r.shrinks),
    invariants: first.report.invariants.map(
      (inv, i): InvariantTally => ({ ...inv, held: sum((r) => r.invariants[i]?.held ?? 0) }),
    ),
    simulatedMs: sum((r) => r.simulatedMs),
    wallMs: Math.max(...sorted.map((r) => r.wallMs)),
    failure: failures[0] ?? null,
  };
}

function firstSegment(fcPath: string): number {
  return Number(fcPath.split(':')[0]);
}

function bad(message: string): RtSimError {
  return new RtSimError('RTSIM_FUZZ_BAD_REPORT', message);
}

/** `report` checked as a fuzz JSON report, as far as merging reads it. */
function asFuzzReport(file: string, report: unknown): FuzzJsonReport {
  const r = typeof report === 'object' && report !== null ? (report as Record<string, unknown>) : {};
  if (r['kind'] !== FUZZ_REPORT_KIND) {
    const run = 'scenarios' in r && 'summary' in r;
    throw bad(
      run
        ? `${file}: an rt-sim run report; merge takes the JSON reports of rt-sim fuzz only`
        : `${file}: not an rt-sim fuzz JSON report (write one with rt-sim fuzz --reporter json)`,
    );
  }
  if (r['version'] !== FUZZ_REPORT_VERSION)
    throw bad(`${file}: report version ${String(r['version'])}, this rt-sim reads ${FUZZ_REPORT_VERSION}`);
  const shard = r['shard'];
  const numbers = ['seed', 'runs', 'casesRun', 'executions', 'shrinks', 'simulatedMs', 'wallMs'];
  const ok =
    numbers.every((k) => typeof r[k] === 'number') &&
    typeof r['passed'] === 'boolean' &&
    Array.isArray(r['invariants']) &&
    (r['invariants'] as unknown[]).every(isTally) &&
    (shard === null || isShard(shard)) &&
    (r['failure'] === null ||
      (typeof r['failure'] === 'object' && typeof (r['failure'] as { path?: unknown }).path === 'string'));
  if (!ok) throw bad(`${file}: a fuzz report with missing or malformed fields`);
  return report as FuzzJsonReport;
}

function isTally(x: unknown): boolean {
  const t = x as Record<string, unknown> | null;
  return typeof t === 'object' && t !== null && typeof t['name'] === 'string' && typeof t['held'] === 'number';
}

function isShard(x: unknown): boolean {
  const s = x as Record<string, unknown> | null;
  return (
    typeof s === 'object' &&
    s !== null &&
    Number.isInteger(s['index']) &&
    Number.isInteger(s['count']) &&
    (s['index'] as number) >= 1 &&
    (s['index'] as number) <= (s['count'] as number)
  );
}
