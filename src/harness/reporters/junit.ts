import type { SuiteReport } from '../report.js';

const escapeXml = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * JUnit XML, for CI systems that draw test tables from it. A failing testcase has exactly one
 * `<failure>` (several confuse some CI tables): its type and message are the first failure's,
 * its text holds every failure and the reproduce line.
 */
export function formatJunitReport(report: SuiteReport): string {
  const { total, failed, wallMs } = report.summary;
  const out = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="rt-sim" tests="${total}" failures="${failed}" time="${(wallMs / 1000).toFixed(3)}">`,
    `  <testsuite name="scenarios" tests="${total}" failures="${failed}" time="${(wallMs / 1000).toFixed(3)}">`,
  ];
  for (const r of report.scenarios) {
    out.push(
      `    <testcase name="${escapeXml(r.name)}" classname="${escapeXml(r.file)}" ` +
        `time="${(r.wallMs / 1000).toFixed(3)}">`,
    );
    const first = r.failures[0];
    if (r.status === 'failed' && first) {
      const more = r.failures.length > 1 ? ` (and ${r.failures.length - 1} more)` : '';
      const body = r.failures.map((f) => `${f.kind}: ${f.message}`).join('\n\n');
      const summary = first.message.split('\n')[0] ?? '';
      out.push(
        `      <failure type="${escapeXml(first.kind)}" message="${escapeXml(`${summary}${more}`)}">` +
          `${escapeXml(`${body}\n\nreproduce: ${r.reproduce}`)}</failure>`,
      );
    }
    out.push('    </testcase>');
  }
  out.push('  </testsuite>', '</testsuites>');
  return `${out.join('\n')}\n`;
}
