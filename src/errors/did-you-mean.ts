import { distance } from 'fastest-levenshtein';

/** Words longer than this get no suggestion: the distance costs length × length per candidate. */
const MAX_WORD = 100;

/**
 * The candidate `word` was most likely meant to be, for "did you mean" hints in error
 * messages: equal ignoring case, one a prefix of the other (3 letters at least), or within
 * an edit distance of 2 (a quarter of the word's length for long words). Undefined when none
 * is that close.
 */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  if (word.length > MAX_WORD) return undefined;
  const w = word.toLowerCase();
  let best: string | undefined;
  let bestScore = Infinity;
  for (const candidate of candidates) {
    const c = candidate.toLowerCase();
    const prefix = Math.min(w.length, c.length) >= 3 && (c.startsWith(w) || w.startsWith(c));
    const score = c === w ? 0 : prefix ? 1 : distance(w, c);
    if (score < bestScore) {
      best = candidate;
      bestScore = score;
    }
  }
  return bestScore <= Math.max(2, Math.floor(word.length / 4)) ? best : undefined;
}

/** `did you mean "…"?` for the {@link closest} candidate, or undefined. */
export function didYouMean(word: string, candidates: readonly string[]): string | undefined {
  const c = closest(word, candidates);
  return c === undefined ? undefined : `did you mean "${c}"?`;
}
