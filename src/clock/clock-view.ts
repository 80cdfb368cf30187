import type { Clock, TimerHandle } from './clock.js';
import { sleepOn } from './sleep.js';
import type { TimerTag } from './timer-queue.js';

/** What a {@link ClockView} needs from the clock it shares. */
export interface ViewHost {
  now(): number;
  addTimer(fn: () => void, ms: number, tag: TimerTag): TimerHandle;
  clearTimeout(handle: TimerHandle | undefined): void;
}

/**
 * The same clock under another name: timers set through it carry its `owner`, so after a
 * run the harness can tell the client's leftover timers from the simulator's. An unlabelled
 * timer keeps its call site instead (an `Error`, whose stack V8 formats only when read).
 */
export class ClockView implements Clock {
  constructor(
    private readonly host: ViewHost,
    readonly owner: string,
  ) {}

  now(): number {
    return this.host.now();
  }

  setTimeout(fn: () => void, ms: number, label?: string): TimerHandle {
    const tag: TimerTag =
      label === undefined ? { owner: this.owner, origin: new Error('timer set here') } : { owner: this.owner, label };
    return this.host.addTimer(fn, ms, tag);
  }

  clearTimeout(handle: TimerHandle | undefined): void {
    this.host.clearTimeout(handle);
  }

  sleep(ms: number, signal?: AbortSignal, label?: string): Promise<void> {
    return sleepOn(this, ms, signal, label);
  }
}

/** Frames of the clock itself, skipped when a call site is named. */
const CLOCK_FRAME = /[\\/]clock[\\/](clock-view|virtual-clock|sleep)\.[jt]s/;

/** The first stack frame of `origin` outside the clock, as `fn (file:line:col)`, or undefined. */
export function callSite(origin: Error): string | undefined {
  const lines = (origin.stack ?? '').split('\n').slice(1);
  const frame = lines.find((l) => !CLOCK_FRAME.test(l) && !l.includes('node:internal'));
  return frame
    ?.trim()
    .replace(/^at /, '')
    .replace(/file:\/\/\S*?[\\/](src|dist)[\\/]/, '$1/');
}
