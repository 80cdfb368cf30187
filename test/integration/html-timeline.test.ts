/**
 * The HTML timeline in a real browser: `rt-sim run --reporter html` writes pages for bundled
 * scenarios (one made to fail against its golden file), and headless Chromium (Debian's
 * package, scripts/chromium.ts) opens them from file://. The lanes must count what the run
 * observed (the golden file, for a passing run), a click on a frame must show its JSON, and no
 * page may log a console error or ask for anything beyond its own file. Without Chromium at
 * /usr/bin/chromium this fails, saying how to install it.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatHtmlPage } from '../../src/harness/reporters/html.js';
import { timelineData } from '../../src/harness/reporters/timeline-data.js';
import type { FrameRecord, Observation } from '../../src/harness/observation.js';
import { openChromium } from '../../scripts/chromium.js';
import type { HeadlessChromium } from '../../scripts/chromium.js';
import { runCli, scratchProject } from '../cli/cli-helpers.js';

const PASSING = ['audio-in-16k-stereo-vad', 'reconnect-mid-response', 'calls-after-death'];
const FAILING = 'audio-commit-clear';
/** Generating pages and starting a browser on a loaded 2-core machine: a budget, not an assertion. */
const SETUP_MS = 120_000;

let dir = '';
let browser: HeadlessChromium | undefined;
/** Why Chromium did not start: every test fails with it (a missing browser is a failure, never a skip). */
let launchError: unknown;
/** What any page logged as an error, or asked for beyond file:// and data: URLs. */
const problems: string[] = [];

beforeAll(async () => {
  dir = await scratchProject([...PASSING, FAILING], 'rt-sim-timeline-');
  const golden = path.join(dir, 'golden', `${FAILING}.json`);
  await writeFile(golden, (await readFile(golden, 'utf8')).replace('"t":180,', '"t":181,'));
  const { code, err } = await runCli(['run', 'scenarios', '--reporter', 'html', '--out', 'html'], dir);
  expect({ code, err }).toEqual({ code: 1, err: '' });
  try {
    browser = await openChromium();
  } catch (e) {
    launchError = e;
    return;
  }
  const { context } = browser;
  context.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console error: ${m.text()}`);
  });
  context.on('weberror', (e) => problems.push(`page error: ${e.error().message}`));
  context.on('request', (r) => {
    if (!/^(file|data):/.test(r.url())) problems.push(`request: ${r.url()}`);
  });
}, SETUP_MS);

afterAll(async () => {
  await browser?.close();
});

/** The running browser, or the reason it is not running, thrown. */
function chromium(): HeadlessChromium {
  if (launchError !== undefined || browser === undefined) throw launchError;
  return browser;
}

/** Opens a page of the report (or any HTML file) and, but for the index, waits until its script has drawn it. */
async function open(file: string): Promise<Page> {
  const page = await chromium().context.newPage();
  await page.goto(pathToFileURL(path.isAbsolute(file) ? file : path.join(dir, 'html', file)).href);
  if (file !== 'index.html') await page.waitForSelector('body[data-ready="true"]');
  return page;
}

interface LaneCount {
  key: string;
  count: number;
  shown: number;
}

const lanes = async (page: Page): Promise<LaneCount[]> =>
  (await page.evaluate('window.rtSimTimeline.lanes()')) as LaneCount[];

/** The counts each lane must show, from an observation. */
function expectedCounts(o: Observation): Record<string, number> {
  const server = o.frames.filter((f) => f.from === 'server');
  return {
    connections: o.connections.length,
    client: o.frames.length - server.length,
    server: server.length,
    'input-audio': o.audio.input.appends,
    'output-audio': server.filter((f) => /audio\.delta$/.test(f.type)).length,
    responses: server.filter((f) => f.type === 'response.created').length,
    events: o.events.length,
    // One chat-context snapshot as each generation ends (golden files do not hold the snapshots).
    chat: o.events.filter((e) => e.event === 'generation_done').length,
  };
}

describe('the HTML timeline in headless Chromium', () => {
  it('lists every scenario on the index, failing ones marked, each linking to its page', async () => {
    const page = await open('index.html');
    expect(await page.locator('tbody tr').count()).toBe(PASSING.length + 1);
    expect(await page.locator('tr[data-status="failed"] a').textContent()).toBe(FAILING);
    await page.locator('a', { hasText: 'reconnect-mid-response' }).click();
    await page.waitForSelector('body[data-ready="true"]');
    expect(await page.locator('h1').textContent()).toContain('reconnect-mid-response');
    await page.close();
  });

  it.each(PASSING)('draws every frame, chunk, response and event of %s in its lane', async (name) => {
    const golden = JSON.parse(await readFile(path.join(dir, 'golden', `${name}.json`), 'utf8')) as Observation;
    const page = await open(`${name}.html`);
    const drawn = await lanes(page);
    for (const [key, count] of Object.entries(expectedCounts(golden))) {
      expect(
        drawn.find((l) => l.key === key),
        key,
      ).toMatchObject({ count, shown: count });
      expect(await page.locator(`.lane-label[data-lane="${key}"]`).getAttribute('data-shown')).toBe(String(count));
    }
    // Faults: the server's error frames, connections a fault ended, refused handshakes, and script rule firings.
    const known =
      golden.frames.filter((f) => f.from === 'server' && f.type === 'error').length +
      golden.connections.filter((c) => c.closedBy === 'fault' || c.outcome !== 'open').length;
    const faults = drawn.find((l) => l.key === 'faults')!;
    expect(faults.shown).toBe(faults.count);
    const scripted = /^script:/m.test(await readFile(path.join(dir, 'scenarios', `${name}.yaml`), 'utf8'));
    if (scripted) expect(faults.count).toBeGreaterThan(known);
    else expect(faults.count).toBe(known);
    await page.close();
  });

  it('shows a frame’s JSON when its bar is clicked', async () => {
    const golden = JSON.parse(
      await readFile(path.join(dir, 'golden', 'reconnect-mid-response.json'), 'utf8'),
    ) as Observation;
    const page = await open('reconnect-mid-response.html');
    const server = golden.frames.map((f, i): [FrameRecord, number] => [f, i]).filter(([f]) => f.from === 'server');
    // A server frame alone in its millisecond after the first turn, so that it is the bar at its place.
    const alone = (k: number): boolean =>
      server[k - 1]![0].t < server[k]![0].t && (server[k + 1]?.[0].t ?? Infinity) > server[k]![0].t;
    const lane = server.findIndex(([f], k) => k > 0 && f.t > 500 && alone(k));
    const [frame, index] = server[lane]!;
    const at = (await page.evaluate(`window.rtSimTimeline.locate('server', ${lane})`)) as { x: number; y: number };
    await page.mouse.click(at.x, at.y);
    const detail = page.locator('#detail');
    expect(await detail.getAttribute('data-frame')).toBe(String(index));
    const text = (await detail.textContent()) ?? '';
    expect(text).toContain(`frame #${index}`);
    expect(text).toContain(JSON.stringify(frame.body, null, 2));
    await page.close();
  });

  it('marks the first golden difference of a failing scenario and shows that frame', async () => {
    const page = await open(`${FAILING}.html`);
    expect(await page.locator('body').getAttribute('data-status')).toBe('failed');
    expect(await page.locator('#first-difference').getAttribute('data-at')).toBe('frames[5].t');
    await page.locator('#show-diff').click();
    expect(await page.locator('#detail').getAttribute('data-frame')).toBe('5');
    expect(await page.locator('.failures pre[data-kind="golden-diff"]').count()).toBe(1);
    await page.close();
  });

  it('keeps a 60-minute run of 40,000 frames to a few dozen elements, aggregating until zoomed in', async () => {
    const frames: FrameRecord[] = Array.from({ length: 40_000 }, (_, i) => ({
      t: Math.floor(i * 90),
      conn: 1,
      from: i % 3 === 0 ? 'server' : 'client',
      type: i % 3 === 0 ? 'response.output_audio.delta' : 'input_audio_buffer.append',
      body: i % 3 === 0 ? { delta: { bytes: 1920, sha: 'x' } } : { audio: { bytes: 4800, sha: 'y' } },
    }));
    const o: Observation = {
      ...(JSON.parse(await readFile(path.join(dir, 'golden', 'audio-commit-clear.json'), 'utf8')) as Observation),
      simulatedMs: 3_600_000,
      frames,
    };
    const file = path.join(dir, 'html', 'long.html');
    await writeFile(file, formatHtmlPage(timelineData({ ...FAKE_RESULT, simulatedMs: o.simulatedMs }, o)));
    const page = await open(file);
    expect(await page.evaluate('document.getElementsByTagName("*").length')).toBeLessThan(60);
    const whole = await lanes(page);
    expect(whole.find((l) => l.key === 'client')).toMatchObject({ count: 26_666, shown: 26_666 });
    for (let i = 0; i < 6; i++) await page.locator('#zoom-in').click();
    const zoomed = await lanes(page);
    const shown = zoomed.find((l) => l.key === 'client')!.shown;
    expect(shown).toBeGreaterThan(0);
    expect(shown).toBeLessThan(26_666 / 32);
    await page.close();
  });

  it('logged no console error and asked for nothing beyond its own files', () => {
    chromium();
    expect(problems).toEqual([]);
  });
});

const FAKE_RESULT = {
  name: 'long',
  file: 'long.yaml',
  status: 'passed' as const,
  wallMs: 0,
  simulatedMs: 0,
  seed: 1,
  failures: [],
  reproduce: 'npx rt-sim run long.yaml',
};
