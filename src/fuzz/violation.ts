import type { Expectation } from '../harness/index.js';
import type { FuzzRun } from './fuzz-run.js';

/** How an invariant was broken by one run. */
export interface Violation {
  /** The invariant's name (its function's name). */
  invariant: string;
  /** The protocol rule or §8 fix it comes from. */
  rule: string;
  /** What happened, with the figures. */
  message: string;
  /** Index in the observation's `frames` where it broke, when known. */
  frameIndex?: number;
  /** Index in the observation's `events` where it broke, when known. */
  eventIndex?: number;
  /** Virtual time where it broke, when known. */
  t?: number;
  /**
   * Checks that fail on this run and hold on a correct one: written into the failure's
   * scenario file, so `rt-sim run` on it fails too.
   */
  expect?: Expectation[];
}

/** A property every run must have, whatever the generated faults. */
export interface Invariant {
  name: string;
  /** Where it comes from: protocol.md rule numbers or deviations.md §8 rows. */
  rule: string;
  /** Returns how the run breaks it, or undefined when it holds. */
  check: (run: FuzzRun) => Violation | undefined;
}
