import { structuredPatch } from 'diff';

/** Lines longer than this are cut around their first change. */
const MAX_LINE = 160;

/** Cuts `line` to a window around column `at`, marking what was left out. */
function elide(line: string, at: number): string {
  if (line.length <= MAX_LINE) return line;
  const start = Math.max(0, at - 60);
  const end = Math.min(line.length, start + MAX_LINE);
  return `${start > 0 ? '…' : ''}${line.slice(start, end)}${end < line.length ? '…' : ''}`;
}

function firstDifference(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}

/**
 * A unified diff of a golden file and a run, 2 lines of context, long lines (one frame is
 * one line) cut to the neighbourhood of their first change.
 */
export function renderGoldenDiff(file: string, expected: string, actual: string): string {
  const patch = structuredPatch(file, 'this run', expected, actual, '', '', { context: 2 });
  const out = [`--- ${file}`, '+++ this run'];
  for (const hunk of patch.hunks) {
    out.push(`@@ -${hunk.oldStart},${hunk.oldLines} +${hunk.newStart},${hunk.newLines} @@`);
    const removed = hunk.lines.filter((l) => l.startsWith('-'));
    const added = hunk.lines.filter((l) => l.startsWith('+'));
    let r = 0;
    let a = 0;
    for (const line of hunk.lines) {
      // A changed line is cut where it differs from its counterpart on the other side.
      if (line.startsWith('-')) {
        const other = added[r++] ?? '';
        out.push(`-${elide(line.slice(1), firstDifference(line.slice(1), other.slice(1)))}`);
      } else if (line.startsWith('+')) {
        const other = removed[a++] ?? '';
        out.push(`+${elide(line.slice(1), firstDifference(line.slice(1), other.slice(1)))}`);
      } else out.push(` ${elide(line.slice(1), 0)}`);
    }
  }
  return out.join('\n');
}
