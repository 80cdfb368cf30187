import type { SuiteReport } from '../report.js';

const escape = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** JUnit XML, for CI systems that draw test tables from it. */
export function formatJunitReport(report: SuiteReport): string {
  const { total, failed, wallMs } = report.summary;
  const out = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="rt-sim" tests="${total}" failures="${failed}" time="${(wallMs / 1000).toFixed(3)}">`,
    `  <testsuite name="scenarios" tests="${total}" failures="${failed}" time="${(wallMs / 1000).toFixed(3)}">`,
  ];
  for (const r of report.scenarios) {
    out.push(`    <testcase name="${escape(r.name)}" classname="${escape(r.file)}" time="${(r.wallMs / 1000).toFixed(3)}">`);
    for (const f of r.failures) {
      out.push(`      <failure type="${escape(f.kind)}" message="${escape(f.message.split('\n')[0] ?? '')}">${escape(`${f.message}\nreproduce: ${r.reproduce}`)}</failure>`);
    }
    out.push('    </testcase>');
  }
  out.push('  </testsuite>', '</testsuites>');
  return `${out.join('\n')}\n`;
}
