/**
 * A session as the script sees it (rules and faults): the actions a rule may take on one
 * connection — send scripted or raw frames, errors, faults, hangs, responses, closes.
 * Scripted events go out as written: no shaping, only an `event_id` when they lack one.
 */
import type { TimerHandle } from '../clock/index.js';
import type { Direction, ReplyConfig } from './config.js';
import type { EventFault } from './faults/protocol.js';
import type { WireToxic } from './faults/wire.js';
import type { ReplayEvent, ScriptConnection } from './script/actions.js';
import type { ErrorSpec } from './script/rules.js';
import type { Hangs } from './session-hangs.js';
import type { StampOptions } from './session-outbound.js';
import { scriptedErrorEvent, stampEvent } from './session-outbound.js';
import type { SessionWires } from './session-wires.js';

/** What the script's view of a session needs from it. */
export interface ScriptHost {
  readonly connection: number;
  readonly wires: Pick<SessionWires, 'sendEvent' | 'sendDown' | 'install' | 'clear' | 'addEventFault'>;
  readonly hangs: Pick<Hangs, 'add'>;
  /** How scripted events are stamped. */
  readonly stamp: StampOptions;
  isOpen(): boolean;
  after(ms: number, fn: () => void): TimerHandle;
  /** Output audio as one binary frame. */
  sendBinary(data: Uint8Array): void;
  failClientSends(count: number): void;
  /** One text frame that is not UTF-8, at once (past the wire faults). */
  sendInvalidUtf8(): void;
  /** Starts a close the client sees (through the wire faults). */
  close(code: number, reason: string): void;
  /** Drops the connection abruptly. */
  drop(why: string): void;
  respond(reply: ReplyConfig): void;
  forceMessage(item: Record<string, unknown>): void;
}

/** The connection a script rule acts on. */
export class ScriptedConnection implements ScriptConnection {
  constructor(private readonly host: ScriptHost) {}

  get connection(): number {
    return this.host.connection;
  }

  get open(): boolean {
    return this.host.isOpen();
  }

  sendScripted(event: Record<string, unknown>): void {
    if (!this.open) return;
    const { event: full, text } = stampEvent(event, this.host.stamp);
    this.host.wires.sendEvent(full.type, text);
  }

  sendRaw(text: string): void {
    if (this.open) this.host.wires.sendDown({ kind: 'text', text });
  }

  sendBinary(data: Uint8Array): void {
    this.host.sendBinary(data);
  }

  failClientSends(count: number): void {
    this.host.failClientSends(count);
  }

  sendInvalidUtf8(): void {
    this.host.sendInvalidUtf8();
  }

  sendError(error: ErrorSpec): void {
    this.sendScripted(scriptedErrorEvent(error));
  }

  close(code: number, reason: string): void {
    this.host.close(code, reason);
  }

  resetPeer(afterMs: number): void {
    if (afterMs > 0) this.host.after(afterMs, () => this.host.drop('resetPeer'));
    else this.host.drop('resetPeer');
  }

  installWire(direction: Direction, toxic: WireToxic): void {
    this.host.wires.install(direction, toxic);
  }

  clearWire(direction: Direction | undefined): void {
    this.host.wires.clear(direction);
  }

  addEventFault(fault: EventFault): void {
    this.host.wires.addEventFault(fault);
  }

  hang(event: string | undefined, count: number | 'all'): void {
    this.host.hangs.add(event, count);
  }

  respond(reply: ReplyConfig): void {
    this.host.respond(reply);
  }

  forceMessage(item: Record<string, unknown>): void {
    this.host.forceMessage(item);
  }

  /** Sends recorded events at their offsets (cumulative `afterMs`), the first ones at once. */
  replay(events: readonly ReplayEvent[]): void {
    let at = 0;
    for (const { afterMs, event } of events) {
      at += afterMs;
      if (at <= 0) this.sendScripted(event);
      else this.host.after(at, () => this.sendScripted(event));
    }
  }
}
