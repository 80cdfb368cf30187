import { structuredPatch } from 'diff';
import { firstDifference } from './json-path.js';

/** Where two golden texts part, and a readable diff of them, section by section. */
export interface GoldenDiff {
  /** 1-based line of the first difference in the expected (golden) text. */
  line: number;
  /** The record the line belongs to, e.g. `frames[12]`, when it is inside a list. */
  record?: string;
  /** JSON path of the first changed value, e.g. `frames[12].body.response.status`. */
  path?: string;
  /** The golden sections that differ, in file order, by their readable names (`wire frames`, `events`…). */
  sections: string[];
  /** The diff: per section a header, then `-` golden and `+` this-run lines with context. */
  text: string;
}

/** Lines of unchanged context around each change. */
const CONTEXT = 3;
/** Changed lines shown per section before the rest is counted, not printed. */
const MAX_LINES_PER_SECTION = 40;
/** The widest line printed; a longer line is cut around its change. */
const MAX_WIDTH = 160;
/** Characters kept on each side of a change inside a long line. */
const AROUND = 50;

/** The readable names of the observation's top-level keys (src/harness/observation.ts). */
const SECTION_NAMES: Readonly<Record<string, string>> = {
  scenario: 'header',
  seed: 'header',
  simulatedMs: 'header',
  connections: 'connections',
  frames: 'wire frames',
  events: 'events',
  audio: 'audio timing',
  chatCtx: 'chat context',
  tools: 'tools',
  metrics: 'metrics',
  log: "the client's log",
};

/**
 * A diff of a golden file and this run's text, by the `diff` library: hunks with a few lines
 * of context, grouped under the golden section they fall in, long lines cut around the
 * change, and the JSON path of the first changed value. `undefined` when the texts are equal.
 */
export function diffGolden(expected: string, actual: string): GoldenDiff | undefined {
  if (expected === actual) return undefined;
  const patch = structuredPatch('golden', 'run', expected, actual, '', '', { context: CONTEXT });
  const oldLines = expected.split('\n');
  const oldSections = sectionMap(oldLines);
  const newSections = sectionMap(actual.split('\n'));
  const out: string[] = [];
  const sections: string[] = [];
  let firstChange: number | undefined;
  let current: string | undefined;
  let shownInSection = 0;
  let hiddenInSection = 0;
  const flushHidden = (): void => {
    if (hiddenInSection > 0)
      out.push(`  … ${hiddenInSection} more changed line${hiddenInSection === 1 ? '' : 's'} in this section`);
    hiddenInSection = 0;
  };
  for (const hunk of patch.hunks) {
    let oldAt = hunk.oldStart; // 1-based
    const lines = hunk.lines.filter((l) => !l.startsWith('\\'));
    const lineSections = sectionsOf(lines, hunk.oldStart, hunk.newStart, oldSections, newSections);
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i]!;
      const sign = line[0];
      const body = line.slice(1);
      const section = lineSections[i];
      if (sign === ' ' && section !== lineSections[nearestChange(lines, i)]) {
        // Context from a neighbouring section would announce a section that did not change.
        oldAt++;
        continue;
      }
      if (section !== undefined && section !== current) {
        flushHidden();
        current = section;
        shownInSection = 0;
        if (!sections.includes(section)) sections.push(section);
        out.push(`── ${section} ──`);
      } else if (i === 0 && out.length > 0) {
        out.push('  ⋮');
      }
      if (sign !== ' ' && firstChange === undefined) firstChange = oldAt;
      if (sign !== ' ' && shownInSection >= MAX_LINES_PER_SECTION) hiddenInSection++;
      else {
        if (sign !== ' ') shownInSection++;
        out.push(`${sign === ' ' ? ' ' : sign} ${elide(body, partner(lines, i))}`);
      }
      if (sign !== '+') oldAt++;
    }
  }
  flushHidden();
  const line = firstChange ?? 1;
  const result: GoldenDiff = { line, sections, text: out.join('\n') };
  const record = recordAt(oldLines, line - 1);
  if (record !== undefined) result.record = record;
  const where = jsonPath(expected, actual);
  if (where !== undefined) result.path = where;
  return result;
}

/**
 * The golden diff as one readable text: where the run first differs, then the diff. What a
 * report or a test matcher prints; empty when the texts are equal.
 */
export function goldenDiff(expected: string, actual: string): string {
  const diff = diffGolden(expected, actual);
  if (!diff) return '';
  return `first difference at ${describeFirst(diff)}; - golden, + this run:\n${diff.text}`;
}

/** `frames[12].body.type (line 40)`: the JSON path when known, else the record, and the line. */
export function describeFirst(diff: GoldenDiff): string {
  const at = diff.path ?? diff.record;
  return at === undefined ? `line ${diff.line}` : `${at} (line ${diff.line})`;
}

/** The readable section of every line (index = 0-based line), by the top-level key it is under. */
function sectionMap(lines: readonly string[]): (string | undefined)[] {
  const out: (string | undefined)[] = [];
  let current: string | undefined;
  for (const line of lines) {
    const m = /^ {2}"([A-Za-z]+)":/.exec(line);
    if (m) current = SECTION_NAMES[m[1]!] ?? m[1];
    else if (line === '{' || line === '}') current = undefined;
    out.push(current);
  }
  return out;
}

/** The section of every line of a hunk, from the golden's lines (`-`, context) or the run's (`+`). */
function sectionsOf(
  lines: readonly string[],
  oldStart: number,
  newStart: number,
  oldSections: readonly (string | undefined)[],
  newSections: readonly (string | undefined)[],
): (string | undefined)[] {
  let oldAt = oldStart;
  let newAt = newStart;
  return lines.map((line) => {
    const section = line[0] === '+' ? newSections[newAt - 1] : oldSections[oldAt - 1];
    if (line[0] !== '+') oldAt++;
    if (line[0] !== '-') newAt++;
    return section;
  });
}

/** The index of the changed line closest to line `i` of a hunk (every hunk has one). */
function nearestChange(lines: readonly string[], i: number): number {
  for (let d = 0; d < lines.length; d++) {
    if (lines[i - d] !== undefined && lines[i - d]![0] !== ' ') return i - d;
    if (lines[i + d] !== undefined && lines[i + d]![0] !== ' ') return i + d;
  }
  return i;
}

/** The other side of a changed line: the `+` line paired with a `-` line, or the reverse. */
function partner(lines: readonly string[], i: number): string | undefined {
  const sign = lines[i]![0];
  if (sign === ' ') return undefined;
  // A change block is a run of `-` lines then a run of `+` lines; pair them by position.
  let start = i;
  while (start > 0 && lines[start - 1]![0] !== ' ') start--;
  let end = i;
  while (end + 1 < lines.length && lines[end + 1]![0] !== ' ') end++;
  const block = lines.slice(start, end + 1);
  const removed = block.filter((l) => l[0] === '-');
  const added = block.filter((l) => l[0] === '+');
  const mine = sign === '-' ? removed : added;
  const theirs = sign === '-' ? added : removed;
  const index = mine.length - block.slice(i - start).filter((l) => l[0] === sign).length;
  return theirs[index]?.slice(1);
}

/** Cuts a long line to the part around where it differs from `other` (or its head). */
function elide(line: string, other: string | undefined): string {
  if (line.length <= MAX_WIDTH) return line;
  let from = 0;
  let to = Math.min(line.length, MAX_WIDTH - AROUND);
  if (other !== undefined) {
    let prefix = 0;
    while (prefix < line.length && prefix < other.length && line[prefix] === other[prefix]) prefix++;
    let suffix = 0;
    while (
      suffix < line.length - prefix &&
      suffix < other.length - prefix &&
      line[line.length - 1 - suffix] === other[other.length - 1 - suffix]
    )
      suffix++;
    from = Math.max(0, prefix - AROUND);
    to = Math.min(line.length, Math.max(line.length - suffix, prefix) + AROUND, from + MAX_WIDTH);
  }
  const head = from > 0 ? `…(${from} chars)…` : '';
  const tail = to < line.length ? `…(${line.length - to} chars)` : '';
  return `${head}${line.slice(from, to)}${tail}`;
}

/** The JSON path of the first changed value when both texts are JSON. */
function jsonPath(expected: string, actual: string): string | undefined {
  let a: unknown;
  let b: unknown;
  try {
    a = JSON.parse(expected);
    b = JSON.parse(actual);
  } catch {
    return undefined;
  }
  return firstDifference(a, b);
}

/** Names the list record on `line` (`frames[3]`) by walking up to the list's key. */
function recordAt(lines: readonly string[], line: number): string | undefined {
  if (!/^ {4}\S/.test(lines[line] ?? '')) return undefined;
  for (let i = line - 1; i >= 0; i--) {
    const m = /^ {2}"([A-Za-z]+)": \[$/.exec(lines[i] ?? '');
    if (m) return `${m[1]}[${line - 1 - i}]`;
    if (!/^ {4}\S/.test(lines[i] ?? '')) return undefined;
  }
  return undefined;
}
