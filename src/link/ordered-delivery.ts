import type { Clock } from '../clock/index.js';

/**
 * One direction of a link: delivers items after a latency, on the clock, never out of order
 * (like TCP). An item's arrival is `now + latency`, but never before the previous item's,
 * so a jittery latency delays frames instead of reordering them. Each timer delivers the
 * oldest batch still queued, which keeps FIFO order even if a real clock fires equal-time
 * timers in another order.
 *
 * With `coalesce`, items pushed at one instant for one arrival form one batch, handed over
 * in a single timer, synchronously: what `ws` does with frames that share a TCP segment
 * (the handshake answer and the server's first events emit `open` and `message` in one
 * tick, before any code awaiting `open` can attach a listener). Without it each item gets
 * its own timer, and the event loop settles between them.
 */
export class OrderedDelivery<T> {
  readonly #clock: Clock;
  readonly #latency: () => number;
  readonly #deliver: (item: T) => void;
  readonly #coalesce: boolean;
  readonly #queue: { arrival: number; items: T[] }[] = [];
  #lastArrival = -Infinity;

  constructor(clock: Clock, latency: () => number, deliver: (item: T) => void, coalesce = false) {
    this.#clock = clock;
    this.#latency = latency;
    this.#deliver = deliver;
    this.#coalesce = coalesce;
  }

  push(item: T): void {
    const now = this.#clock.now();
    const latency = this.#latency();
    const arrival = Math.max(now + (latency > 0 && Number.isFinite(latency) ? latency : 0), this.#lastArrival);
    this.#lastArrival = arrival;
    const last = this.#queue.at(-1);
    // Only a batch not yet handed over takes more: one being delivered has left the queue.
    if (this.#coalesce && last !== undefined && last.arrival === arrival) {
      last.items.push(item);
      return;
    }
    this.#queue.push({ arrival, items: [item] });
    this.#clock.setTimeout(() => {
      for (const queued of this.#queue.shift()!.items) this.#deliver(queued);
    }, arrival - now);
  }
}
