/**
 * The JSON report of `rt-sim fuzz --reporter json`: plain data, deterministic for a seed, runs
 * and shard apart from `wallMs`; shards' reports merge into the campaign's (merge-reports.ts).
 */
import path from 'node:path';
import type { FuzzShard } from './campaign.js';
import type { FuzzCase } from './fuzz-case.js';
import type { InvariantTally } from './invariant-tally.js';
import type { FuzzReport } from './run-fuzz.js';
import type { Violation } from './violation.js';

/** What marks a fuzz JSON report (and tells it from `rt-sim run`'s). */
export const FUZZ_REPORT_KIND = 'rt-sim fuzz report';
/** Version of the JSON report's shape. */
export const FUZZ_REPORT_VERSION = 1;

/** A failure in the JSON report. */
export interface FuzzJsonFailure {
  /** The fast-check path in the whole (unsharded) campaign: `--seed S --path P` replays it. */
  path: string;
  seed: number;
  violations: Violation[];
  /** Set when the case threw instead of breaking an invariant. */
  error?: string;
  /** The shrunk case. */
  case: FuzzCase;
  /** Its scenario file, relative to the folder the run started in. */
  scenarioFile: string;
  /** Commands that reproduce it. */
  reproduce: string[];
}

/** `rt-sim fuzz --reporter json`, or `rt-sim merge` of shards' reports. */
export interface FuzzJsonReport {
  kind: typeof FUZZ_REPORT_KIND;
  version: typeof FUZZ_REPORT_VERSION;
  passed: boolean;
  seed: number;
  /** Cases of the whole campaign (`--runs`). */
  runs: number;
  /** The shard this report is of; null for a whole campaign (a merged one included). */
  shard: FuzzShard | null;
  /** The shards a merged report was made of, in order; absent from a single run's. */
  shards?: FuzzShardSummary[];
  /** Cases run (up to the failure). */
  casesRun: number;
  /** Scenario runs in all, shrinking included. */
  executions: number;
  shrinks: number;
  /** Each invariant checked, with how many cases it held on. */
  invariants: InvariantTally[];
  /** Virtual time of every scenario run, summed. */
  simulatedMs: number;
  /** Wall time (the longest shard's in a merged report): the one field that differs between runs. */
  wallMs: number;
  /** The failure (in a merged report, the one of lowest index); null when every invariant held. */
  failure: FuzzJsonFailure | null;
}

/** One shard of a merged report. */
export interface FuzzShardSummary {
  index: number;
  count: number;
  casesRun: number;
  passed: boolean;
  /** The path of its failure, if any. */
  failurePath?: string;
}

/** The JSON report of a fuzz run; file names relative to `cwd`. */
export function toFuzzJsonReport(report: FuzzReport, cwd: string): FuzzJsonReport {
  const f = report.failure;
  let failure: FuzzJsonFailure | null = null;
  if (f) {
    failure = {
      path: f.path,
      seed: report.seed,
      violations: f.violations,
      ...(f.error === undefined ? {} : { error: f.error }),
      case: f.case,
      scenarioFile: path.relative(cwd, f.scenarioFile) || f.scenarioFile,
      reproduce: f.reproduce,
    };
  }
  return {
    kind: FUZZ_REPORT_KIND,
    version: FUZZ_REPORT_VERSION,
    passed: report.passed,
    seed: report.seed,
    runs: report.requestedRuns,
    shard: report.shard ?? null,
    casesRun: report.runs,
    executions: report.executions,
    shrinks: report.shrinks,
    invariants: report.tallies,
    simulatedMs: report.simulatedMs,
    wallMs: report.wallMs,
    failure,
  };
}

/** The report as text: two-space indent, a final newline. */
export function formatFuzzJsonReport(report: FuzzJsonReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
