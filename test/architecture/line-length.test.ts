import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
/** The folders Biome formats; their code files are held to the same width. */
const FOLDERS = ['src', 'test', 'bench', 'scripts'];
const CODE = /\.(ts|mts|cts|js|mjs|cjs)$/;
const MAX = 120;

function codeFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return codeFiles(full);
    return CODE.test(name) ? [full] : [];
  });
}

/** How JSON opens (`{"`, `{}`, `[{`, `["`, `[[`, `[]`, `[1`, `[-1`), and a `[tag] message` does not. */
const JSON_START = /^(\{"|\{\}|\[[[{"\d\]-])/;
/** One string literal alone on its line, with the punctuation that may follow it. */
const LONE_LITERAL = /^\s*('(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"|`(?:[^`\\]|\\.)*`)[\s,;+)\]]*$/;

/**
 * Whether a long line is data, the one exception to the width: a string literal alone on its
 * line that holds a recorded frame or JSON line, base64, or bytes written as `\xNN` escapes.
 * Splitting those would hide what a reader compares them with; a sentence (message, test name,
 * comment) is never data and can always be wrapped.
 */
function isData(line: string): boolean {
  const literal = LONE_LITERAL.exec(line)?.[1];
  if (literal === undefined) return false;
  const body = literal.slice(1, -1);
  return (
    JSON_START.test(body) || /^[A-Za-z0-9+/=]+$/.test(body) || (body.match(/\\x[0-9a-fA-F]{2}/g)?.length ?? 0) >= 16
  );
}

describe('line length', () => {
  it(`no line of code in ${FOLDERS.join(', ')} is over ${MAX} characters, except data`, () => {
    const over = FOLDERS.flatMap((folder) => codeFiles(path.join(ROOT, folder))).flatMap((file) =>
      readFileSync(file, 'utf8')
        .split('\n')
        .flatMap((line, i) =>
          line.length > MAX && !isData(line)
            ? [`${path.relative(ROOT, file).split(path.sep).join('/')}:${i + 1} (${line.length} characters)`]
            : [],
        ),
    );
    const hint =
      `lines over ${MAX} characters: wrap the comment, split the string with +, shorten the test name ` +
      '(`npx biome check --write .` formats what Biome can; CONTRIBUTING.md, "Lint and format")';
    expect(over, hint).toEqual([]);
  });

  it('data may run long: a lone JSON frame, base64, escaped bytes', () => {
    expect(isData(`      '{"type":"session.update","session":{"voice":"ara"}}',`)).toBe(true);
    expect(isData('  `[{"t":0,"conn":1}]` +')).toBe(true);
    expect(isData(`    'UklGRiQAAABXQVZFZm10IBAAAAABAAEAwF0AAIC7AAACABAAZGF0YQAAAAA=',`)).toBe(true);
    expect(isData(`    '${'\\x00'.repeat(16)}RIFF',`)).toBe(true);
  });

  it('a sentence is not data, in a string, a test name or a comment', () => {
    expect(isData(`      'expected "dir" to be "c2s" or "s2c", got "up"',`)).toBe(false);
    expect(isData(`  it('answers a cancel with no active response', async () => {`)).toBe(false);
    expect(isData('  // {"type": "a frame quoted in a comment"}')).toBe(false);
    expect(isData('      `[hostile-frames] a log line that starts with a bracket`,')).toBe(false);
    expect(isData(`  const frame = '{"type":"x"}';`)).toBe(false);
    expect(isData(`    '{"a":1}' + describe(x),`)).toBe(false);
  });
});
