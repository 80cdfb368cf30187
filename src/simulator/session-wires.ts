/**
 * The fault layers between a session and its connection: protocol faults (drop, duplicate,
 * delay, reorder) on the events the session sends, then a wire per direction carrying the
 * wire faults (latency, bandwidth, slicing, …).
 */
import type { Clock, Random } from '../clock/index.js';
import type { Direction, ServerLatency } from './config.js';
import type { EventFault } from './faults/protocol.js';
import { ProtocolFaults } from './faults/protocol.js';
import type { WireItem, WireToxic } from './faults/wire.js';
import { Wire } from './faults/wire.js';

/** Where the wires of a session end. */
export interface WireEnds {
  /** A downstream item reached the connection. */
  deliver(item: WireItem): void;
  /** An upstream item reached the session. */
  receive(item: WireItem): void;
  /** A wire fault cut the connection. */
  drop(why: string): void;
}

/** The protocol faults and the two wires of one session. */
export class SessionWires {
  private readonly down: Wire;
  private readonly up: Wire;
  private readonly events: ProtocolFaults;

  constructor(clock: Clock, random: Random, latency: ServerLatency | undefined, ends: WireEnds) {
    this.down = new Wire(
      clock,
      random,
      (item) => ends.deliver(item),
      (why) => ends.drop(why),
    );
    this.up = new Wire(
      clock,
      random,
      (item) => ends.receive(item),
      (why) => ends.drop(why),
    );
    this.events = new ProtocolFaults(clock, (text) => this.down.push({ kind: 'text', text }));
    if (latency) {
      const directions: Direction[] =
        latency.direction === 'both' ? ['downstream', 'upstream'] : [latency.direction ?? 'downstream'];
      for (const d of directions)
        this.install(d, { name: 'latency', options: { ms: latency.ms, jitterMs: latency.jitterMs ?? 0 } });
    }
  }

  /** A server event, through the protocol faults, then downstream. */
  sendEvent(type: string, text: string): void {
    this.events.send(type, text);
  }

  /** Downstream past the protocol faults: raw text, binary audio, a close. */
  sendDown(item: WireItem): void {
    this.down.push(item);
  }

  /** A frame of the client, upstream. */
  receive(item: WireItem): void {
    this.up.push(item);
  }

  /** Installs a wire fault on one direction. */
  install(direction: Direction, toxic: WireToxic): void {
    (direction === 'upstream' ? this.up : this.down).install(toxic);
  }

  /** Removes the wire faults of one direction, or of both. */
  clear(direction: Direction | undefined): void {
    if (direction !== 'upstream') this.down.clear();
    if (direction !== 'downstream') this.up.clear();
  }

  /** Adds a protocol fault. */
  addEventFault(fault: EventFault): void {
    this.events.add(fault);
  }

  /** Removes the protocol faults not yet used up. */
  clearEventFaults(): void {
    this.events.clear();
  }

  /** Installed wire faults per direction. */
  faults(): { downstream: string[]; upstream: string[] } {
    return { downstream: this.down.faults(), upstream: this.up.faults() };
  }

  /** Drops the events the protocol faults still hold (delayed, reordered). */
  stopEvents(): void {
    this.events.dispose();
  }

  /** Drops whatever the wires still carry. */
  dispose(): void {
    this.down.dispose();
    this.up.dispose();
  }
}
