/**
 * A FIFO that releases each item at a time on the clock, never before an item pushed
 * earlier: the building block of the delaying wire faults, which must keep frame order as
 * a TCP stream does.
 */
import type { Clock, TimerHandle } from '../../clock/index.js';

/** Releases items in push order, each no earlier than its due time. */
export class OrderedDelay<T> {
  private readonly queue: { item: T; at: number }[] = [];
  private timer: TimerHandle | undefined;
  private lastAt = -Infinity;

  constructor(
    private readonly clock: Clock,
    private readonly release: (item: T) => void,
  ) {}

  /** Items still held. */
  get size(): number {
    return this.queue.length;
  }

  /** Queues `item` for `at` (clock time); an item due now with nothing ahead goes at once. */
  push(item: T, at: number): void {
    const due = Math.max(at, this.lastAt);
    this.lastAt = due;
    if (this.queue.length === 0 && due <= this.clock.now()) {
      this.release(item);
      return;
    }
    this.queue.push({ item, at: due });
    this.arm();
  }

  /** Takes every held item out, in order, without releasing them. */
  drain(): T[] {
    if (this.timer) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
    return this.queue.splice(0).map((e) => e.item);
  }

  private arm(): void {
    if (this.timer || this.queue.length === 0) return;
    const head = this.queue[0]!;
    this.timer = this.clock.setTimeout(() => {
      this.timer = undefined;
      this.flushDue();
    }, head.at - this.clock.now());
  }

  private flushDue(): void {
    while (this.queue.length > 0 && this.queue[0]!.at <= this.clock.now()) {
      this.release(this.queue.shift()!.item);
    }
    this.arm();
  }
}
