/**
 * Writes docs/errors.md from the table of error codes (src/errors/codes.ts): one table per
 * area, each code with what it means, the CLI's exit code and what to do. Run
 * `npm run docs:errors` after changing the table; test/errors/errors-doc.test.ts fails while
 * the page is stale.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ERROR_CODES, areaOf } from '../src/errors/index.js';
import type { ErrorCode } from '../src/errors/index.js';

const ROOT = path.resolve(import.meta.dirname, '..');

/** Where the page is written. */
export const ERRORS_DOC = path.join(ROOT, 'docs', 'errors.md');

/** What each area's codes are about, in the order the page lists them. */
const AREAS: Readonly<Record<string, string>> = {
  CLI: 'The `rt-sim` command line: flags, paths, ports.',
  SCENARIO: 'Scenario files and the files they name.',
  SIM: 'The simulator: its config, replay and transcript files, reply audio, scripts.',
  TRANSCRIPT: 'Transcript files (`*.rtsim.jsonl`) and the WAV files next to them.',
  RECORDER: 'The recorder (`rt-sim record`).',
  CONFORM: 'The conformance run of any client through its adapter (`rt-sim conform`).',
  CONTROL: 'The control API of a running `rt-sim serve` (`/__rt-sim/`, `rt-sim/control`).',
  FUZZ: 'The fuzzer (`rt-sim fuzz`).',
  HARNESS: 'Scenario steps as the harness runs them.',
  CLIENT: 'The client (`RealtimeModel`, `RealtimeSession`); also in `ClientErrorCode`.',
  CHAT: "Chat contexts and the client's mirror of the server's conversation.",
  AUDIO: 'Audio frames, chunking and resampling on the client.',
  PROTOCOL: "Frames checked against the protocol's event catalogue; also in `PROTOCOL_ERROR_CODES`.",
  LINK: 'The links that carry frames between a client and a server.',
  CLOCK: 'The virtual clock.',
  VITEST: 'The Vitest integration (`rt-sim/vitest`).',
};

/** Table cells hold one line: pipes escaped. */
const cell = (text: string): string => text.replace(/\|/g, '\\|');

/** docs/errors.md as it should be now. */
export function renderErrorsDoc(): string {
  const codes = Object.keys(ERROR_CODES) as ErrorCode[];
  const unlisted = [...new Set(codes.map(areaOf))].filter((a) => !(a in AREAS));
  if (unlisted.length > 0) throw new Error(`errors-doc: add the areas ${unlisted.join(', ')} to AREAS`);
  const lines = [
    '# Error codes',
    '',
    'Every error rt-sim throws is an `RtSimError` (or a subclass: `RealtimeError`, `APIError`,',
    '`APIConnectionError`, `ScenarioError`) whose message starts with `[rt-sim]` and whose `code`',
    'is one of the codes below. Match on the code, not on the message: codes are stable, messages',
    "may improve. When an error ends an `rt-sim` command, the command exits with the code's exit",
    'code: 2 for a mistake in what you gave it (a flag, a path, a file), 1 otherwise; a failed',
    'scenario also exits 1 (see [cli.md](cli.md)).',
    '',
    'Generated from `src/errors/codes.ts` by `npm run docs:errors`; a test fails when this page',
    'is stale.',
    '',
    `${codes.length} codes in ${Object.keys(AREAS).length} areas: ${Object.keys(AREAS)
      .map((a) => `[${a}](#${a.toLowerCase()})`)
      .join(', ')}.`,
  ];
  for (const [area, about] of Object.entries(AREAS)) {
    lines.push('', `## ${area}`, '', about, '', '| Code | Meaning | Exit | What to do |', '| --- | --- | --- | --- |');
    for (const code of codes.filter((c) => areaOf(c) === area)) {
      const { meaning, exit, action } = ERROR_CODES[code];
      lines.push(`| \`${code}\` | ${cell(meaning)} | ${exit} | ${cell(action)} |`);
    }
  }
  return `${lines.join('\n')}\n`;
}

const invokedDirectly =
  process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (invokedDirectly) {
  writeFileSync(ERRORS_DOC, renderErrorsDoc());
  process.stdout.write(`wrote ${path.relative(process.cwd(), ERRORS_DOC)}\n`);
}
