/**
 * The session's outgoing queue (R2.1, R2.2, R2.7): unbounded FIFO, `put` never waits, it
 * outlives sockets, and once closed it refuses new events but lets the sender drain the
 * ones already queued. The sender takes an event only once its socket is open, so events
 * queued during a drop wait for the next socket.
 */
export class SendQueue<T> {
  private readonly items: T[] = [];
  private waiters: (() => void)[] = [];
  private isClosed = false;

  /** True once {@link close} was called. */
  get closed(): boolean {
    return this.isClosed;
  }

  /** Events queued and not yet taken. */
  get size(): number {
    return this.items.length;
  }

  /** Enqueues `item`; dropped once the queue is closed (R2.2). */
  put(item: T): void {
    if (this.isClosed) return;
    this.items.push(item);
    this.wake();
  }

  /** Removes and returns the oldest queued event. */
  shift(): T | undefined {
    return this.items.shift();
  }

  /** Refuses new events; queued ones stay for the sender to drain. */
  close(): void {
    if (this.isClosed) return;
    this.isClosed = true;
    this.wake();
  }

  /** The queued events, oldest first (a copy). */
  snapshot(): readonly T[] {
    return [...this.items];
  }

  /** Replaces the queued events with what `rebase` makes of them (in order). */
  rewrite(rebase: (items: readonly T[]) => T[]): void {
    const next = rebase([...this.items]);
    this.items.length = 0;
    this.items.push(...next);
  }

  /** Drops every queued event (a dead session has nobody to send them). */
  clear(): void {
    this.items.length = 0;
  }

  /**
   * Resolves true when an event is queued, false when the queue is closed and empty or
   * `signal` aborts first.
   */
  wait(signal?: AbortSignal): Promise<boolean> {
    if (this.items.length > 0) return Promise.resolve(true);
    if (this.isClosed || signal?.aborted) return Promise.resolve(false);
    return new Promise((resolve) => {
      const onAbort = (): void => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        resolve(false);
      };
      const waiter = (): void => {
        signal?.removeEventListener('abort', onAbort);
        resolve(this.items.length > 0);
      };
      this.waiters.push(waiter);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const waiter of waiters) waiter();
  }
}
