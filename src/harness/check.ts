import type { DocPath, PathIssue } from './issue.js';

/** Collects {@link PathIssue}s while a value is walked; the small validators below feed it. */
export class IssueList {
  readonly issues: PathIssue[] = [];

  add(path: DocPath, message: string, hint?: string): void {
    this.issues.push(hint === undefined ? { path, message } : { path, message, hint });
  }

  addAll(prefix: DocPath, issues: readonly PathIssue[]): void {
    for (const i of issues) this.issues.push({ ...i, path: [...prefix, ...i.path] });
  }
}

/** What a JSON-ish value is, for "expected X, got Y" messages. */
export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string') return `the string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  if (typeof value === 'object') return 'a mapping';
  return `${typeof value} ${String(value)}`;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The closest of `options` to `word` (edit distance ≤ 2), for "did you mean" hints. */
export function closest(word: string, options: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = 3;
  for (const option of options) {
    const d = editDistance(word.toLowerCase(), option.toLowerCase());
    if (d < bestDistance) {
      best = option;
      bestDistance = d;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = row[j]!;
      row[j] = Math.min(up + 1, row[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return row[b.length]!;
}

/** Reports keys of `value` that are not in `allowed`, with a did-you-mean hint. */
export function checkKeys(list: IssueList, path: DocPath, value: Record<string, unknown>, allowed: readonly string[]): void {
  for (const key of Object.keys(value)) {
    if (allowed.includes(key)) continue;
    const guess = closest(key, allowed);
    list.add([...path, key], `unknown key "${key}"`, guess ? `did you mean "${guess}"?` : `allowed keys: ${allowed.join(', ')}`);
  }
}
