/**
 * Writes docs/api.md from the sources: every export of every package entry, one line each,
 * with the first sentence of its TSDoc. Run `npx tsx scripts/api-doc.ts` after changing an
 * export or its doc comment; test/architecture/api-doc.test.ts fails while the page is stale.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { readEntries } from './api-entries.js';

const INTRO: Record<string, string> = {
  'rt-sim':
    'The package root: everything `rt-sim/client` exports (listed under it, not repeated here), plus the ' +
    'simulator, the links, the scenario harness, the clocks and the error type.',
  'rt-sim/client':
    'The realtime client for the xAI voice API (agents-js `RealtimeModel` / `RealtimeSession` shape), ' +
    'its chat context and audio frames.',
  'rt-sim/simulator':
    'The fake xAI realtime server, its config types and validator, replay and WAV helpers (docs/scenario-server.md).',
  'rt-sim/msw': 'msw 2.x handlers backed by the simulator (msw is an optional peer dependency).',
  'rt-sim/protocol':
    'The wire catalogue (docs/protocol.md): event, session, item, response and usage types, the event type ' +
    'lists, parsers, validators and constants.',
  'rt-sim/clock': 'Time and chance: the virtual and real clocks and the seeded random source.',
  'rt-sim/control':
    'A typed client of the control API a running `rt-sim serve` answers under `/__rt-sim/` (docs/control.md).',
  'rt-sim/vitest':
    'The vitest kit (docs/vitest.md): the `rtsim` fixture and the matchers (vitest is an optional peer dependency).',
  'rt-sim/vitest/setup':
    'A setup file for `setupFiles`: registers `toMatchGolden`, `toHaveSent`, `toHaveReceived`, ' +
    '`toHaveChatContext` and `toHaveReconnected`. It exports nothing.',
};

/** The page for `entries`; exported so the test can compare it with the committed one. */
export function renderApiDoc(entries = readEntries()): string {
  const client = new Set((entries.get('rt-sim/client') ?? []).map((e) => e.name));
  const lines = [
    '# API',
    '',
    'Every export of every entry of the package, one line each: its name, what it is, what it is for.',
    'Generated from the sources by `npx tsx scripts/api-doc.ts` (TSDoc first sentences); a test',
    'fails when an export is missing here. Section marks (§5.3, R1.1) refer to docs/protocol.md.',
    "Every error's `code` is listed in [errors.md](errors.md) with what it means and what to do.",
    '',
  ];
  for (const [entry, exports] of entries) {
    lines.push(`## \`${entry}\``, '', INTRO[entry] ?? '', '');
    const shown = entry === 'rt-sim' ? exports.filter((e) => !client.has(e.name)) : exports;
    for (const e of shown) lines.push(`- \`${e.name}\` (${e.kind}) — ${e.summary || 'no description yet.'}`);
    if (shown.length > 0) lines.push('');
  }
  return `${lines.join('\n').replace(/\n+$/, '')}\n`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  writeFileSync(path.resolve(import.meta.dirname, '../docs/api.md'), renderApiDoc());
}
