/**
 * An unbounded async-iterable channel (LiveKit's `aio.Chan`): the producer never waits,
 * values buffer until read, and `close()` ends every reader after the buffered values are
 * consumed. Backs a generation's message, function, text and audio streams. Streams only
 * ever end by closing (a lost connection closes them too), so there is no way to fail one:
 * an earlier `fail()` had no caller.
 */
export class Channel<T> implements AsyncIterable<T> {
  private readonly buffer: T[] = [];
  private readonly readers: ((r: IteratorResult<T>) => void)[] = [];
  private state: 'open' | 'closed' = 'open';

  /** True once `close()` was called. */
  get closed(): boolean {
    return this.state !== 'open';
  }

  /** Values sent and not yet read. */
  get size(): number {
    return this.buffer.length;
  }

  /** Delivers `value` to the oldest waiting reader, or buffers it; dropped once closed. */
  send(value: T): void {
    if (this.state !== 'open') return;
    const reader = this.readers.shift();
    if (reader) reader({ value, done: false });
    else this.buffer.push(value);
  }

  /** Ends the stream: readers get the buffered values, then `done`. Idempotent. */
  close(): void {
    if (this.state !== 'open') return;
    this.state = 'closed';
    for (const reader of this.readers.splice(0)) reader({ value: undefined, done: true });
  }

  /** Reads one value; `done` once the channel is closed and drained. */
  next(): Promise<IteratorResult<T>> {
    if (this.buffer.length > 0) return Promise.resolve({ value: this.buffer.shift() as T, done: false });
    if (this.state === 'closed') return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve) => this.readers.push(resolve));
  }

  /** Reads every value until the channel closes. */
  async collect(): Promise<T[]> {
    const out: T[] = [];
    for await (const value of this) out.push(value);
    return out;
  }

  [Symbol.asyncIterator](): AsyncIterator<T> {
    return { next: () => this.next() };
  }
}
