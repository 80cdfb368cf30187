/**
 * The replay of one transcript over a whole run: which recorded connection each live
 * connection plays, and every issue found.
 */
import type { Clock } from '../../clock/index.js';
import type { Transcript } from '../../transcript/index.js';
import { connectionsOf } from '../../transcript/index.js';
import type { ConnectionPlan } from './connection-plan.js';
import { planConnection } from './connection-plan.js';
import type { PlayerSettings } from './connection-player.js';
import { ConnectionPlayer } from './connection-player.js';
import type { ReplayIssue } from './replay-issue.js';
import type { ReplayPort } from './replay-port.js';

/** A loaded transcript, ready to be played on live connections. */
export class TranscriptReplay {
  private readonly plans = new Map<number, ConnectionPlan>();
  private readonly played = new Set<number>();
  private liveConnections = 0;
  private readonly found: ReplayIssue[] = [];
  private finished = false;

  /**
   * @param first the recorded connection live connection 1 plays
   */
  constructor(
    readonly transcript: Transcript,
    readonly settings: PlayerSettings,
    private readonly first: number,
  ) {
    for (const conn of connectionsOf(transcript)) this.plans.set(conn, planConnection(transcript, conn));
  }

  /** A player for live connection `connection` (1-based); call its `start` once the connection is up. */
  attach(connection: number, clock: Clock, port: ReplayPort): ConnectionPlayer {
    this.liveConnections = Math.max(this.liveConnections, connection);
    const recorded = this.first + connection - 1;
    const plan = this.plans.get(recorded);
    if (plan) this.played.add(recorded);
    return new ConnectionPlayer(
      { clock, settings: this.settings, report: (issue) => this.found.push(issue) },
      plan,
      connection,
      recorded,
      port,
    );
  }

  /**
   * The run is over: reports recorded connections (from the first one played on) that no
   * live connection played, unless all they held was background frames.
   */
  finish(): void {
    if (this.finished) return;
    this.finished = true;
    for (const [conn, plan] of this.plans) {
      if (conn < this.first || this.played.has(conn)) continue;
      const matters = plan.expectations.length > 0 || plan.sends.some((s) => !this.settings.background.has(s.type));
      if (!matters) continue;
      this.found.push({
        kind: 'unused',
        file: this.settings.file,
        connection: null,
        recordedConnection: conn,
        liveIndex: null,
        transcriptLine: plan.openLine,
        lastLine: plan.lastLine,
        frame: '(connection)',
        message:
          `recorded connection ${conn} (lines ${plan.openLine}–${plan.lastLine}) was never played: the client opened ` +
          (this.liveConnections === 1 ? 'only 1 connection' : `${this.liveConnections} connections`) +
          (this.first > 1 ? ` (playing from recorded connection ${this.first})` : ''),
      });
    }
  }

  /** Issues found so far, in the order they were found. Unused frames are reported when their connection ends. */
  issues(): ReplayIssue[] {
    return [...this.found];
  }
}
