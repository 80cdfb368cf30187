/**
 * An unbounded async-iterable channel (LiveKit's `aio.Chan`): the producer never waits,
 * values buffer until read, and `close()` / `fail()` end every reader after the buffered
 * values are consumed. Backs a generation's message, function, text and audio streams.
 */
export class Channel<T> implements AsyncIterable<T> {
  private readonly buffer: T[] = [];
  private readonly readers: { resolve: (r: IteratorResult<T>) => void; reject: (e: unknown) => void }[] = [];
  private state: 'open' | 'closed' | 'failed' = 'open';
  private failure: unknown;

  /** True once `close()` or `fail()` was called. */
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
    if (reader) reader.resolve({ value, done: false });
    else this.buffer.push(value);
  }

  /** Ends the stream: readers get the buffered values, then `done`. Idempotent. */
  close(): void {
    if (this.state !== 'open') return;
    this.state = 'closed';
    for (const reader of this.readers.splice(0)) reader.resolve({ value: undefined, done: true });
  }

  /** Ends the stream with an error: readers get the buffered values, then `error` is thrown. */
  fail(error: unknown): void {
    if (this.state !== 'open') return;
    this.state = 'failed';
    this.failure = error;
    for (const reader of this.readers.splice(0)) reader.reject(error);
  }

  /** Reads one value; `done` once the channel is closed and drained. */
  next(): Promise<IteratorResult<T>> {
    if (this.buffer.length > 0) return Promise.resolve({ value: this.buffer.shift() as T, done: false });
    if (this.state === 'closed') return Promise.resolve({ value: undefined, done: true });
    if (this.state === 'failed') return Promise.reject(this.failure);
    return new Promise((resolve, reject) => this.readers.push({ resolve, reject }));
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
