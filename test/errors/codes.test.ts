import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ClientErrorCode } from '../../src/client/index.js';
import { ERROR_CODES, areaOf, exitCodeOf, isErrorCode } from '../../src/errors/index.js';
import type { ErrorCode } from '../../src/errors/index.js';
import { PROTOCOL_ERROR_CODES } from '../../src/protocol/index.js';
import { TRANSCRIPT_ERROR_CODES } from '../../src/transcript/index.js';

const SRC = path.resolve(import.meta.dirname, '../../src');
const TABLE_FILE = path.join(SRC, 'errors', 'codes.ts');
const CODES = Object.keys(ERROR_CODES) as ErrorCode[];

/** Every TypeScript file of src/ but the table itself, with its text. */
function sources(): { file: string; text: string }[] {
  return readdirSync(SRC, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts'))
    .map((e) => path.join(e.parentPath, e.name))
    .filter((file) => file !== TABLE_FILE)
    .map((file) => ({ file: path.relative(SRC, file), text: readFileSync(file, 'utf8') }));
}

/** Lines that are not comments: a code named only in a comment is not a use. */
const codeLines = (text: string): string =>
  text
    .split('\n')
    .filter((l) => !/^\s*(\*|\/\*|\/\/)/.test(l))
    .join('\n');

/** The codes that are the user's mistakes (exit 2): at the command line, or in a control API request. Pinned. */
const USAGE_CODES: readonly ErrorCode[] = [
  'RTSIM_CLIENT_BAD_OPTION',
  'RTSIM_CLIENT_NO_API_KEY',
  'RTSIM_CLI_BAD_FLAGS',
  'RTSIM_CLI_BAD_OUT',
  'RTSIM_CLI_BAD_SHARD',
  'RTSIM_CLI_LISTEN',
  'RTSIM_CLI_NO_SCENARIOS',
  'RTSIM_CLI_NO_SUCH_PATH',
  'RTSIM_CONFORM_NEEDS_OUT',
  'RTSIM_CONFORM_NO_ADAPTER',
  'RTSIM_CONFORM_NO_SCENARIOS',
  'RTSIM_CONTROL_BAD_REQUEST',
  'RTSIM_CONTROL_NOT_FOUND',
  'RTSIM_FUZZ_BAD_INVARIANTS',
  'RTSIM_FUZZ_BAD_PATH',
  'RTSIM_FUZZ_BAD_REPORT',
  'RTSIM_RECORDER_BAD_UPSTREAM',
  'RTSIM_SCENARIO_BAD_FIXTURE',
  'RTSIM_SCENARIO_INVALID',
  'RTSIM_SCENARIO_NO_FIXTURE',
  'RTSIM_SIM_BAD_ACTIONS',
  'RTSIM_SIM_BAD_REPLAY',
  'RTSIM_SIM_BAD_WAV',
  'RTSIM_SIM_CONFIG',
  'RTSIM_TRANSCRIPT_BAD_AUDIO',
  'RTSIM_TRANSCRIPT_BAD_HEADER',
  'RTSIM_TRANSCRIPT_BAD_JSON',
  'RTSIM_TRANSCRIPT_BAD_ORDER',
  'RTSIM_TRANSCRIPT_BAD_RECORD',
  'RTSIM_TRANSCRIPT_BAD_VERSION',
  'RTSIM_TRANSCRIPT_BAD_WAV',
  'RTSIM_TRANSCRIPT_EMPTY',
  'RTSIM_TRANSCRIPT_NOT_FOUND',
  'RTSIM_TRANSCRIPT_WRITE_FAILED',
];

describe('the table of error codes', () => {
  it('names every code RTSIM_<AREA>_<WHAT>, in capitals, sorted', () => {
    for (const code of CODES) expect(code).toMatch(/^RTSIM_[A-Z0-9]+(?:_[A-Z0-9]+)+$/);
    expect(CODES).toEqual([...CODES].sort());
  });

  it('gives every code a one-line meaning and action that end with a full stop', () => {
    for (const code of CODES) {
      const { meaning, action } = ERROR_CODES[code];
      for (const text of [meaning, action]) {
        expect(text, code).toMatch(/^\S[^\n]*\.$/);
        expect(text.length, code).toBeLessThanOrEqual(110);
      }
    }
  });

  it('holds every code src/ names, and a code family of a comment (RTSIM_TRANSCRIPT_*) has codes', () => {
    const missing: string[] = [];
    for (const { file, text } of sources()) {
      for (const [name] of text.matchAll(/RTSIM_[A-Z0-9_]+\*?/g)) {
        const known = name.endsWith('_*') ? CODES.some((c) => c.startsWith(name.slice(0, -1))) : isErrorCode(name);
        if (!known) missing.push(`${file}: ${name}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('has no code that src/ never uses', () => {
    const used = sources()
      .map(({ text }) => codeLines(text))
      .join('\n');
    expect(CODES.filter((code) => !new RegExp(`\\b${code}\\b`).test(used))).toEqual([]);
  });

  it('holds the codes of the registries users match on', () => {
    const registries = [ClientErrorCode, PROTOCOL_ERROR_CODES, TRANSCRIPT_ERROR_CODES];
    for (const registry of registries) {
      for (const code of Object.values(registry)) expect(isErrorCode(code), code).toBe(true);
    }
    expect(Object.values(ClientErrorCode).sort()).toEqual(CODES.filter((c) => areaOf(c) === 'CLIENT'));
  });
});

describe('exitCodeOf', () => {
  it('gives exit 2 to the codes of what the user gave the CLI, and 1 to every other code', () => {
    expect(CODES.filter((code) => exitCodeOf(code) === 2)).toEqual(USAGE_CODES);
    expect(CODES.filter((code) => exitCodeOf(code) === 1)).toEqual(CODES.filter((c) => !USAGE_CODES.includes(c)));
  });

  it('gives exit 1 to the client codes of a failure, though their names start like RTSIM_CLI_', () => {
    expect(exitCodeOf('RTSIM_CLIENT_TIMEOUT')).toBe(1);
    expect(exitCodeOf('RTSIM_CLIENT_CONNECTION_LOST')).toBe(1);
  });

  it('gives exit 1 to a code outside the table', () => {
    expect(exitCodeOf('RTSIM_NOT_A_CODE')).toBe(1);
    expect(isErrorCode('RTSIM_NOT_A_CODE')).toBe(false);
    expect(isErrorCode('toString')).toBe(false);
  });
});

describe('areaOf', () => {
  it('is the word after RTSIM_', () => {
    expect(areaOf('RTSIM_CLIENT_TIMEOUT')).toBe('CLIENT');
    expect(areaOf('RTSIM_SIM_CONFIG')).toBe('SIM');
  });
});
