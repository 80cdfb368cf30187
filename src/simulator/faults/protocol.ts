/**
 * Protocol faults: drop, duplicate, delay or reorder chosen server events before they reach
 * the wire. A fault matches an event type (or any event) and lasts for a number of events.
 */
import type { Clock, TimerHandle } from '../../clock/index.js';

/** One protocol fault on the outgoing events of a connection. */
export type EventFault =
  | { kind: 'drop'; event?: string; count: number | 'all' }
  | { kind: 'duplicate'; event?: string; count: number | 'all'; times: number }
  | { kind: 'delayEvent'; event?: string; count: number | 'all'; ms: number }
  | { kind: 'reorder'; event?: string; count: number | 'all'; by: number };

/**
 * The longest a `reorder` holds an event, in virtual ms. A network reorders frames but never
 * loses one: an event with fewer than `by` events after it (the last of a burst) would
 * otherwise be held for ever, a drop in disguise.
 */
export const REORDER_MAX_HOLD_MS = 1000;

interface Held {
  text: string;
  /** Events still to go out before this one. */
  left: number;
  /** Sends it after {@link REORDER_MAX_HOLD_MS} if it is still held. */
  timer: TimerHandle;
}

/** The protocol faults of one connection. */
export class ProtocolFaults {
  private faults: EventFault[] = [];
  private held: Held[] = [];
  private readonly timers = new Set<TimerHandle>();
  private disposed = false;

  constructor(
    private readonly clock: Clock,
    private readonly forward: (text: string) => void,
  ) {}

  /** Adds a fault; it applies from the next event on. */
  add(fault: EventFault): void {
    if (fault.count !== 'all' && fault.count <= 0) return;
    this.faults.push({ ...fault });
  }

  /** Removes the faults still waiting for their events; events already held go out as planned. */
  clear(): void {
    this.faults = [];
  }

  /** Number of active faults (for tests and reports). */
  get active(): number {
    return this.faults.length;
  }

  /** Sends one serialised event of type `type` through the faults. */
  send(type: string, text: string): void {
    if (this.disposed) return;
    const fault = this.take(type);
    if (!fault) return this.emit(text);
    switch (fault.kind) {
      case 'drop':
        return;
      case 'duplicate':
        for (let i = 0; i <= fault.times; i++) this.emit(text);
        return;
      case 'delayEvent': {
        const timer = this.clock.setTimeout(() => {
          this.timers.delete(timer);
          this.emit(text);
        }, fault.ms);
        this.timers.add(timer);
        return;
      }
      case 'reorder': {
        const held: Held = {
          text,
          left: fault.by,
          timer: this.clock.setTimeout(() => {
            this.timers.delete(held.timer);
            this.held = this.held.filter((h) => h !== held);
            this.emit(text);
          }, REORDER_MAX_HOLD_MS),
        };
        this.timers.add(held.timer);
        this.held.push(held);
        return;
      }
    }
  }

  /** Drops held events and stops timers. */
  dispose(): void {
    this.disposed = true;
    for (const t of this.timers) this.clock.clearTimeout(t);
    this.timers.clear();
    this.held = [];
    this.faults = [];
  }

  private take(type: string): EventFault | undefined {
    const at = this.faults.findIndex((f) => f.event === undefined || f.event === type);
    if (at < 0) return undefined;
    const fault = this.faults[at]!;
    if (fault.count !== 'all') {
      fault.count -= 1;
      if (fault.count <= 0) this.faults.splice(at, 1);
    }
    return fault;
  }

  private emit(text: string): void {
    if (this.disposed) return;
    this.forward(text);
    if (this.held.length === 0) return;
    const due: Held[] = [];
    for (const h of this.held) {
      h.left -= 1;
      if (h.left <= 0) due.push(h);
    }
    this.held = this.held.filter((h) => h.left > 0);
    for (const h of due) {
      this.clock.clearTimeout(h.timer);
      this.timers.delete(h.timer);
      this.emit(h.text);
    }
  }
}
