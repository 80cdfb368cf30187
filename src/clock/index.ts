/**
 * Public API of `src/clock`: the only source of time and chance in rt-sim. Other folders
 * import only from here.
 */
export type { Clock, TimerHandle } from './clock.js';
export { RealClock } from './real-clock.js';
export { VirtualClock, type PendingTimer, type RunOptions } from './virtual-clock.js';
export { createRandom, type Random } from './random.js';
