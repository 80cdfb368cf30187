import type { SuiteReport } from '../report.js';

/** The JSON report described in the README, stable key order, two-space indent. */
export function formatJsonReport(report: SuiteReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
