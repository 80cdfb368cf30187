/**
 * The script's `hang` action: the session swallows client events (of one type, or all) as a
 * server that stopped answering would, for a count or for good.
 */

/** The hangs installed on one session. */
export class Hangs {
  private readonly hangs: { event: string | undefined; left: number | 'all' }[] = [];

  /** Swallows the next `count` client events of type `event` (any type when `undefined`). */
  add(event: string | undefined, count: number | 'all'): void {
    this.hangs.push({ event, left: count });
  }

  /** Removes every hang: the session answers again. */
  clear(): void {
    this.hangs.length = 0;
  }

  /** True when an event of `type` is swallowed; counts it against its hang. */
  swallows(type: string): boolean {
    const at = this.hangs.findIndex((h) => h.event === undefined || h.event === type);
    if (at < 0) return false;
    const hang = this.hangs[at]!;
    if (hang.left !== 'all' && --hang.left <= 0) this.hangs.splice(at, 1);
    return true;
  }
}
