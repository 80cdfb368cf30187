import type { Observation, RunOutcome } from '../harness/index.js';
import { RtSimError } from '../protocol/index.js';

/**
 * What rt-sim's matchers accept: an observation, a scenario run (`runScenario`, the
 * fixture's `rtsim.run`) or a fake server (its observation so far).
 */
export type Observed = Observation | Pick<RunOutcome, 'observation'> | { observation(): Observation };

/** The observation behind a matcher's subject. */
export function observationOf(received: unknown): Observation {
  if (received && typeof received === 'object' && 'observation' in received) {
    const o = (received as { observation: unknown }).observation;
    const value = typeof o === 'function' ? (o as () => unknown).call(received) : o;
    if (isObservation(value)) return value;
  }
  if (isObservation(received)) return received;
  throw new RtSimError(
    'RTSIM_VITEST_NOT_OBSERVED',
    'rt-sim matchers take a fake server (rtsim.server()), a run (rtsim.run(), runScenario()) or its observation',
  );
}

function isObservation(value: unknown): value is Observation {
  return (
    !!value &&
    typeof value === 'object' &&
    Array.isArray((value as Observation).frames) &&
    Array.isArray((value as Observation).connections)
  );
}
