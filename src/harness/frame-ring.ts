/**
 * The most recent frames of one connection, as serve's verdict lists them
 * (`"<n> <ms>ms <client|server> <type>"`), in constant memory and with no allocation per
 * frame: times and directions sit in typed arrays, and a type is a reference to a string the
 * caller already holds. The lines are written only when the verdict is read.
 *
 * Why not a ring of lines (ring.ts): a line per frame lived as long as the connection's next
 * 200 frames, so under load every one was copied through the young generation and promoted,
 * and the old generation filled with dead lines (bench/serve-load.ts at 500 sessions: about a
 * third of what each scavenge promoted, and 10 MB of lines held).
 */
export class FrameRing {
  private readonly times: Float64Array;
  private readonly fromServer: Uint8Array;
  private readonly types: string[];
  private next = 0;
  /** How many frames were ever pushed, dropped ones included. */
  total = 0;

  constructor(readonly capacity: number) {
    this.times = new Float64Array(capacity);
    this.fromServer = new Uint8Array(capacity);
    this.types = [];
  }

  /** Records a frame at `ms` (rounded) from one side with its type. */
  push(ms: number, from: 'client' | 'server', type: string): void {
    this.total++;
    if (this.capacity === 0) return;
    const at = this.next;
    this.times[at] = Math.round(ms);
    this.fromServer[at] = from === 'server' ? 1 : 0;
    this.types[at] = type;
    this.next = (at + 1) % this.capacity;
  }

  /** Frames held now (at most `capacity`). */
  get size(): number {
    return Math.min(this.total, this.capacity);
  }

  /** Frames pushed but no longer held (the oldest `dropped`). */
  get dropped(): number {
    return this.total - this.size;
  }

  /** The frames held as lines, oldest first, numbered from the connection's first frame. */
  toArray(): string[] {
    const size = this.size;
    const first = size < this.capacity ? 0 : this.next;
    const lines: string[] = [];
    for (let k = 0; k < size; k++) {
      const at = (first + k) % this.capacity;
      const from = this.fromServer[at] === 1 ? 'server' : 'client';
      lines.push(`${this.dropped + k + 1} ${this.times[at]}ms ${from} ${this.types[at]}`);
    }
    return lines;
  }
}
