/** Opaque handle returned by {@link Clock.setTimeout}. */
export interface TimerHandle {
  readonly id: number;
}

/**
 * The only source of time in rt-sim. Every module outside `src/clock` takes a `Clock`
 * instead of calling `Date.now`, `setTimeout` or `performance.now`, so the same code runs
 * on real time and on the virtual clock.
 */
export interface Clock {
  /** Milliseconds since this clock's epoch (0 for a fresh virtual clock). */
  now(): number;
  /**
   * Calls `fn` once after `ms` milliseconds (negative or NaN counts as 0). `label` names the
   * timer (`'generate_reply timeout'`) in reports of timers left behind (virtual clock).
   */
  setTimeout(fn: () => void, ms: number, label?: string): TimerHandle;
  /** Cancels a timer; unknown or already-fired handles are ignored. */
  clearTimeout(handle: TimerHandle | undefined): void;
  /** Resolves after `ms`; rejects with the signal's reason if aborted first. `label` as for `setTimeout`. */
  sleep(ms: number, signal?: AbortSignal, label?: string): Promise<void>;
}
