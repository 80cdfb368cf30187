import type { ScenarioResult, SuiteReport } from '../report.js';

/** Human-readable report: one line per scenario, failures indented, then the totals. */
export function formatConsoleReport(report: SuiteReport): string {
  const lines: string[] = [];
  for (const r of report.scenarios) lines.push(...formatScenario(r));
  const { total, passed, failed, wallMs, simulatedMs } = report.summary;
  lines.push('');
  lines.push(`${total} scenario${total === 1 ? '' : 's'} in ${wallMs} ms wall, ${simulatedMs} ms simulated`);
  lines.push(`${passed} passed, ${failed} failed`);
  return `${lines.join('\n')}\n`;
}

function formatScenario(r: ScenarioResult): string[] {
  const mark = r.status === 'passed' ? 'ok  ' : 'FAIL';
  const written = r.goldenWritten ? ' (golden written)' : '';
  const out = [`${mark} ${r.name}  ${r.file}  ${r.wallMs} ms wall, ${r.simulatedMs} ms simulated${written}`];
  if (r.status === 'failed') {
    for (const f of r.failures) {
      const [first, ...rest] = f.message.split('\n');
      out.push(`     ${f.kind}: ${first}`);
      for (const l of rest) out.push(`       ${l}`);
    }
    out.push(`     reproduce: ${r.reproduce}`);
  }
  return out;
}
