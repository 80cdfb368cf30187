/**
 * The last `capacity` values pushed, oldest first, in constant memory: what a long-running
 * server keeps of a connection's frames (issue 11: a verdict must not hold every frame).
 */
export class Ring<T> {
  private readonly slots: T[] = [];
  private next = 0;
  /** How many values were ever pushed, dropped ones included. */
  total = 0;

  constructor(readonly capacity: number) {}

  push(value: T): void {
    this.total++;
    if (this.capacity === 0) return;
    if (this.slots.length < this.capacity) this.slots.push(value);
    else this.slots[this.next] = value;
    this.next = (this.next + 1) % this.capacity;
  }

  /** Values held now (at most `capacity`). */
  get size(): number {
    return this.slots.length;
  }

  /** Values held, oldest first. */
  toArray(): T[] {
    if (this.slots.length < this.capacity) return [...this.slots];
    return [...this.slots.slice(this.next), ...this.slots.slice(0, this.next)];
  }

  /** Values pushed but no longer held (the oldest `dropped`). */
  get dropped(): number {
    return this.total - this.slots.length;
  }
}
