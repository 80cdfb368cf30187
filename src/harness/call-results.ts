/**
 * What `generateReply` and `say` must resolve with (§5.8): the generation their
 * `response.created` started, user-initiated. A client that resolves with nothing, or with
 * another value, leaves an agent without the streams it awaits; the run fails saying so.
 */
import { RtSimError } from '../protocol/index.js';

/** `result` when it is a user-initiated generation; otherwise throws `RTSIM_HARNESS_BAD_CALL_RESULT`. */
export function expectGeneration(call: 'generateReply' | 'say', result: unknown): unknown {
  const g = result as { responseId?: unknown; userInitiated?: unknown } | null | undefined;
  if (typeof g === 'object' && g !== null && typeof g.responseId === 'string' && g.userInitiated === true)
    return result;
  const got =
    typeof g === 'object' && g !== null
      ? `an object with responseId ${JSON.stringify(g.responseId ?? null)} and userInitiated ${String(g.userInitiated)}`
      : String(result);
  throw new RtSimError(
    'RTSIM_HARNESS_BAD_CALL_RESULT',
    `${call}: expected it to resolve with the user-initiated generation its response.created started, got ${got}`,
  );
}
