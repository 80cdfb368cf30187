/**
 * Plays the server side of one recorded connection against a live client
 * (docs/scenario-server.md, "Replay").
 *
 * Recorded client frames are expectations, matched in order; recorded server frames are
 * sends. A send goes out once every expectation recorded before it is met, and not before
 * its recorded gap (scaled by `speed`) has passed since its anchor: whichever of the last
 * expectation before it and the previous send was recorded later, taken at the live time it
 * happened. Client frames may run ahead of the sends; they are never held back.
 */
import type { Clock, TimerHandle } from '../../clock/index.js';
import type { JsonObject } from '../../transcript/index.js';
import type { ConnectionPlan, Expectation, Send } from './connection-plan.js';
import { compareFrames, type FrameComparison } from './frame-match.js';
import { IdMap, PendingIds } from './id-map.js';
import type { IgnorePath } from './ignore-paths.js';
import type { ReplayMode } from './replay-config.js';
import type { NearMiss, ReplayIssue } from './replay-issue.js';
import { formatDifference } from './replay-issue.js';
import { parseFrame, summarise, typeOf } from './live-frame.js';
import { unusedFrames } from './unused-frames.js';
import type { ReplayPort } from './replay-port.js';

/** How far ahead an unexpected frame is looked for among the expectations. */
const LOOKAHEAD = 256;

/** Settings shared by every connection of a replay. */
export interface PlayerSettings {
  /** The transcript as messages show it. */
  file: string;
  speed: number;
  mode: ReplayMode;
  ignore: readonly IgnorePath[];
  background: ReadonlySet<string>;
}

/** What the player needs from the run. */
export interface PlayerContext {
  clock: Clock;
  settings: PlayerSettings;
  report(issue: ReplayIssue): void;
}

interface Anchor {
  /** Recorded time. */
  rec: number;
  /** Live time. */
  live: number;
}

/** The player of one live connection. */
export class ConnectionPlayer {
  private readonly ids = new IdMap();
  /** Expectations met (or passed over in lenient mode), a prefix of the plan's. */
  private met = 0;
  private readonly metAt: number[] = [];
  /** Sends that went out, a prefix of the plan's. */
  private sent = 0;
  private readonly sentAt: number[] = [];
  private timer: TimerHandle | undefined;
  private openedAt = 0;
  private liveFrames = 0;
  private pumping = false;
  /** Strict mode met an unexpected frame: nothing more is played or reported. */
  private stopped = false;
  private ended = false;

  /**
   * @param plan what to play; undefined when the recording has no connection for this one
   * @param recordedConnection the recorded connection it stands for
   */
  constructor(
    private readonly ctx: PlayerContext,
    private readonly plan: ConnectionPlan | undefined,
    readonly connection: number,
    readonly recordedConnection: number,
    private readonly port: ReplayPort,
  ) {}

  /** The connection is open: plays what the recording sent first. */
  start(): void {
    this.openedAt = this.ctx.clock.now();
    if (!this.plan) {
      this.stopped = true;
      this.ctx.report({
        ...this.base(),
        kind: 'unexpected',
        liveIndex: null,
        transcriptLine: null,
        frame: '(connection)',
        message:
          `live connection ${this.connection} has no recorded connection ${this.recordedConnection} to play: ` +
          'the recording ends before it; nothing is sent on it',
      });
      return;
    }
    this.pump();
  }

  /** A client frame arrived (after upstream faults and script triggers). */
  receive(text: string): void {
    if (this.ended || this.stopped || !this.plan) return;
    const index = ++this.liveFrames;
    const got = parseFrame(text);
    const next = this.plan.expectations[this.met];
    if (next) {
      const comparison = this.compare(next, got);
      if (comparison.differences.length === 0) {
        this.ids.commit(comparison.pending);
        this.meet(1);
        return;
      }
    }
    this.unexpected(index, got);
  }

  /** The connection ended (or is ending): stops playing and reports what was never used. */
  end(): void {
    if (this.ended) return;
    this.ended = true;
    this.ctx.clock.clearTimeout(this.timer);
    this.timer = undefined;
    if (!this.stopped) for (const issue of this.unused()) this.ctx.report(issue);
  }

  // ------------------------------------------------------------------ matching

  private compare(expectation: Expectation, got: JsonObject | string): FrameComparison {
    const expected = expectation.frame;
    if (typeof expected === 'string' || typeof got === 'string') {
      const same = expected === got;
      return {
        differences: same
          ? []
          : [
              {
                path: '(frame)',
                expected: typeof expected === 'string' ? expected : `a ${expectation.type} frame`,
                got: typeof got === 'string' ? got : `a ${typeOf(got)} frame`,
              },
            ],
        pending: new PendingIds(),
      };
    }
    return compareFrames(expected, got, this.ids, this.ctx.settings.ignore);
  }

  private meet(count: number): void {
    const now = this.ctx.clock.now();
    for (let i = 0; i < count; i++) this.metAt[this.met++] = now;
    this.pump();
  }

  private unexpected(index: number, got: JsonObject | string): void {
    const plan = this.plan!;
    const type = typeOf(got);
    const k = this.met;
    const next = plan.expectations[k];
    const base = { ...this.base(), kind: 'unexpected' as const, liveIndex: index, frame: type };
    if (!next) {
      const last = plan.expectations[plan.expectations.length - 1];
      this.ctx.report({
        ...base,
        transcriptLine: last?.line ?? plan.openLine,
        message:
          `client frame #${index} (${type}) on connection ${this.connection} is not in the recording: ` +
          `every recorded client frame of connection ${plan.recordedConnection} was already matched`,
      });
      return this.afterUnexpected(undefined);
    }
    let best: { j: number; comparison: FrameComparison } | undefined;
    for (let j = k; j < Math.min(plan.expectations.length, k + LOOKAHEAD); j++) {
      if (plan.expectations[j]!.type !== type) continue;
      const comparison = this.compare(plan.expectations[j]!, got);
      if (!best || comparison.differences.length < best.comparison.differences.length) best = { j, comparison };
      if (comparison.differences.length === 0) break;
    }
    const expected = `line ${next.line} (${next.type})`;
    if (!best) {
      const earlier = this.closestMet(type, got);
      if (earlier) {
        const fields = earlier.comparison.differences;
        const line = plan.expectations[earlier.j]!.line;
        const nearMiss: NearMiss = { line, type, fields };
        const how =
          fields.length === 0
            ? `it repeats line ${line}, already matched`
            : `the closest recorded ${type} is line ${line}, already matched: ` +
              `${fields.map(formatDifference).join('; ')}`;
        this.ctx.report({
          ...base,
          transcriptLine: next.line,
          nearMiss,
          message: `client frame #${index} (${type}) is not in the recording here: expected ${expected}; ${how}`,
        });
        return this.afterUnexpected(undefined);
      }
      const nearMiss: NearMiss = {
        line: next.line,
        type: next.type,
        fields: [{ path: 'type', expected: next.type, got: type }],
      };
      this.ctx.report({
        ...base,
        transcriptLine: next.line,
        nearMiss,
        message: `client frame #${index} (${type}) is not in the recording here: expected ${expected}`,
      });
      return this.afterUnexpected(undefined);
    }
    const match = plan.expectations[best.j]!;
    const fields = best.comparison.differences;
    const nearMiss: NearMiss = { line: match.line, type: match.type, fields };
    if (best.j === k) {
      this.ctx.report({
        ...base,
        transcriptLine: next.line,
        nearMiss,
        message:
          `client frame #${index} (${type}) does not match ${expected}: ` +
          `${fields.map(formatDifference).join('; ')}`,
      });
      return this.afterUnexpected({ to: k, comparison: best.comparison });
    }
    if (fields.length === 0) {
      const passed = plan.expectations.slice(k, best.j);
      const what =
        passed.length === 1
          ? expected
          : `lines ${next.line}–${passed[passed.length - 1]!.line} (${summarise(passed.map((e) => e.type))})`;
      this.ctx.report({
        ...base,
        transcriptLine: next.line,
        nearMiss,
        message:
          `client frame #${index} (${type}) matches line ${match.line}, but the recording has ${what} first: ` +
          'the client skipped or reordered frames',
      });
      return this.afterUnexpected({ to: best.j, comparison: best.comparison });
    }
    this.ctx.report({
      ...base,
      transcriptLine: next.line,
      nearMiss,
      message:
        `client frame #${index} (${type}) matches no recorded frame: expected ${expected}; ` +
        `closest is line ${match.line}: ${fields.map(formatDifference).join('; ')}`,
    });
    this.afterUnexpected(undefined);
  }

  /** The already matched expectation of `type` closest to `got` (fewest differences, then nearest). */
  private closestMet(type: string, got: JsonObject | string): { j: number; comparison: FrameComparison } | undefined {
    let best: { j: number; comparison: FrameComparison } | undefined;
    for (let j = this.met - 1; j >= Math.max(0, this.met - LOOKAHEAD); j--) {
      const expectation = this.plan!.expectations[j]!;
      if (expectation.type !== type) continue;
      const comparison = this.compare(expectation, got);
      if (!best || comparison.differences.length < best.comparison.differences.length) best = { j, comparison };
      if (comparison.differences.length === 0) break;
    }
    return best;
  }

  /**
   * Strict: stop. Lenient: take the frame as the expectation it resembles (passing over the
   * ones before it), or else ignore it, and go on.
   */
  private afterUnexpected(take: { to: number; comparison: FrameComparison } | undefined): void {
    if (this.ctx.settings.mode === 'strict') {
      this.stopped = true;
      this.ctx.clock.clearTimeout(this.timer);
      this.timer = undefined;
      return;
    }
    if (!take) return;
    this.ids.commit(take.comparison.pending);
    this.meet(take.to - this.met + 1);
  }

  // ------------------------------------------------------------------ sending

  private pump(): void {
    if (this.pumping) return;
    this.pumping = true;
    try {
      const sends = this.plan?.sends ?? [];
      while (!this.ended && !this.stopped && this.timer === undefined && this.sent < sends.length) {
        const send = sends[this.sent]!;
        if (send.needs > this.met) return;
        const wait = this.due(send) - this.ctx.clock.now();
        if (wait > 0) {
          this.timer = this.ctx.clock.setTimeout(() => {
            this.timer = undefined;
            this.fire();
            this.pump();
          }, wait);
          return;
        }
        this.fire();
      }
    } finally {
      this.pumping = false;
    }
  }

  /** When a send is due in live time (see the class comment). */
  private due(send: Send): number {
    const plan = this.plan!;
    const opened: Anchor = { rec: 0, live: this.openedAt };
    const expectation: Anchor =
      send.needs > 0 ? { rec: plan.expectations[send.needs - 1]!.t, live: this.metAt[send.needs - 1]! } : opened;
    const previous: Anchor =
      this.sent > 0 ? { rec: plan.sends[this.sent - 1]!.t, live: this.sentAt[this.sent - 1]! } : opened;
    const anchor =
      expectation.rec > previous.rec
        ? expectation
        : previous.rec > expectation.rec
          ? previous
          : expectation.live >= previous.live
            ? expectation
            : previous;
    return anchor.live + Math.max(0, send.t - anchor.rec) / this.ctx.settings.speed;
  }

  private fire(): void {
    const send = this.plan!.sends[this.sent]!;
    this.sentAt[this.sent++] = this.ctx.clock.now();
    if ('close' in send.what) {
      this.port.close(send.what.close.code, send.what.close.reason);
      return;
    }
    const frame = send.what.frame;
    if (typeof frame === 'string') return this.port.send(frame);
    this.ids.pinAll(frame);
    this.port.send(this.ids.rewrite(frame));
  }

  // ------------------------------------------------------------------ the end

  private unused(): ReplayIssue[] {
    if (!this.plan) return [];
    const progress = { base: this.base(), met: this.met, sent: this.sent };
    return unusedFrames(this.plan, progress, this.ctx.settings.background);
  }

  private base(): Pick<ReplayIssue, 'file' | 'connection' | 'recordedConnection'> {
    return { file: this.ctx.settings.file, connection: this.connection, recordedConnection: this.recordedConnection };
  }
}
