/**
 * Limits on what a peer may send: the size of a frame, and the nesting depth of JSON,
 * measured without recursion. Walks over untrusted frames (the golden normaliser, the
 * simulator's checks) stop at {@link MAX_JSON_DEPTH}, so a hostile 2,000-deep frame cannot
 * overflow the stack.
 */

/**
 * Largest frame the simulator accepts, in bytes (UTF-8 for text); a bigger one closes the
 * connection with 1009 (message too big). xAI documents no limit: 15 MiB is OpenAI's
 * documented maximum for one `input_audio_buffer.append`, an assumption (docs/deviations.md).
 */
export const MAX_FRAME_BYTES = 15 * 1024 * 1024;

/**
 * Deepest nesting of arrays and objects a frame may have (the event object is level 1).
 * The service's own limit is not known: 64 is an assumption (docs/deviations.md), far
 * above any real event, tool schemas included.
 */
export const MAX_JSON_DEPTH = 64;

/**
 * Nesting depth of JSON text: brackets counted outside strings, in one linear pass. Stops
 * counting once past `limit` (returns `limit + 1`). Text that is not JSON still gets a
 * number; the parser judges it.
 */
export function jsonTextDepth(text: string, limit = Number.POSITIVE_INFINITY): number {
  let depth = 0;
  let deepest = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34 /* " */) {
      i = stringEnd(text, i);
    } else if (c === 91 /* [ */ || c === 123 /* { */) {
      depth++;
      if (depth > deepest) {
        deepest = depth;
        if (deepest > limit) return limit + 1;
      }
    } else if (c === 93 /* ] */ || c === 125 /* } */) {
      depth--;
    }
  }
  return deepest;
}

/**
 * Index of the quote that closes the string opened at `open` (the text's length when none
 * does): the next quote not escaped by an odd run of backslashes. Found with `indexOf`, not
 * a loop over every character, because an audio frame is one 6,400-character string: this
 * made the depth check of an append 8 times cheaper (bench/conversation.ts).
 */
function stringEnd(text: string, open: number): number {
  let from = open + 1;
  for (;;) {
    const quote = text.indexOf('"', from);
    if (quote < 0) return text.length;
    let slashes = 0;
    while (quote - slashes - 1 > open && text.charCodeAt(quote - slashes - 1) === 92 /* \ */) slashes++;
    if (slashes % 2 === 0) return quote;
    from = quote + 1;
  }
}

/** Up to `max` + 1 occurrences of `char` in `text`, counted natively. */
function countUpTo(text: string, char: string, max: number): number {
  let n = 0;
  for (let at = text.indexOf(char); at >= 0 && n <= max; at = text.indexOf(char, at + 1)) n++;
  return n;
}

/**
 * True when `text` nests deeper than `limit` ({@link jsonTextDepth} over it). Text with no more
 * opening brackets than `limit` in all cannot, which native searches tell without the character
 * walk: an audio frame has one, and the simulator checks every frame it receives.
 */
export function jsonTextDeeperThan(text: string, limit: number): boolean {
  const braces = countUpTo(text, '{', limit);
  if (braces + countUpTo(text, '[', limit - braces) <= limit) return false;
  return jsonTextDepth(text, limit) > limit;
}
