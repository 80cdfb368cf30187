import { describe, expect, it } from 'vitest';
import type { ScenarioResult, SuiteReport } from '../../../src/harness/report.js';
import { formatHtmlIndex, formatHtmlPage, pageFileName } from '../../../src/harness/reporters/html.js';
import { timelineData } from '../../../src/harness/reporters/timeline-data.js';
import type { Observation } from '../../../src/harness/observation.js';

const RESULT: ScenarioResult = {
  name: 'case',
  file: 'scenarios/case.yaml',
  status: 'failed',
  wallMs: 3,
  simulatedMs: 100,
  seed: 1,
  failures: [{ kind: 'golden-diff', message: 'the run differs from golden/case.json <b>' }],
  reproduce: 'npx rt-sim run scenarios/case.yaml --seed 1',
};

const OBSERVATION: Observation = {
  scenario: 'case',
  seed: 1,
  simulatedMs: 100,
  connections: [{ attempt: 1, conn: 1, t: 0, outcome: 'open' }],
  frames: [
    { t: 10, conn: 1, from: 'server', type: 'conversation.item.added', body: { text: '</script><script>alert(1)' } },
  ],
  events: [],
  audio: { input: { appends: 0, bytes: 0, times: [] }, output: { frames: 0, samples: 0, times: [] } },
  chatCtx: [],
  tools: [],
  metrics: [],
};

/** The data embedded in a page, read back as the page's script reads it. */
function embedded(html: string): unknown {
  const m = /<script type="application\/json" id="data">([\s\S]*?)<\/script>/.exec(html);
  return JSON.parse(m?.[1] ?? 'null');
}

describe('formatHtmlPage', () => {
  const page = formatHtmlPage(timelineData(RESULT, OBSERVATION, { line: 8, record: 'frames[0]' }));

  it('loads nothing from anywhere: no external URL, and a content security policy that forbids fetching', () => {
    expect(page).not.toMatch(/\b(src|href)="(https?:)?\/\//);
    expect(page).not.toMatch(/https?:\/\//);
    expect(page).toContain(`content="default-src 'none';`);
  });

  it('embeds the data so that a frame body cannot close the script element', () => {
    expect(page.match(/<\/script>/g)).toHaveLength(2);
    expect(embedded(page)).toMatchObject({ bodies: [{ text: '</script><script>alert(1)' }] });
  });

  it('shows the failures escaped, the reproduce line and the first golden difference', () => {
    expect(page).toContain('the run differs from golden/case.json &lt;b&gt;');
    expect(page).toContain('npx rt-sim run scenarios/case.yaml --seed 1');
    expect(page).toContain('id="first-difference" data-at="frames[0]"');
    expect(page).toContain('<button id="show-diff"');
  });

  it('has no timeline for a file that did not run', () => {
    const invalid = formatHtmlPage(timelineData({ ...RESULT, failures: [{ kind: 'invalid', message: 'bad' }] }));
    expect(invalid).not.toContain('<canvas');
    expect(invalid).toContain('did not run');
  });
});

describe('formatHtmlIndex', () => {
  it('links every scenario’s page beside its status and frame count', () => {
    const report: SuiteReport = {
      summary: { total: 2, passed: 1, failed: 1, invalid: 0, wallMs: 5, simulatedMs: 200 },
      scenarios: [RESULT, { ...RESULT, name: 'other', status: 'passed', failures: [] }],
    };
    const index = formatHtmlIndex(report, [
      { result: RESULT, page: 'case.html', frames: 1 },
      { result: report.scenarios[1]!, page: 'other.html', frames: 7 },
    ]);
    expect(index.match(/<tr data-status=/g)).toHaveLength(2);
    expect(index).toContain('<a href="case.html">case</a>');
    expect(index).toContain('<td class="num">7</td>');
    expect(index).toContain('2 scenarios: 1 passed, 1 failed');
  });
});

describe('pageFileName', () => {
  it('keeps a scenario name and makes anything else safe for a file system', () => {
    expect(pageFileName('reconnect-mid-response')).toBe('reconnect-mid-response.html');
    expect(pageFileName('../etc/passwd')).toBe('__etc_passwd.html');
    expect(pageFileName('')).toBe('_.html');
  });
});
