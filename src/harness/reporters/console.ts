import type { ScenarioResult, SuiteReport } from '../report.js';
import { paint, PLAIN } from './style.js';
import type { ConsoleStyle } from './style.js';

/** Human-readable report: one line per scenario, failures indented, then the totals. */
export function formatConsoleReport(report: SuiteReport, style: ConsoleStyle = PLAIN): string {
  const lines = report.scenarios.map((r) => formatScenarioResult(r, style)).join('');
  return `${lines}${formatConsoleSummary(report, style)}`;
}

/**
 * One scenario as it finishes: a line with its name, file and whole-millisecond times; on
 * failure every failure indented below it, then the command that reproduces it.
 */
export function formatScenarioResult(r: ScenarioResult, style: ConsoleStyle = PLAIN): string {
  const mark = r.status === 'passed' ? paint(style, 'green', 'ok  ') : paint(style, 'red', 'FAIL');
  const written = r.goldenWritten ? ' (golden written)' : '';
  const seeds = r.failingSeeds && r.failingSeeds.length > 0 ? `, failing seeds ${r.failingSeeds.join(', ')}` : '';
  const times = paint(style, 'dim', `${Math.round(r.wallMs)} ms wall, ${Math.round(r.simulatedMs)} ms simulated`);
  const out = [`${mark} ${r.name}  ${r.file}  ${times}${written}${seeds}`];
  if (r.status === 'failed') {
    for (const f of r.failures) {
      const [first, ...rest] = f.message.split('\n');
      out.push(`     ${paint(style, 'bold', `${f.kind}:`)} ${first}`);
      for (const l of rest) out.push(`       ${colourDiffLine(l, style)}`);
    }
    if (r.clientLog && r.clientLog.length > 0) {
      out.push(`     ${paint(style, 'bold', 'client log:')}`);
      for (const l of r.clientLog) out.push(`       ${paint(style, 'dim', l)}`);
    }
    out.push(`     reproduce: ${r.reproduce}`);
  }
  return `${out.join('\n')}\n`;
}

/** The totals after the last scenario, and the golden files `--update` found left over. */
export function formatConsoleSummary(report: SuiteReport, style: ConsoleStyle = PLAIN): string {
  const { total, passed, failed, invalid, wallMs, simulatedMs } = report.summary;
  const lines = [''];
  lines.push(
    `${total} scenario${total === 1 ? '' : 's'} in ${Math.round(wallMs)} ` +
      `ms wall, ${Math.round(simulatedMs)} ms simulated`,
  );
  const counts = `${passed} passed, ${failed} failed${invalid > 0 ? ` (${invalid} invalid)` : ''}`;
  lines.push(failed > 0 ? paint(style, 'red', counts) : paint(style, 'green', counts));
  if (report.unownedGoldens && report.unownedGoldens.length > 0) {
    lines.push(
      paint(
        style,
        'yellow',
        `${report.unownedGoldens.length} golden file(s) no scenario ` +
          `owns any more (remove them if their scenario is gone):`,
      ),
    );
    for (const f of report.unownedGoldens) lines.push(`  ${f}`);
  }
  return `${lines.join('\n')}\n`;
}

function colourDiffLine(line: string, style: ConsoleStyle): string {
  if (line.startsWith('- ')) return paint(style, 'red', line);
  if (line.startsWith('+ ')) return paint(style, 'green', line);
  if (line.startsWith('── ')) return paint(style, 'bold', line);
  return line;
}
