/**
 * The timers of one connection: a timer fires only while the connection is open, and all are
 * cleared at once when it stops, so nothing of a closed session runs later.
 */
import type { Clock, TimerHandle } from '../clock/index.js';

/** The pending timers of one session. */
export class SessionTimers {
  private readonly timers = new Set<TimerHandle>();

  constructor(
    private readonly clock: Clock,
    private readonly isOpen: () => boolean,
  ) {}

  /** Runs `fn` after `ms`, unless the connection is no longer open by then. */
  after(ms: number, fn: () => void): TimerHandle {
    const timer = this.clock.setTimeout(() => {
      this.timers.delete(timer);
      if (this.isOpen()) fn();
    }, ms);
    this.timers.add(timer);
    return timer;
  }

  /** Cancels one timer. */
  clear(timer: TimerHandle): void {
    this.clock.clearTimeout(timer);
    this.timers.delete(timer);
  }

  /** Cancels every pending timer. */
  clearAll(): void {
    for (const t of this.timers) this.clock.clearTimeout(t);
    this.timers.clear();
  }
}
