/**
 * What script actions act on, and how one action runs. Actions that need a connection are
 * skipped when the rule fired without one (a handshake, or a connection that has closed
 * during a `delay`).
 */
import type { Random } from '../../clock/index.js';
import type { Direction, FailureSpec, ReplyConfig } from '../config.js';
import type { EventFault } from '../faults/protocol.js';
import type { WireToxic } from '../faults/wire.js';
import type { Action, ErrorSpec } from './rules.js';

/** One recorded server event to replay, `afterMs` after the previous one. */
export interface ReplayEvent {
  afterMs: number;
  event: Record<string, unknown>;
}

/** A connection, as script actions see it. */
export interface ScriptConnection {
  readonly connection: number;
  /** False once the connection closed or started closing. */
  readonly open: boolean;
  sendScripted(event: Record<string, unknown>): void;
  sendRaw(text: string): void;
  /** One binary frame of these bytes, past the event triggers and protocol faults. */
  sendBinary(data: Uint8Array): void;
  /** The client's next `count` sends on this connection throw. */
  failClientSends(count: number): void;
  /** One text frame that is not UTF-8: a real client fails the connection. */
  sendInvalidUtf8(): void;
  sendError(error: ErrorSpec): void;
  close(code: number, reason: string): void;
  resetPeer(afterMs: number): void;
  installWire(direction: Direction, toxic: WireToxic): void;
  clearWire(direction: Direction | undefined): void;
  addEventFault(fault: EventFault): void;
  hang(event: string | undefined, count: number | 'all'): void;
  respond(reply: ReplyConfig): void;
  /** As if the client had sent this `force_message` item. */
  forceMessage(item: Record<string, unknown>): void;
  replay(events: readonly ReplayEvent[]): void;
}

/** The simulator, as script actions see it. */
export interface ScriptSimulator {
  refuseHandshakes(status: number, body: string | undefined, count: number): void;
  /** Leaves the next `count` handshakes unanswered (a connect that times out, R2.5). */
  holdHandshakes(count: number): void;
  failResponses(failure: FailureSpec, count: number): void;
  /** Events of a replay file loaded before the run. */
  replayFile(file: string): readonly ReplayEvent[];
}

/** Why a rule fired: the event that triggered it, if any. */
export interface FireContext {
  connection: ScriptConnection | undefined;
  trigger: { side: 'client' | 'server'; type: string } | undefined;
}

/** Runs one action other than `delay` and `setState` (the engine handles those). */
export function runAction(action: Action, ctx: FireContext, sim: ScriptSimulator, random: Random): void {
  const conn = ctx.connection;
  const serverType = ctx.trigger?.side === 'server' ? ctx.trigger.type : undefined;
  const clientType = ctx.trigger?.side === 'client' ? ctx.trigger.type : undefined;
  if ('failNextResponse' in action) {
    const { count = 1, ...failure } = action.failNextResponse;
    return sim.failResponses(failure, count);
  }
  if ('refuseHandshake' in action) {
    const { status, body, count = 1 } = action.refuseHandshake;
    return sim.refuseHandshakes(status, body, count);
  }
  if ('holdHandshake' in action) return sim.holdHandshakes(action.holdHandshake.count ?? 1);
  if (!conn?.open) return;
  if ('send' in action) return conn.sendScripted(action.send);
  if ('sendRaw' in action) return conn.sendRaw(action.sendRaw);
  if ('sendBinary' in action) return conn.sendBinary(new TextEncoder().encode(action.sendBinary));
  if ('failClientSends' in action) return conn.failClientSends(action.failClientSends.count ?? 1);
  if ('sendInvalidUtf8' in action) return conn.sendInvalidUtf8();
  if ('error' in action) return conn.sendError(action.error);
  if ('close' in action) return conn.close(action.close.code ?? 1000, action.close.reason ?? '');
  if ('clearFaults' in action) return conn.clearWire(action.clearFaults.direction);
  if ('resetPeer' in action) {
    if (rolls(action.resetPeer.toxicity, random)) conn.resetPeer(action.resetPeer.afterMs ?? 0);
    return;
  }
  const toxic = wireToxic(action);
  if (toxic) {
    if (rolls(toxic.options.toxicity, random)) conn.installWire(toxic.options.direction ?? 'downstream', toxic);
    return;
  }
  if ('drop' in action)
    return conn.addEventFault({ kind: 'drop', event: action.drop.event ?? serverType, count: action.drop.count ?? 1 });
  if ('duplicate' in action) {
    const { event, count = 1, times = 1 } = action.duplicate;
    return conn.addEventFault({ kind: 'duplicate', event: event ?? serverType, count, times });
  }
  if ('delayEvent' in action) {
    const { event, count = 1, ms } = action.delayEvent;
    return conn.addEventFault({ kind: 'delayEvent', event: event ?? serverType, count, ms });
  }
  if ('reorder' in action) {
    const { event, count = 1, by = 1 } = action.reorder;
    return conn.addEventFault({ kind: 'reorder', event: event ?? serverType, count, by });
  }
  if ('hang' in action) {
    const event = action.hang.event ?? clientType;
    const fromTrigger = action.hang.event === undefined && clientType !== undefined;
    return conn.hang(event, action.hang.count ?? (fromTrigger ? 1 : 'all'));
  }
  if ('respond' in action) return conn.respond(action.respond);
  if ('forceMessage' in action) {
    const { text, ...rest } = action.forceMessage;
    return conn.forceMessage({
      type: 'force_message',
      role: 'assistant',
      ...rest,
      content: [{ type: 'output_text', text }],
    });
  }
  if ('replay' in action) {
    const spec = action.replay;
    const events =
      'file' in spec
        ? sim.replayFile(spec.file)
        : spec.events.map((e) => ({ afterMs: e.afterMs ?? 0, event: e.event }));
    return conn.replay(events);
  }
}

function rolls(toxicity: number | undefined, random: Random): boolean {
  // Always draw, so changing one fault's toxicity does not shift the rolls of the others.
  const roll = random.next();
  return roll < (toxicity ?? 1);
}

function wireToxic(action: Action): WireToxic | undefined {
  if ('latency' in action) return { name: 'latency', options: action.latency };
  if ('bandwidth' in action) return { name: 'bandwidth', options: action.bandwidth };
  if ('slicer' in action) return { name: 'slicer', options: action.slicer };
  if ('timeout' in action) return { name: 'timeout', options: action.timeout };
  if ('slowClose' in action) return { name: 'slowClose', options: action.slowClose };
  if ('limitData' in action) return { name: 'limitData', options: action.limitData };
  return undefined;
}
