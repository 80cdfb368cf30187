// Writes docs/img/timeline.png, the README's picture of the HTML timeline: `rt-sim run
// --reporter html` on the bundled reconnect-mid-response scenario, opened in headless Chromium
// (scripts/chromium.ts) with one frame clicked. Run it with `npm run docs:screenshot` after
// changing how the page looks.
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { main } from '../src/cli/main.js';
import { openChromium } from './chromium.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SCENARIO = 'reconnect-mid-response';
const OUT = path.join(ROOT, 'docs', 'img', 'timeline.png');

const dir = await mkdtemp(path.join(os.tmpdir(), 'rt-sim-screenshot-'));
let printed = '';
const code = await main(['run', `scenarios/${SCENARIO}.yaml`, '--reporter', 'html', '--out', dir, '--workers', '1'], {
  stdout: (s) => (printed += s),
  stderr: (s) => (printed += s),
  cwd: ROOT,
  env: {},
});
if (code !== 0) throw new Error(`rt-sim run exited ${code}:\n${printed}`);
const browser = await openChromium({ width: 1200, height: 760 });
try {
  const page = await browser.context.newPage();
  await page.goto(pathToFileURL(path.join(dir, `${SCENARIO}.html`)).href);
  await page.waitForSelector('body[data-ready="true"]');
  // The server's first audio delta of the turn the fault cut, then back to the whole run.
  const at = (await page.evaluate(`window.rtSimTimeline.locate('output-audio', 10)`)) as { x: number; y: number };
  await page.mouse.click(at.x, at.y);
  await page.locator('#zoom-fit').click();
  await mkdir(path.dirname(OUT), { recursive: true });
  await page.screenshot({ path: OUT });
  process.stdout.write(`wrote ${path.relative(process.cwd(), OUT)}\n`);
} finally {
  await browser.close();
  await rm(dir, { recursive: true, force: true });
}
