/** Where two golden texts first part, with a few lines of context on each side. */
export interface GoldenDiff {
  /** 1-based line of the first difference in the expected (golden) text. */
  line: number;
  /** The record the line belongs to, e.g. `frames[12]`, when it is inside a list. */
  record?: string;
  text: string;
}

const CONTEXT = 3;
const MAX_SHOWN = 12;

/**
 * A short, readable diff: the common head and tail are cut, the differing middle is shown
 * as `-` (golden) and `+` (this run) lines with context, capped so a flood stays readable.
 */
export function diffGolden(expected: string, actual: string): GoldenDiff | undefined {
  if (expected === actual) return undefined;
  const a = expected.split('\n');
  const b = actual.split('\n');
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const removed = a.slice(head, a.length - tail);
  const added = b.slice(head, b.length - tail);
  const out: string[] = [];
  for (let i = Math.max(0, head - CONTEXT); i < head; i++) out.push(`  ${a[i]}`);
  removed.slice(0, MAX_SHOWN).forEach((l) => out.push(`- ${l}`));
  if (removed.length > MAX_SHOWN) out.push(`- … ${removed.length - MAX_SHOWN} more golden lines`);
  added.slice(0, MAX_SHOWN).forEach((l) => out.push(`+ ${l}`));
  if (added.length > MAX_SHOWN) out.push(`+ … ${added.length - MAX_SHOWN} more lines from this run`);
  for (let i = a.length - tail; i < Math.min(a.length, a.length - tail + CONTEXT); i++) out.push(`  ${a[i]}`);
  const record = recordAt(a, head);
  const result: GoldenDiff = { line: head + 1, text: out.join('\n') };
  if (record !== undefined) result.record = record;
  return result;
}

/** Names the list record on `line` (`frames[3]`) by walking up to the list's key. */
function recordAt(lines: string[], line: number): string | undefined {
  if (!/^ {4}\S/.test(lines[line] ?? '')) return undefined;
  for (let i = line - 1; i >= 0; i--) {
    const m = /^ {2}"([A-Za-z]+)": \[$/.exec(lines[i] ?? '');
    if (m) return `${m[1]}[${line - 1 - i}]`;
    if (!/^ {4}\S/.test(lines[i] ?? '')) return undefined;
  }
  return undefined;
}
