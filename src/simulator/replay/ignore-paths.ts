/**
 * Field paths left out when a live client frame is matched against a recorded one. A path
 * is dotted (`session.instructions`); `*` stands for any key or index, a number for one
 * index, and a name applied to a list applies to each of its elements
 * (`item.content.text` ignores the text of every content part).
 */

/** A parsed ignore path. */
export type IgnorePath = readonly string[];

/** Parses `a.b.*.c`. */
export function parseIgnorePath(text: string): IgnorePath {
  return text.split('.').filter((s) => s !== '');
}

/** True when `path` (keys and indices from the frame's root) is covered by `pattern`. */
export function isIgnored(patterns: readonly IgnorePath[], path: readonly (string | number)[]): boolean {
  return patterns.some((p) => matches(p, 0, path, 0));
}

function matches(pattern: IgnorePath, pi: number, path: readonly (string | number)[], qi: number): boolean {
  if (pi === pattern.length) return qi === path.length;
  if (qi === path.length) return false;
  const segment = pattern[pi]!;
  const component = path[qi]!;
  if (typeof component === 'number') {
    if (segment === '*' || segment === String(component)) return matches(pattern, pi + 1, path, qi + 1);
    // Lists are transparent to names.
    return matches(pattern, pi, path, qi + 1);
  }
  return (segment === '*' || segment === component) && matches(pattern, pi + 1, path, qi + 1);
}
