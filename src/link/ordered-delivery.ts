import type { Clock } from '../clock/index.js';

/**
 * One direction of a link: delivers items after a latency, on the clock, never out of order
 * (like TCP). An item's arrival is `now + latency`, but never before the previous item's,
 * so a jittery latency delays frames instead of reordering them. Each timer delivers the
 * oldest item still queued, which keeps FIFO order even if a real clock fires equal-time
 * timers in another order.
 */
export class OrderedDelivery<T> {
  readonly #clock: Clock;
  readonly #latency: () => number;
  readonly #deliver: (item: T) => void;
  readonly #queue: T[] = [];
  #lastArrival = -Infinity;

  constructor(clock: Clock, latency: () => number, deliver: (item: T) => void) {
    this.#clock = clock;
    this.#latency = latency;
    this.#deliver = deliver;
  }

  push(item: T): void {
    const now = this.#clock.now();
    const latency = this.#latency();
    const arrival = Math.max(now + (latency > 0 && Number.isFinite(latency) ? latency : 0), this.#lastArrival);
    this.#lastArrival = arrival;
    this.#queue.push(item);
    this.#clock.setTimeout(() => this.#deliver(this.#queue.shift()!), arrival - now);
  }
}
