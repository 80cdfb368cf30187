/**
 * The script engine: matches triggers against what happens in the simulator and runs the
 * rules' actions. One engine serves every connection of a simulator, so its named state and
 * its occurrence counts span reconnections.
 */
import type { Clock, Random, TimerHandle } from '../../clock/index.js';
import { RtSimError } from '../../protocol/index.js';
import type { FireContext, ScriptConnection, ScriptSimulator } from './actions.js';
import { runAction } from './actions.js';
import { matchesAll, triggerSide } from './triggers.js';
import type { Action, ScriptRule } from './rules.js';
import { INITIAL_STATE } from './rules.js';

interface RuleState {
  readonly rule: ScriptRule;
  readonly index: number;
  occurrences: number;
  spent: boolean;
}

/** True when a trigger limited to the `count`th occurrence matches occurrence `n` (or has no limit). */
function nth(count: number | undefined, n: number): boolean {
  return count === undefined || count === n;
}

/** Nested rule firings (a state change firing a rule that changes state…) beyond this are a loop. */
const MAX_DEPTH = 64;
/** The rule firings kept for reports: enough to see a run's recent script, bounded for a long `serve`. */
export const MAX_FIRED_KEPT = 1000;

/** Runs a simulator's script. */
export class ScriptEngine {
  private readonly rules: RuleState[];
  private current = INITIAL_STATE;
  private depth = 0;
  private handshakes = 0;
  private connects = 0;
  private readonly timers = new Map<ScriptConnection | undefined, Set<TimerHandle>>();
  /**
   * The most recent rule firings, in order: `{ rule index, name, time }` (for reports and
   * tests). Bounded by {@link MAX_FIRED_KEPT}, because `serve` runs a script for as long as
   * clients keep connecting; {@link firedCount} counts them all.
   */
  readonly fired: { index: number; name: string | undefined; time: number }[] = [];
  /** Every firing since the start, including those no longer in {@link fired}. */
  firedCount = 0;

  constructor(
    rules: readonly ScriptRule[],
    private readonly clock: Clock,
    private readonly random: Random,
    private readonly sim: ScriptSimulator,
  ) {
    this.rules = rules.map((rule, index) => ({ rule, index, occurrences: 0, spent: false }));
  }

  /** The current named state. */
  get state(): string {
    return this.current;
  }

  /** A handshake attempt arrived. */
  handshake(): void {
    this.handshakes++;
    for (const r of this.active()) {
      const when = r.rule.when;
      if ('handshake' in when && nth(when.count, this.handshakes))
        this.fire(r, { connection: undefined, trigger: undefined });
    }
  }

  /** A connection was accepted; schedules its time triggers. */
  connected(conn: ScriptConnection): void {
    this.connects++;
    for (const r of this.active()) {
      const when = r.rule.when;
      if ('connect' in when && nth(when.count, this.connects)) this.fire(r, { connection: conn, trigger: undefined });
    }
    for (const r of this.rules) {
      const when = r.rule.when;
      if (!('afterMs' in when) || (when.connection !== undefined && when.connection !== conn.connection)) continue;
      this.schedule(conn, when.afterMs, () => {
        if (conn.open && this.isActive(r)) this.fire(r, { connection: conn, trigger: undefined });
      });
    }
  }

  /** A client event was received (after parsing, before the session handles it). */
  clientEvent(conn: ScriptConnection, event: { type: string }): void {
    this.onEvent(conn, 'client', event);
  }

  /** The simulator is about to send a server event. */
  serverEvent(conn: ScriptConnection, event: { type: string }): void {
    this.onEvent(conn, 'server', event);
  }

  /** A connection ended: its time triggers are dropped. */
  disconnected(conn: ScriptConnection): void {
    for (const t of this.timers.get(conn) ?? []) this.clock.clearTimeout(t);
    this.timers.delete(conn);
  }

  /**
   * Runs a `do` list now, outside any rule (the control API of `rt-sim serve`): on `conn`, or on
   * none for the actions that need no connection. `delay` and `setState` work as in a rule.
   */
  act(actions: readonly Action[], conn: ScriptConnection | undefined): void {
    this.runFrom(actions, 0, { connection: conn, trigger: undefined });
  }

  /** Stops every timer. */
  dispose(): void {
    for (const set of this.timers.values()) for (const t of set) this.clock.clearTimeout(t);
    this.timers.clear();
  }

  private onEvent(conn: ScriptConnection, side: 'client' | 'server', event: { type: string }): void {
    for (const r of this.active()) {
      const when = r.rule.when;
      if (!('event' in when) || when.event !== event.type || triggerSide(when) !== side) continue;
      if (when.connection !== undefined && when.connection !== conn.connection) continue;
      if (!matchesAll(event, when.match)) continue;
      r.occurrences++;
      if (nth(when.count, r.occurrences)) this.fire(r, { connection: conn, trigger: { side, type: event.type } });
    }
  }

  private isActive(r: RuleState): boolean {
    if (r.spent) return false;
    const guard = r.rule.state;
    if (guard === undefined) return true;
    return Array.isArray(guard) ? guard.includes(this.current) : guard === this.current;
  }

  /** Rules active now; a snapshot, so rules changed by a firing take effect on the next event. */
  private active(): RuleState[] {
    return this.rules.filter((r) => this.isActive(r));
  }

  private fire(r: RuleState, ctx: FireContext): void {
    if (this.depth >= MAX_DEPTH) {
      throw new RtSimError(
        'RTSIM_SIM_SCRIPT_LOOP',
        `script: expected rules to settle, got more than ${MAX_DEPTH} nested firings ` +
          `(last: rule ${r.index}${r.rule.name ? ` "${r.rule.name}"` : ''}); check setState / enterState cycles`,
      );
    }
    if (r.rule.once) r.spent = true;
    this.fired.push({ index: r.index, name: r.rule.name, time: this.clock.now() });
    this.firedCount++;
    if (this.fired.length > MAX_FIRED_KEPT) this.fired.splice(0, this.fired.length - MAX_FIRED_KEPT);
    this.depth++;
    try {
      this.runFrom(r.rule.do ?? [], 0, ctx);
      if (r.rule.setState !== undefined) this.setState(r.rule.setState, ctx);
    } finally {
      this.depth--;
    }
  }

  private runFrom(actions: readonly Action[], start: number, ctx: FireContext): void {
    for (let i = start; i < actions.length; i++) {
      const action = actions[i]!;
      if ('delay' in action) {
        // Kept when the connection ends: state changes and global actions after a delay still run.
        this.schedule(undefined, action.delay, () => this.runFrom(actions, i + 1, ctx));
        return;
      }
      if ('setState' in action) {
        this.setState(action.setState, ctx);
        continue;
      }
      runAction(action, ctx, this.sim, this.random);
    }
  }

  private setState(next: string, ctx: FireContext): void {
    if (next === this.current) return;
    this.current = next;
    for (const r of this.active()) {
      const when = r.rule.when;
      if ('enterState' in when && when.enterState === next)
        this.fire(r, { connection: ctx.connection, trigger: undefined });
    }
  }

  private schedule(conn: ScriptConnection | undefined, ms: number, fn: () => void): void {
    let set = this.timers.get(conn);
    if (!set) {
      set = new Set();
      this.timers.set(conn, set);
    }
    const timer = this.clock.setTimeout(() => {
      set.delete(timer);
      fn();
    }, ms);
    set.add(timer);
  }
}
