import fc from 'fast-check';
import { clientSetupArbitrary } from './client-arbitrary.js';
import { faultArbitrary } from './fault-arbitrary.js';
import type { FaultSpec, FuzzCase } from './fuzz-case.js';
import { serverSetupArbitrary } from './server-arbitrary.js';
import { stepsArbitrary } from './step-arbitrary.js';

/** How big a generated case may get. */
export interface CaseLimits {
  /** Most faults in the script (default 3). */
  maxFaults?: number;
  /** Most client steps (default 6). */
  maxSteps?: number;
  /** Keeps only the faults this returns true for (default: all); see fault-arbitrary.ts. */
  faultFilter?: (fault: FaultSpec) => boolean;
}

/**
 * A whole fuzz case: client options, server behaviour, 0–3 faults and 1–6 client steps.
 * Shrinking removes faults and steps first, then simplifies what is left.
 */
export function fuzzCaseArbitrary(limits: CaseLimits = {}): fc.Arbitrary<FuzzCase> {
  const keep = (f: FaultSpec): boolean => limits.faultFilter?.(f) ?? true;
  const fault = faultArbitrary().filter(keep);
  return fc.record({
    seed: fc.integer({ min: 1, max: 999_999 }),
    client: clientSetupArbitrary(),
    server: serverSetupArbitrary(),
    faults: fc.array(fault, { minLength: 0, maxLength: limits.maxFaults ?? 3 }),
    steps: stepsArbitrary(limits.maxSteps ?? 6),
  });
}
