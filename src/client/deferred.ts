/**
 * A promise with its settle functions (LiveKit's futures: `generate_reply`, item
 * create/delete). Its own promise carries a no-op catch, so a future that fails while
 * nobody awaits it never becomes an unhandled rejection; whoever awaits `promise` still
 * sees the error.
 */
export class Deferred<T> {
  readonly promise: Promise<T>;
  private settled = false;
  private resolveFn!: (value: T) => void;
  private rejectFn!: (reason: unknown) => void;

  constructor() {
    this.promise = new Promise<T>((resolve, reject) => {
      this.resolveFn = resolve;
      this.rejectFn = reject;
    });
    this.promise.catch(() => {});
  }

  /** True once resolved or rejected. */
  get done(): boolean {
    return this.settled;
  }

  /** Resolves unless already settled; returns whether it did. */
  resolve(value: T): boolean {
    if (this.settled) return false;
    this.settled = true;
    this.resolveFn(value);
    return true;
  }

  /** Rejects unless already settled; returns whether it did. */
  reject(reason: unknown): boolean {
    if (this.settled) return false;
    this.settled = true;
    this.rejectFn(reason);
    return true;
  }
}
