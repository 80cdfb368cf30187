import type { Clock, TimerHandle } from './clock.js';
import { delayOf } from './delay.js';
import { sleepOn } from './sleep.js';

/** Node clamps longer delays to 1 ms (with a warning); longer waits are chained instead. */
const MAX_NODE_DELAY = 2_147_483_647;

/**
 * Wall-clock time: `now()` is milliseconds since the Unix epoch with sub-millisecond
 * resolution (`performance.timeOrigin + performance.now()`), timers are Node timers.
 *
 * Timers are deliberately left referenced (no `unref`): a test that forgets one keeps the
 * process alive and is reported, instead of passing by accident. `clearTimeout` really
 * clears the Node timer.
 */
export class RealClock implements Clock {
  readonly #timers = new Map<number, ReturnType<typeof setTimeout>>();
  #nextId = 1;

  now(): number {
    return performance.timeOrigin + performance.now();
  }

  /** `label` is accepted for the `Clock` contract; real timers are not listed by label. */
  setTimeout(fn: () => void, ms: number, _label?: string): TimerHandle {
    const id = this.#nextId++;
    const due = this.now() + delayOf(ms);
    const arm = (wait: number): void => {
      this.#timers.set(
        id,
        setTimeout(
          () => {
            const left = due - this.now();
            if (left >= MAX_NODE_DELAY) return arm(left);
            this.#timers.delete(id);
            fn();
          },
          Math.min(wait, MAX_NODE_DELAY),
        ),
      );
    };
    arm(delayOf(ms));
    return { id };
  }

  clearTimeout(handle: TimerHandle | undefined): void {
    if (handle === undefined) return;
    const timer = this.#timers.get(handle.id);
    if (timer === undefined) return;
    clearTimeout(timer);
    this.#timers.delete(handle.id);
  }

  sleep(ms: number, signal?: AbortSignal, label?: string): Promise<void> {
    return sleepOn(this, ms, signal, label);
  }

  /** Number of timers set on this clock that have neither fired nor been cleared. */
  pendingTimers(): number {
    return this.#timers.size;
  }
}
