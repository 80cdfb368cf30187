/**
 * How the simulator cuts text into deltas: at word starts, each piece keeping the spaces that
 * follow its words, so the pieces joined give the text back exactly.
 */

/** Splits text into pieces of `words` words whose concatenation is the text. */
export function splitWords(text: string, words: number): string[] {
  const single = text.split(/(?<=\s)(?=\S)/).filter((p) => p !== '');
  const out: string[] = [];
  for (let i = 0; i < single.length; i += Math.max(1, words))
    out.push(single.slice(i, i + Math.max(1, words)).join(''));
  return out;
}
