/**
 * The invariants every fuzz run must keep, whatever the generated faults. Each is a named
 * function citing the rule it comes from: docs/protocol.md (R…, §…) or the §8 fixes
 * of docs/deviations.md. They read the harness outcome and the raw frames at the
 * simulator's edge, never a golden file.
 *
 * Times: the harness's in-memory link has no latency of its own, so the time a frame
 * crosses the simulator's edge is the time the client sent it (client frames) or received
 * it (server frames, after the simulator's own latency and faults).
 *
 * The invariants live by what they watch: invariants-wire.ts, invariants-connection.ts,
 * invariants-chat.ts, invariants-responses.ts, and value-invariants.ts for values.
 */
import {
  chatCtxApiAgrees,
  chatCtxConsistent,
  itemReferencesKnown,
  mirrorOrderMatchesServer,
} from './invariants-chat.js';
import { callFailuresExplained, reconnectsAfterDrop, retryBudgetKept } from './invariants-connection.js';
import {
  failedResponsesRaiseError,
  functionCallsFinished,
  generationsEnd,
  metricsConsistent,
} from './invariants-responses.js';
import {
  appendSizes,
  cancelOnlyWhileResponding,
  clientEventIdsUnique,
  clientFramesMatchCatalogue,
  rawEventsSurfaced,
  runEnds,
  secretsRedacted,
  sessionUpdateLeads,
} from './invariants-wire.js';
import type { FuzzRun } from './fuzz-run.js';
import { metricsMatchWire, transcriptsMatchDeltas, userInitiatedMatches } from './value-invariants.js';
import { commitsAtThreshold, inputAudioAsSent, outputAudioAsAsked, truncateAsAsked } from './value-invariants-audio.js';
import type { Invariant, Violation } from './violation.js';

export {
  runEnds,
  clientFramesMatchCatalogue,
  clientEventIdsUnique,
  sessionUpdateLeads,
  cancelOnlyWhileResponding,
  appendSizes,
  rawEventsSurfaced,
  secretsRedacted,
} from './invariants-wire.js';
export { callFailuresExplained, retryBudgetKept, reconnectsAfterDrop } from './invariants-connection.js';
export {
  chatCtxApiAgrees,
  chatCtxConsistent,
  mirrorOrderMatchesServer,
  itemReferencesKnown,
} from './invariants-chat.js';
export {
  generationsEnd,
  metricsConsistent,
  failedResponsesRaiseError,
  functionCallsFinished,
} from './invariants-responses.js';

/** Every invariant `rt-sim fuzz` checks, in the order they are checked. */
export const INVARIANTS: readonly Invariant[] = [
  { name: 'runEnds', rule: '§8.8', check: runEnds },
  { name: 'clientFramesMatchCatalogue', rule: '§2', check: clientFramesMatchCatalogue },
  { name: 'clientEventIdsUnique', rule: '§2, R2.7', check: clientEventIdsUnique },
  { name: 'sessionUpdateLeads', rule: 'R2.1, §5.3', check: sessionUpdateLeads },
  { name: 'rawEventsSurfaced', rule: '§5.19', check: rawEventsSurfaced },
  { name: 'secretsRedacted', rule: 'Credentials (deviations.md)', check: secretsRedacted },
  { name: 'generationsEnd', rule: '§8.8', check: generationsEnd },
  { name: 'callFailuresExplained', rule: '§5.8, §5.11, §8.8', check: callFailuresExplained },
  { name: 'retryBudgetKept', rule: 'R2.3, R2.4, R2.8', check: retryBudgetKept },
  { name: 'reconnectsAfterDrop', rule: 'R2.3, R2.5, §5.3', check: reconnectsAfterDrop },
  { name: 'chatCtxConsistent', rule: '§6.2, §8.1, §8.2', check: chatCtxConsistent },
  { name: 'mirrorOrderMatchesServer', rule: '§6.2, §8.3, §5.3', check: mirrorOrderMatchesServer },
  { name: 'itemReferencesKnown', rule: '§6.2, §5.3, §5.10', check: itemReferencesKnown },
  { name: 'chatCtxApiAgrees', rule: '§5.15', check: chatCtxApiAgrees },
  { name: 'cancelOnlyWhileResponding', rule: '§5.9, §8.13', check: cancelOnlyWhileResponding },
  { name: 'appendSizes', rule: 'R6.2, §8.9', check: appendSizes },
  { name: 'metricsConsistent', rule: '§5.17', check: metricsConsistent },
  { name: 'failedResponsesRaiseError', rule: '§5.16, §8.8', check: failedResponsesRaiseError },
  { name: 'functionCallsFinished', rule: '§4.4, §5.16', check: functionCallsFinished },
  { name: 'metricsMatchWire', rule: '§5.17', check: metricsMatchWire },
  { name: 'transcriptsMatchDeltas', rule: '§4.3, §8.1', check: transcriptsMatchDeltas },
  { name: 'userInitiatedMatches', rule: '§5.8', check: userInitiatedMatches },
  { name: 'truncateAsAsked', rule: '§5.10', check: truncateAsAsked },
  { name: 'commitsAtThreshold', rule: 'R6.4, §8.10', check: commitsAtThreshold },
  { name: 'outputAudioAsAsked', rule: '§1.5, §5.16', check: outputAudioAsAsked },
  { name: 'inputAudioAsSent', rule: '§1.5, R6.1–R6.3', check: inputAudioAsSent },
];

/** Every violation of `invariants` by one run (empty when all hold). */
export function checkInvariants(run: FuzzRun, invariants: readonly Invariant[] = INVARIANTS): Violation[] {
  return invariants.flatMap((inv) => {
    const v = inv.check(run);
    return v ? [v] : [];
  });
}
