/**
 * The most recent frames of one connection, as serve's verdict lists them
 * (`"<n> <ms>ms <client|server> <type>"`), in constant memory and with no allocation per
 * frame: times and directions sit in typed arrays, and a type is a reference to a string the
 * caller already holds. The lines are written only when the verdict is read.
 *
 * Why not a ring of lines (ring.ts): a line per frame lived as long as the connection's next
 * 200 frames, so under load every one was copied through the young generation and promoted,
 * and the old generation filled with dead lines (bench/serve-load.ts at 500 sessions: about a
 * third of what each scavenge promoted; 500 connections' full rings held 18 MB of lines, now 1.35 MB).
 */
export class FrameRing {
  // Grown as frames come, up to the capacity: an idle connection, or a large `--ring`, costs
  // nothing up front. The slots fill in order until the ring is full, so growing copies them as they are.
  private times = new Float64Array(0);
  private fromServer = new Uint8Array(0);
  private readonly types: string[] = [];
  private next = 0;
  /** How many frames were ever pushed, dropped ones included. */
  total = 0;

  constructor(readonly capacity: number) {}

  /** Records a frame at `ms` (rounded) from one side with its type. */
  push(ms: number, from: 'client' | 'server', type: string): void {
    this.total++;
    if (this.capacity === 0) return;
    const at = this.next;
    if (at === this.times.length) this.grow();
    this.times[at] = Math.round(ms);
    this.fromServer[at] = from === 'server' ? 1 : 0;
    this.types[at] = type;
    this.next = (at + 1) % this.capacity;
  }

  private grow(): void {
    const length = Math.min(this.capacity, Math.max(16, 2 * this.times.length));
    const times = new Float64Array(length);
    times.set(this.times);
    const fromServer = new Uint8Array(length);
    fromServer.set(this.fromServer);
    this.times = times;
    this.fromServer = fromServer;
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
    const dropped = this.dropped;
    const lines: string[] = [];
    for (let k = 0; k < size; k++) {
      const at = (first + k) % this.capacity;
      const from = this.fromServer[at] === 1 ? 'server' : 'client';
      lines.push(`${dropped + k + 1} ${this.times[at]}ms ${from} ${this.types[at]}`);
    }
    return lines;
  }
}
