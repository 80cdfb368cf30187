/**
 * The conformance report as one self-contained HTML page (no script, no CDN): the rules ×
 * pass / fail / not applicable table, the scenarios, and each failure with the adapter's log.
 */
import { type ConformReport, type ConformStatus, STATUS_LABEL } from './conform-report.js';

const escapeHtml = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const STYLE = [
  'body{font:14px system-ui,sans-serif;margin:2em;color:#222}',
  'table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:.3em .6em;text-align:left}',
  '.passed{background:#d8f5d8}.failed{background:#f8d0d0}.not_applicable{background:#eee;color:#666}',
  'pre{background:#f6f6f6;padding:.6em;overflow:auto;max-height:20em}',
].join('');

const cell = (status: ConformStatus, why?: string): string =>
  `<td class="${status}" data-status="${status}"${why === undefined ? '' : ` title="${escapeHtml(why)}"`}>` +
  `${STATUS_LABEL[status]}</td>`;

/** The page. */
export function formatConformHtml(report: ConformReport): string {
  const t = report.totals;
  const names = report.scenarios.map((s) => s.scenario);
  const head = `<tr><th>rule</th><th>result</th>${names.map((n) => `<th>${escapeHtml(n)}</th>`).join('')}</tr>`;
  const rows = report.rules.map((r) => {
    const per = names.map((n) => {
      const s = r.scenarios.find((x) => x.name === n);
      return s ? cell(s.status, s.why) : '<td></td>';
    });
    return `<tr data-rule="${escapeHtml(r.rule)}"><td>${escapeHtml(r.rule)}</td>${cell(r.status)}${per.join('')}</tr>`;
  });
  const scenarios = report.scenarios.map(
    (s) =>
      `<tr data-scenario="${escapeHtml(s.scenario)}"><td>${escapeHtml(s.scenario)}</td>${cell(s.status)}` +
      `<td>${(s.durationMs / 1000).toFixed(1)} s</td><td>${s.checked}</td><td>${s.notApplicable.length}</td></tr>`,
  );
  const failures = report.scenarios
    .filter((s) => s.status === 'failed')
    .map(
      (s) =>
        `<h3>${escapeHtml(s.scenario)}</h3><p>rules: ${escapeHtml(s.rules.join(', '))}</p>` +
        `<ul>${s.failures.map((f) => `<li>${escapeHtml(f)}</li>`).join('')}</ul>` +
        (s.adapterLog === '' ? '' : `<p>adapter log (stderr):</p><pre>${escapeHtml(s.adapterLog)}</pre>`),
    );
  return [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8">',
    '<title>rt-sim conform</title>',
    `<style>${STYLE}</style></head><body>`,
    `<h1>rt-sim conform</h1><p>adapter: <code>${escapeHtml(report.adapter)}</code></p>`,
    `<p id="totals">${t.scenarios} scenario(s): ${t.passed} passed, ${t.failed} failed, ` +
      `${t.notApplicable} not applicable</p>`,
    `<h2>Rules</h2><table id="rules">${head}${rows.join('')}</table>`,
    '<h2>Scenarios</h2><table id="scenarios"><tr><th>scenario</th><th>result</th><th>time</th>' +
      `<th>checks</th><th>not applicable</th></tr>${scenarios.join('')}</table>`,
    failures.length > 0 ? `<h2>Failures</h2>${failures.join('')}` : '',
    '</body></html>',
    '',
  ].join('\n');
}
