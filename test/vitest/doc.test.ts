/**
 * docs/vitest.md shows the user test of examples/user-test verbatim — the files that run
 * here as the user-test project and, in the pack check, against the installed package.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
const DOC = readFileSync(path.join(ROOT, 'docs/vitest.md'), 'utf8');

/** The code block that follows each `<!-- file: path -->` marker, by path. */
function embedded(): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of DOC.matchAll(/<!-- file: (\S+) -->\n```\w*\n([\s\S]*?)\n```\n/g)) out.set(m[1]!, `${m[2]!}\n`);
  return out;
}

describe('docs/vitest.md', () => {
  it('embeds every source file of examples/user-test', () => {
    const files = readdirSync(path.join(ROOT, 'examples/user-test')).filter((f) => f.endsWith('.ts'));
    expect([...embedded().keys()].sort()).toEqual(files.map((f) => `examples/user-test/${f}`).sort());
  });

  it('shows each of them exactly as the file holds it', () => {
    for (const [file, code] of embedded()) expect(code, file).toBe(readFileSync(path.join(ROOT, file), 'utf8'));
  });
});
