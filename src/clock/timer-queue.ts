/** One scheduled callback of the virtual clock. */
export interface TimerEntry {
  readonly id: number;
  /** Virtual time at which it fires. */
  readonly time: number;
  /** Insertion order: breaks ties so equal times fire first-in, first-out. */
  readonly seq: number;
  readonly fn: () => void;
}

/**
 * A binary min-heap of timers ordered by (time, seq). Cancelled timers are removed lazily:
 * `clear` only forgets the id, and `peek`/`pop` skip entries whose id is gone, which keeps
 * cancellation O(1) for the many timers a link schedules and clears.
 */
export class TimerQueue {
  readonly #heap: TimerEntry[] = [];
  readonly #live = new Set<number>();
  #seq = 0;

  /** Number of timers not yet fired or cleared. */
  get size(): number {
    return this.#live.size;
  }

  add(id: number, time: number, fn: () => void): void {
    this.#live.add(id);
    this.#heap.push({ id, time, seq: this.#seq++, fn });
    this.#up(this.#heap.length - 1);
  }

  /** Forgets a timer; returns whether it was still pending. */
  clear(id: number): boolean {
    return this.#live.delete(id);
  }

  /** The next live timer, without removing it. */
  peek(): TimerEntry | undefined {
    this.#dropDead();
    return this.#heap[0];
  }

  /** Removes and returns the next live timer. */
  pop(): TimerEntry | undefined {
    this.#dropDead();
    const top = this.#heap[0];
    if (top === undefined) return undefined;
    this.#removeTop();
    this.#live.delete(top.id);
    return top;
  }

  #dropDead(): void {
    while (this.#heap.length > 0 && !this.#live.has(this.#heap[0]!.id)) this.#removeTop();
  }

  #removeTop(): void {
    const last = this.#heap.pop()!;
    if (this.#heap.length > 0) {
      this.#heap[0] = last;
      this.#down(0);
    }
  }

  #less(a: TimerEntry, b: TimerEntry): boolean {
    return a.time < b.time || (a.time === b.time && a.seq < b.seq);
  }

  #up(i: number): void {
    const heap = this.#heap;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.#less(heap[i]!, heap[parent]!)) break;
      [heap[i], heap[parent]] = [heap[parent]!, heap[i]!];
      i = parent;
    }
  }

  #down(i: number): void {
    const heap = this.#heap;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let least = i;
      if (left < heap.length && this.#less(heap[left]!, heap[least]!)) least = left;
      if (right < heap.length && this.#less(heap[right]!, heap[least]!)) least = right;
      if (least === i) return;
      [heap[i], heap[least]] = [heap[least]!, heap[i]!];
      i = least;
    }
  }
}
