/**
 * A guard for the regular expressions scenario authors write in `match: { x: { regex } }`.
 * JavaScript's engine backtracks, so a quantified group that itself repeats — `(a+)+`,
 * `(a*)*`, `(a|aa)*` — can take exponential time on a string that almost matches (17 s for
 * `^(a+)+$` on 30 characters). We reject those shapes up front, with a clear message,
 * rather than ship a second, linear-time regex engine: a matcher never needs them.
 */

/**
 * Why `pattern` may backtrack catastrophically (a quantified group that holds a quantifier,
 * an alternation, or a back-reference), or undefined when it has no such group.
 */
export function catastrophicRegexReason(pattern: string): string | undefined {
  // One frame per open group: does its body repeat or branch?
  const groups: { repeats: boolean; branches: boolean; start: number }[] = [];
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '\\') {
      // A back-reference inside a repeated group can also blow up; treat it as a repeat.
      if (/[1-9k]/.test(pattern[i + 1] ?? '') && groups.length > 0) groups[groups.length - 1]!.repeats = true;
      i++;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      continue;
    }
    if (c === '[') inClass = true;
    else if (c === '(') groups.push({ repeats: false, branches: false, start: i });
    else if (c === '|' && groups.length > 0) groups[groups.length - 1]!.branches = true;
    else if (isQuantifier(pattern, i) && groups.length > 0) groups[groups.length - 1]!.repeats = true;
    else if (c === ')') {
      const group = groups.pop();
      if (!group) continue;
      const quantified = isQuantifier(pattern, i + 1) && !isOptionalOnly(pattern, i + 1);
      if (quantified && (group.repeats || group.branches)) {
        const text = pattern.slice(group.start, i + 2);
        return (
          `the group ${text} repeats something that already ` +
          `${group.repeats ? 'repeats' : 'has alternatives'}, which can take exponential time`
        );
      }
      // What repeats inside a group also repeats inside the group around it.
      if (groups.length > 0 && (group.repeats || quantified)) groups[groups.length - 1]!.repeats = true;
    }
  }
  return undefined;
}

/** `*`, `+`, `?` (not a group's `(?`), or `{n,}` / `{n,m}` at `i`. */
function isQuantifier(pattern: string, i: number): boolean {
  const c = pattern[i];
  if (c === '*' || c === '+') return true;
  if (c === '?') return pattern[i - 1] !== '(';
  return c === '{' && /^\{\d+(,\d*)?\}/.test(pattern.slice(i));
}

/** `?` or `{0,1}` / `{n}`: at most one copy, so no exponential blow-up. */
function isOptionalOnly(pattern: string, i: number): boolean {
  if (pattern[i] === '?') return true;
  const m = /^\{(\d+)(,(\d*))?\}/.exec(pattern.slice(i));
  if (!m) return false;
  if (m[2] === undefined) return true;
  return m[3] !== '' && Number(m[3]) <= 1;
}
