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

  /** Resolves unless already settled (a settled promise ignores later calls). */
  resolve(value: T): void {
    this.settled = true;
    this.resolveFn(value);
  }

  /** Rejects unless already settled (a settled promise ignores later calls). */
  reject(reason: unknown): void {
    this.settled = true;
    this.rejectFn(reason);
  }
}
