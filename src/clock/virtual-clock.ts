import { RtSimError } from '../errors/index.js';
import type { Clock, TimerHandle } from './clock.js';
import { callSite, ClockView } from './clock-view.js';
import { delayOf } from './delay.js';
import { settleEventLoop } from './settle.js';
import { sleepOn } from './sleep.js';
import { TimerQueue } from './timer-queue.js';
import type { TimerTag } from './timer-queue.js';

/** Options of {@link VirtualClock.run}. */
export interface RunOptions {
  /**
   * Virtual time (as read by `now()`, not a duration) that the run may not pass: when the
   * next timer lies beyond it, `run` rejects with `RTSIM_CLOCK_LIMIT`.
   */
  maxMs?: number;
}

/** A timer neither fired nor cleared, as {@link VirtualClock.pendingTimerList} reports it. */
export interface PendingTimer {
  /** Virtual time it is due at. */
  readonly dueAt: number;
  /** The owner of the clock view that set it (`clock.scoped('client')`), if any. */
  readonly owner?: string;
  /** The label given to `setTimeout` / `sleep`. */
  readonly label?: string;
  /** Where it was set (`fn (src/file.ts:line:col)`), for an unlabelled timer of a view. */
  readonly origin?: string;
}

/** A settled promise, read synchronously. */
type Outcome<T> = { done: false } | { done: true; ok: true; value: T } | { done: true; ok: false; error: unknown };

/**
 * Simulated time. `now()` starts at `start` and moves only when {@link run} or
 * {@link advance} jumps to the next timer, so hours of latency, retries and timeouts replay
 * in milliseconds and identically every time.
 *
 * Ordering: timers fire in time order, ties in the order they were set (FIFO); a timer set
 * from inside a timer is honoured, and a 0 ms timer set at time t fires at t after the
 * timers already due at t.
 *
 * Settling: before each jump and after each timer, the clock lets the real event loop
 * settle: every promise callback, `queueMicrotask` and `process.nextTick` job, and every
 * real `setImmediate` already queued (and those they queue) runs before time moves. So code
 * that awaits between timers sees the time it expects.
 *
 * Real I/O: a file read or a loopback socket completes on the real event loop, which the
 * clock cannot see. Wrap it in {@link hold}: while any hold is open, the clock fires timers
 * already due but does not jump; it waits (without polling) until the holds are released,
 * a timer due now is added, or the awaited promise settles.
 */
export class VirtualClock implements Clock {
  readonly #queue = new TimerQueue();
  #now: number;
  #nextId = 1;
  #holds = 0;
  #blockingHolds = 0;
  #driving: string | undefined;
  #wake: (() => void) | undefined;

  /**
   * @param opts.start the virtual time to start at (ms, default 0).
   * @param opts.maxFiresAtOneInstant timers that may fire at one instant before `run`/`advance`
   *   reject with `RTSIM_CLOCK_STUCK` (default 1 000 000).
   */
  constructor(opts: { start?: number; maxFiresAtOneInstant?: number } = {}) {
    this.#now = opts.start ?? 0;
    this.#maxFires = opts.maxFiresAtOneInstant ?? MAX_FIRES_AT_ONE_INSTANT;
  }

  now(): number {
    return this.#now;
  }

  setTimeout(fn: () => void, ms: number, label?: string): TimerHandle {
    return this.#add(fn, ms, label === undefined ? undefined : { label });
  }

  clearTimeout(handle: TimerHandle | undefined): void {
    if (handle !== undefined) this.#queue.clear(handle.id);
  }

  sleep(ms: number, signal?: AbortSignal, label?: string): Promise<void> {
    return sleepOn(this, ms, signal, label);
  }

  /**
   * This clock under an owner's name: the same time and the same timers, but each timer set
   * through the view is tagged with `owner` (and a label or its call site), so that
   * {@link pendingTimerList} can say whose timers are left, e.g. the client's after close.
   */
  scoped(owner: string): Clock {
    return new ClockView(
      {
        now: () => this.#now,
        addTimer: (fn, ms, tag) => this.#add(fn, ms, tag),
        clearTimeout: (h) => this.clearTimeout(h),
      },
      owner,
    );
  }

  /** Number of timers neither fired nor cleared. */
  pendingTimers(): number {
    return this.#queue.size;
  }

  /** The timers neither fired nor cleared (only those of `owner`'s views, if given), in firing order. */
  pendingTimerList(owner?: string): PendingTimer[] {
    const out: PendingTimer[] = [];
    for (const entry of this.#queue.live()) {
      const tag = entry.tag;
      if (owner !== undefined && tag?.owner !== owner) continue;
      const origin = tag?.origin === undefined ? undefined : callSite(tag.origin);
      out.push({
        dueAt: entry.time,
        ...(tag?.owner === undefined ? {} : { owner: tag.owner }),
        ...(tag?.label === undefined ? {} : { label: tag.label }),
        ...(origin === undefined ? {} : { origin }),
      });
    }
    return out;
  }

  /** Virtual time of the next pending timer, or undefined when none is left. */
  nextTimerAt(): number | undefined {
    return this.#queue.peek()?.time;
  }

  /** Number of holds not yet released. */
  openHolds(): number {
    return this.#holds;
  }

  /**
   * Keeps virtual time from jumping while real I/O is in flight; call the returned function
   * (idempotent) when it completes, success or failure:
   *
   * ```ts
   * const release = clock.hold();
   * try { return await readFile(path); } finally { release(); }
   * ```
   *
   * With `blockTimers`, not even timers already due fire until it is released: for I/O that
   * needs no timer to complete (a frame crossing loopback) and must land before anything
   * else happens at this instant, as it would on the in-memory link.
   */
  hold(opts: { blockTimers?: boolean } = {}): () => void {
    const blocking = opts.blockTimers === true;
    this.#holds++;
    if (blocking) this.#blockingHolds++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.#holds--;
      if (blocking) this.#blockingHolds--;
      this.#poke();
    };
  }

  /** Lets the event loop settle (see the class comment) without moving time. */
  settle(): Promise<void> {
    return settleEventLoop();
  }

  /**
   * Runs timers in time order (ties FIFO), letting every promise callback and immediate
   * settle before time moves, until `until` settles; returns its value or rethrows its error.
   *
   * Rejects with `RTSIM_CLOCK_DEADLOCK` when `until` is pending, no hold is open and no timer
   * is left; with `RTSIM_CLOCK_LIMIT` when the next timer lies beyond `opts.maxMs`; with
   * `RTSIM_CLOCK_BUSY` when another `run`/`advance` of this clock is in progress; and with
   * whatever a timer callback throws (as an uncaught error would on the real clock).
   */
  async run<T>(until: Promise<T>, opts: RunOptions = {}): Promise<T> {
    const outcome = watch(until, () => this.#poke());
    const maxMs = opts.maxMs;
    this.#enter('run');
    try {
      for (;;) {
        await settleEventLoop();
        const state = outcome();
        if (state.done) {
          if (state.ok) return state.value;
          throw state.error;
        }
        if (this.#blockingHolds > 0) {
          await this.#sleepUntilPoked();
          continue;
        }
        const next = this.#queue.peek();
        if (next !== undefined && next.time <= this.#now) {
          this.#fireNext();
          continue;
        }
        if (this.#holds > 0) {
          await this.#sleepUntilPoked();
          continue;
        }
        if (next === undefined) {
          throw new RtSimError(
            'RTSIM_CLOCK_DEADLOCK',
            `nothing left to run at virtual time ${this.#now} ms while the run was still waiting ` +
              '(expected a pending timer or an open hold; the awaited promise can never settle)',
            { now: this.#now },
          );
        }
        if (maxMs !== undefined && next.time > maxMs) {
          throw new RtSimError(
            'RTSIM_CLOCK_LIMIT',
            `virtual time limit of ${maxMs} ms reached while the run was still waiting ` +
              `(now ${this.#now} ms, next timer at ${next.time} ms, ${this.#queue.size} pending)`,
            { now: this.#now, maxMs, nextTimerAt: next.time },
          );
        }
        this.#now = next.time;
        this.#fireNext();
      }
    } finally {
      this.#leave();
    }
  }

  /**
   * Moves time forward by `ms`, firing the timers due on the way in order, with the same
   * settling and hold rules as {@link run}, and settles once more at the target time.
   */
  async advance(ms: number): Promise<void> {
    const target = this.#now + delayOf(ms);
    this.#enter('advance');
    try {
      for (;;) {
        await settleEventLoop();
        if (this.#blockingHolds > 0) {
          await this.#sleepUntilPoked();
          continue;
        }
        const next = this.#queue.peek();
        if (next !== undefined && next.time <= this.#now) {
          this.#fireNext();
          continue;
        }
        if (this.#now >= target) return;
        if (this.#holds > 0) {
          await this.#sleepUntilPoked();
          continue;
        }
        if (next !== undefined && next.time <= target) {
          this.#now = next.time;
          this.#fireNext();
        } else {
          this.#now = target;
        }
      }
    } finally {
      this.#leave();
    }
  }

  /** The instant timers last fired at, and how many fired there in a row (the livelock guard). */
  #stuckAt = Number.NaN;
  #firesAtNow = 0;
  readonly #maxFires: number;

  #add(fn: () => void, ms: number, tag: TimerTag | undefined): TimerHandle {
    const id = this.#nextId++;
    this.#queue.add(id, dueAfter(this.#now, delayOf(ms)), fn, tag);
    this.#poke();
    return { id };
  }

  #fireNext(): void {
    const entry = this.#queue.pop();
    if (entry === undefined) return;
    if (this.#now === this.#stuckAt) this.#firesAtNow++;
    else [this.#stuckAt, this.#firesAtNow] = [this.#now, 1];
    if (this.#firesAtNow > this.#maxFires) {
      const origin = entry.tag?.origin === undefined ? undefined : callSite(entry.tag.origin);
      const what = [entry.tag?.owner, entry.tag?.label, origin].filter((x) => x !== undefined).join(', ');
      throw new RtSimError(
        'RTSIM_CLOCK_STUCK',
        `virtual time stopped at ${this.#now} ms: ${this.#maxFires} timers fired there without it ` +
          `moving on (expected a loop of timers to let time pass; the last one: ${what === '' ? 'untagged' : what})`,
        { now: this.#now },
      );
    }
    entry.fn();
  }

  #enter(what: string): void {
    if (this.#driving !== undefined) {
      throw new RtSimError(
        'RTSIM_CLOCK_BUSY',
        `expected one driver of the virtual clock at a time, got ${what}() while ${this.#driving}() is in progress`,
      );
    }
    this.#driving = what;
  }

  #leave(): void {
    this.#driving = undefined;
  }

  /** Waits for a hold release, a new timer or the awaited promise settling. */
  #sleepUntilPoked(): Promise<void> {
    return new Promise((resolve) => {
      this.#wake = resolve;
    });
  }

  #poke(): void {
    const wake = this.#wake;
    this.#wake = undefined;
    wake?.();
  }
}

/** Observes a promise so its outcome can be read synchronously; never leaves it unhandled. */
function watch<T>(promise: Promise<T>, onSettle: () => void): () => Outcome<T> {
  let outcome: Outcome<T> = { done: false };
  promise.then(
    (value) => {
      outcome = { done: true, ok: true, value };
      onSettle();
    },
    (error: unknown) => {
      outcome = { done: true, ok: false, error };
      onSettle();
    },
  );
  return () => outcome;
}

/**
 * Timers that may fire at one virtual instant before the clock calls it a livelock. A busy
 * scenario fires a few thousand at one instant at most; a loop that re-arms a zero delay for
 * ever would otherwise spin without end, deaf to the run's virtual time limit.
 */
const MAX_FIRES_AT_ONE_INSTANT = 1_000_000;

/**
 * The time a timer of `delay` ms set at `now` fires. A positive delay too small to change `now`
 * in floating point (under half a unit in the last place: 1e-13 ms at 2 s) still fires strictly
 * later, one representable step on; otherwise code that sleeps "the rest" of an interval
 * computed as `500 - (now - then)` could sleep for ever at the same instant (it did: the idle
 * wait after audio pushed in 7 ms frames at 22.05 kHz).
 */
export function dueAfter(now: number, delay: number): number {
  const time = now + delay;
  if (delay <= 0 || time > now) return time;
  return now + Math.max(Math.abs(now) * Number.EPSILON, Number.MIN_VALUE);
}
