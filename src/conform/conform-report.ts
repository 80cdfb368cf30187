/**
 * The conformance report of `rt-sim conform`: per scenario, pass / fail / not applicable; per
 * rule (each scenario's `rules:`), the same, as Autobahn's table has it. As JSON, and as text.
 */
import type { ConformResult } from './conform-run.js';

/** A status in the report. */
export type ConformStatus = ConformResult['status'];

/** One rule's row: its status and, per scenario that lists it, the rule's outcome there (conform-rules.ts). */
export interface RuleRow {
  rule: string;
  status: ConformStatus;
  scenarios: { name: string; status: ConformStatus; why?: string }[];
}

/** The whole report. */
export interface ConformReport {
  adapter: string;
  totals: { scenarios: number; passed: number; failed: number; notApplicable: number; durationMs: number };
  rules: RuleRow[];
  scenarios: ConformResult[];
}

/**
 * A rule fails when it failed in a scenario that lists it, passes when it passed in one and failed
 * in none, and is otherwise not applicable: judged in each scenario by the expectations that check it.
 */
export function buildReport(adapter: string, results: readonly ConformResult[]): ConformReport {
  const byRule = new Map<string, RuleRow>();
  for (const r of results)
    for (const o of r.ruleOutcomes) {
      const row = byRule.get(o.rule) ?? { rule: o.rule, status: 'not_applicable', scenarios: [] };
      row.scenarios.push({ name: r.scenario, status: o.status, ...(o.why !== undefined ? { why: o.why } : {}) });
      if (o.status === 'failed' || (o.status === 'passed' && row.status === 'not_applicable')) row.status = o.status;
      byRule.set(o.rule, row);
    }
  const count = (s: ConformStatus): number => results.filter((r) => r.status === s).length;
  return {
    adapter,
    totals: {
      scenarios: results.length,
      passed: count('passed'),
      failed: count('failed'),
      notApplicable: count('not_applicable'),
      durationMs: results.reduce((t, r) => t + r.durationMs, 0),
    },
    rules: [...byRule.values()].sort((a, b) => a.rule.localeCompare(b.rule, 'en', { numeric: true })),
    scenarios: [...results],
  };
}

/** The label of a status in text and HTML. */
export const STATUS_LABEL: Record<ConformStatus, string> = {
  passed: 'pass',
  failed: 'FAIL',
  not_applicable: 'n/a',
};

/** The report as text: scenarios, the rules table, each failure with the adapter's log, the totals. */
export function formatConformConsole(report: ConformReport): string {
  const lines = [`rt-sim conform: adapter ${JSON.stringify(report.adapter)}`, ''];
  const width = Math.max(8, ...report.scenarios.map((s) => s.scenario.length));
  lines.push(`${'scenario'.padEnd(width)}  result  time`);
  for (const s of report.scenarios)
    lines.push(
      `${s.scenario.padEnd(width)}  ${STATUS_LABEL[s.status].padEnd(6)}  ${(s.durationMs / 1000).toFixed(1)} s`,
    );
  const ruleWidth = Math.max(4, ...report.rules.map((r) => r.rule.length));
  lines.push('', `${'rule'.padEnd(ruleWidth)}  result  scenarios`);
  for (const r of report.rules)
    lines.push(
      `${r.rule.padEnd(ruleWidth)}  ${STATUS_LABEL[r.status].padEnd(6)}  ` +
        r.scenarios.map((s) => (s.status === 'passed' ? s.name : `${s.name} (${STATUS_LABEL[s.status]})`)).join(', '),
    );
  for (const s of report.scenarios.filter((x) => x.status === 'failed')) {
    lines.push('', `FAIL ${s.scenario} (${s.file})`, `  rules: ${s.rules.join(', ') || '(none listed)'}`);
    for (const f of s.failures) lines.push(`  - ${f}`);
    if (s.adapterLog !== '')
      lines.push(
        '  adapter log (stderr):',
        ...s.adapterLog
          .trimEnd()
          .split('\n')
          .map((l) => `    ${l}`),
      );
  }
  const t = report.totals;
  lines.push(
    '',
    `${t.scenarios} scenario(s): ${t.passed} passed, ${t.failed} failed, ${t.notApplicable} not applicable ` +
      `(${(t.durationMs / 1000).toFixed(1)} s)`,
    '',
  );
  return lines.join('\n');
}

/** The report as JSON. */
export function formatConformJson(report: ConformReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
