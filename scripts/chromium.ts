// Headless Chromium for the HTML timeline's browser test (test/integration/html-timeline.test.ts)
// and its README screenshot (scripts/docs-screenshot.ts): Debian's `chromium` package, driven by
// playwright-core (a devDependency; src/ never loads it) through its executable path.
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import type { BrowserContext } from 'playwright-core';

/** Where Debian's `chromium` package puts the browser. */
export const CHROMIUM = '/usr/bin/chromium';

/**
 * Flags for a machine with no network: without them Chromium waits on look-ups and updates
 * it cannot make (background networking, component updates, sync, QUIC).
 */
export const CHROMIUM_ARGS: readonly string[] = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** A running headless Chromium with a fresh profile; `close` ends it and removes the profile. */
export interface HeadlessChromium {
  context: BrowserContext;
  close(): Promise<void>;
}

/**
 * Starts Debian's Chromium with a fresh `--user-data-dir`. Throws, saying how to install it,
 * when it is missing: the browser test fails rather than skip.
 */
export async function openChromium(viewport = { width: 1280, height: 900 }): Promise<HeadlessChromium> {
  if (!existsSync(CHROMIUM))
    throw new Error(
      `no Chromium at ${CHROMIUM}: the HTML timeline's browser test needs Debian's chromium package; ` +
        'install it with `apt-get update && apt-get install -y chromium` (.ci/run does when it is missing)',
    );
  const profile = await mkdtemp(path.join(os.tmpdir(), 'rt-sim-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: [...CHROMIUM_ARGS],
    viewport,
  });
  return {
    context,
    close: async () => {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}
