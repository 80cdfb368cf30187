/** One scheduled callback of the virtual clock. */
export interface TimerEntry {
  readonly id: number;
  /** Virtual time at which it fires. */
  readonly time: number;
  /** Insertion order: breaks ties so equal times fire first-in, first-out. */
  readonly seq: number;
  readonly fn: () => void;
  /** What set it, for reports of timers left behind (see `VirtualClock.pendingTimerList`). */
  readonly tag?: TimerTag;
}

/** Who set a timer and why: the owner of a scoped clock view, a label, or the call site. */
export interface TimerTag {
  readonly owner?: string;
  readonly label?: string;
  /** Captured when no label was given; its stack is formatted only if a report needs it. */
  readonly origin?: Error;
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

  add(id: number, time: number, fn: () => void, tag?: TimerTag): void {
    this.#live.add(id);
    this.#heap.push(tag === undefined ? { id, time, seq: this.#seq++, fn } : { id, time, seq: this.#seq++, fn, tag });
    this.#up(this.#heap.length - 1);
  }

  /** Forgets a timer; returns whether it was still pending. */
  clear(id: number): boolean {
    return this.#live.delete(id);
  }

  /** Every live timer, in firing order. */
  live(): TimerEntry[] {
    return this.#heap.filter((e) => this.#live.has(e.id)).sort((a, b) => (this.#less(a, b) ? -1 : 1));
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
