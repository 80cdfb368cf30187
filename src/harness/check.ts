import { closest } from '../errors/index.js';
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
  if (typeof value === 'string')
    return `the string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  if (typeof value === 'object') return 'a mapping';
  return `${typeof value} ${String(value)}`;
}

/** Reports keys of `value` that are not in `allowed`, with a did-you-mean hint. */
export function checkKeys(
  list: IssueList,
  path: DocPath,
  value: Record<string, unknown>,
  allowed: readonly string[],
): void {
  for (const key of Object.keys(value)) {
    if (allowed.includes(key)) continue;
    const guess = closest(key, allowed);
    list.add(
      [...path, key],
      `unknown key "${key}"`,
      guess ? `did you mean "${guess}"?` : `allowed keys: ${allowed.join(', ')}`,
    );
  }
}
