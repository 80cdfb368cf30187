/**
 * Secrets never reach logs, errors, reports, goldens or recordings: the API key the harness
 * gives the client must not appear in anything a run keeps, whatever the client was handed to
 * say (a server's echo, a socket factory's error, a thrown value).
 */
import type { Failure } from './report.js';

/**
 * A `secret-leak` failure for each of `places` where `secret` appears, naming the first
 * dotted path that holds it (`events.12.data.error.cause`).
 */
export function secretLeaks(secret: string, places: Readonly<Record<string, unknown>>): Failure[] {
  const failures: Failure[] = [];
  for (const [place, value] of Object.entries(places)) {
    if (!jsonMayHold(secret, value)) continue;
    const path = pathTo(secret, value, []);
    if (path === undefined) continue;
    const at = path.length > 0 ? ` at ${path.join('.')}` : '';
    failures.push({
      kind: 'secret-leak',
      message:
        `expected the API key never to reach ${place}, got it${at}: the client must redact credentials ` +
        'in every message, cause, detail and log line it produces',
    });
  }
  return failures;
}

/**
 * False only when `value` surely holds no string or key containing `secret`: its JSON text (what a
 * golden or report keeps of it) lacks the secret, and the secret has no character JSON escapes,
 * so each of its occurrences would show there unchanged. One native serialisation instead of a
 * walk of every node: the walk was 5% of a 10-minute conversation's CPU. A value JSON cannot
 * serialise (a cycle, a bigint) is walked.
 */
function jsonMayHold(secret: string, value: unknown): boolean {
  if (JSON.stringify(secret) !== `"${secret}"`) return true;
  try {
    const text = JSON.stringify(value) as string | undefined;
    return text === undefined || text.includes(secret);
  } catch {
    return true;
  }
}

/**
 * The first path to `secret` in `value`, or undefined. `path` is one stack pushed and popped on
 * the way down, copied only when the secret is found: the observation of a 10-minute run has
 * hundreds of thousands of nodes, and a fresh array per node was 1.5% of such a run.
 */
function pathTo(secret: string, value: unknown, path: string[]): string[] | undefined {
  if (typeof value === 'string') return value.includes(secret) ? [...path] : undefined;
  if (typeof value !== 'object' || value === null) return undefined;
  for (const [k, v] of Object.entries(value)) {
    path.push(k);
    const found = k.includes(secret) ? [...path] : pathTo(secret, v, path);
    path.pop();
    if (found) return found;
  }
  return undefined;
}
