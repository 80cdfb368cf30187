import { RtSimError } from '../errors/index.js';

/** Normalises a timer delay: negative or NaN counts as 0; an infinite delay is refused. */
export function delayOf(ms: number): number {
  if (ms === Infinity) {
    throw new RtSimError('RTSIM_CLOCK_BAD_DELAY', 'expected a finite timer delay in ms, got Infinity');
  }
  return Math.max(ms, 0);
}
