import type { ScenarioResult, SuiteReport } from '../report.js';
import type { TimelineData } from './timeline-data.js';
import { TIMELINE_SCRIPT } from './timeline-script.js';
import { TIMELINE_CSS } from './timeline-style.js';

/** Nothing leaves the page: no network, no other origin; only its own inline style and script. */
const CSP = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:";

const escapeHtml = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** JSON that can sit inside a `<script>` element: no `<` that could close it. */
const scriptJson = (value: unknown): string => JSON.stringify(value).replace(/</g, '\\u003c');

function head(title: string): string {
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${CSP}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    // No favicon request: a page opened from a server would log its 404 as a console error.
    '<link rel="icon" href="data:,">',
    `<title>${escapeHtml(title)}</title>`,
    `<style>${TIMELINE_CSS}</style>`,
    '</head>',
  ].join('\n');
}

/** The file name of a scenario's page in the `--out` folder: its name, made safe for any file system. */
export function pageFileName(name: string): string {
  return `${name.replace(/[^A-Za-z0-9._-]/g, '_').replace(/^\.+/, '_') || '_'}.html`;
}

function status(s: ScenarioResult['status']): string {
  return `<span class="status ${s}">${s === 'passed' ? 'passed' : 'FAILED'}</span>`;
}

/**
 * One scenario's page of the HTML timeline: lanes of client and server frames, audio,
 * responses, faults, connections and client events on one time axis, the JSON of a clicked
 * frame, the chat context at the end, and for a failing run its failures and the first golden
 * difference. Self-contained: the data, style and script are inline, and the page's content
 * security policy forbids any fetch.
 */
export function formatHtmlPage(data: TimelineData): string {
  const diff = data.firstDifference;
  const failures = data.failures
    .map((f) => `<pre data-kind="${escapeHtml(f.kind)}"><b>${escapeHtml(f.kind)}</b>: ${escapeHtml(f.message)}</pre>`)
    .join('\n');
  const where = diff ? escapeHtml(diff.path ?? diff.record ?? `line ${diff.line}`) : '';
  const diffBox = diff
    ? `<div class="diff" id="first-difference" data-at="${where}">First golden difference at <code>${where}</code> ` +
      `(line ${diff.line} of the golden file)${diff.t === undefined ? '' : `, ${diff.t} ms`}` +
      `${diff.t === undefined ? '' : ' <button id="show-diff" type="button">show it</button>'}</div>`
    : '';
  const timeline = data.observed
    ? [
        '<div class="toolbar"><button id="zoom-in" type="button">zoom in</button>',
        '<button id="zoom-out" type="button">zoom out</button><button id="zoom-fit" type="button">whole run</button>',
        '<span class="hint">wheel: zoom · drag: pan · click a bar: its JSON</span></div>',
        '<div class="timeline"><div class="labels" id="labels"></div>',
        '<div class="plot"><canvas id="plot" aria-label="timeline"></canvas></div></div>',
        '<div id="readout"></div>',
        '<div class="panes"><div><h2>Selected</h2><pre id="detail">Click a bar to see its JSON.</pre></div>',
        '<div><h2>Chat context at the end</h2><pre id="chat"></pre></div></div>',
        `<script type="application/json" id="data">${scriptJson(data)}</script>`,
        `<script>${TIMELINE_SCRIPT}</script>`,
      ].join('\n')
    : '<p>The scenario did not run, so there is no timeline.</p>';
  return [
    head(`${data.scenario} · rt-sim timeline`),
    `<body data-status="${data.status}">`,
    '<header>',
    `<h1>${escapeHtml(data.scenario)} ${status(data.status)}</h1>`,
    `<div class="meta"><code>${escapeHtml(data.file)}</code> · seed ${data.seed} · ` +
      `${data.simulatedMs} ms simulated · ` +
      `${data.frames.length} frames · <a href="index.html">all scenarios</a></div>`,
    '</header>',
    '<main>',
    data.failures.length > 0
      ? `<section class="failures"><h2>Failures</h2>\n${failures}\n` +
        `<p>Reproduce: <code>${escapeHtml(data.reproduce)}</code></p></section>`
      : '',
    diffBox,
    timeline,
    '</main>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

/** A scenario in the index: its result, the file name of its page, and how many frames the page draws. */
export interface HtmlIndexEntry {
  result: ScenarioResult;
  page: string;
  frames: number;
}

/** The index of an HTML report: the totals, then one row per scenario linking to its page. */
export function formatHtmlIndex(report: SuiteReport, entries: readonly HtmlIndexEntry[]): string {
  const { total, passed, failed, simulatedMs, wallMs } = report.summary;
  const rows = entries.map(
    ({ result: r, page, frames }) =>
      `<tr data-status="${r.status}"><td>${status(r.status)}</td>` +
      `<td><a href="${escapeHtml(encodeURI(page))}">${escapeHtml(r.name)}</a></td>` +
      `<td><code>${escapeHtml(r.file)}</code></td>` +
      `<td class="num">${frames}</td><td class="num">${r.simulatedMs}</td><td class="num">${r.wallMs}</td>` +
      `<td>${escapeHtml(r.failures.map((f) => f.kind).join(', '))}</td></tr>`,
  );
  return [
    head('rt-sim run'),
    `<body data-failed="${failed}">`,
    '<header><h1>rt-sim run</h1>',
    `<div class="meta">${total} scenario${total === 1 ? '' : 's'}: ${passed} passed, ${failed} failed · ` +
      `${simulatedMs} ms simulated in ${wallMs} ms wall</div></header>`,
    '<main><table><thead><tr><th></th><th>scenario</th><th>file</th><th>frames</th><th>simulated ms</th>' +
      '<th>wall ms</th><th>failures</th></tr></thead><tbody>',
    ...rows,
    '</tbody></table></main>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
