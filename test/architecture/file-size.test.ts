/**
 * Issue 13: no file of src/ is over 400 lines; one that grows past it is split along its own
 * seams (one concept per file).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
const LIMIT = 400;

function lineCounts(): Map<string, number> {
  const files = readdirSync(path.join(ROOT, 'src'), { recursive: true, encoding: 'utf8' }).filter((f) =>
    f.endsWith('.ts'),
  );
  return new Map(
    files.map((f) => {
      const text = readFileSync(path.join(ROOT, 'src', f), 'utf8');
      return [`src/${f.split(path.sep).join('/')}`, text.split('\n').length - (text.endsWith('\n') ? 1 : 0)];
    }),
  );
}

describe('file size', () => {
  it(`no file of src/ is over ${LIMIT} lines`, () => {
    const counts = lineCounts();
    expect(counts.size).toBeGreaterThan(200);
    const over = [...counts].filter(([, n]) => n > LIMIT).map(([f, n]) => `${f}: ${n}`);
    expect(over).toEqual([]);
  });
});
