/**
 * What a served scenario keeps and judges, and the control API's view of it: the verdict log
 * ({@link ServeLog}), the journal ({@link ServeJournal}) and the verdict built from them. Shared by
 * `rt-sim serve` and rt-sim/vitest's fake server.
 */
import type { Clock } from '../clock/index.js';
import { formatReplayIssue, type Simulator } from '../simulator/index.js';
import type { ControlPlane } from './serve-control.js';
import { ServeJournal } from './serve-journal.js';
import { ServeLog, type ConnectionSummary, type ServeLogOptions } from './serve-log.js';
import type { Expectation } from './scenario.js';
import { expectationText } from './expect-rules.js';

/** What the clients of a served scenario did, against the scenario's expectations. */
export interface ServeVerdict {
  scenario: string;
  status: 'passed' | 'failed';
  /** Accepted (open now or closed), refused, open now, closed. */
  connections: { accepted: number; refused: number; open: number; closed: number };
  /** Frames the clients sent, by type (exact; types beyond 500 distinct ones under `(other types)`). */
  clientFrames: Record<string, number>;
  /** Frames the simulator sent, by type. */
  serverFrames: Record<string, number>;
  /** All frames from each side, exact. */
  frames: { client: number; server: number };
  failures: string[];
  /** Expectations about the rt-sim client's own events, which a foreign client cannot show. */
  notChecked: string[];
  /**
   * The open connections and the last `keepClosed` closed ones, each with exact frame counts
   * and its last `ring` frames (older ones are dropped, and `kept` says so).
   */
  log: { ring: number; keepClosed: number; connections: ConnectionSummary[] };
}

/** A served scenario's log, journal, verdict and control plane. */
export interface ServedState {
  plane: ControlPlane;
  log: ServeLog;
  verdict(): ServeVerdict;
}

/**
 * Attaches a verdict log and a journal of `journal` entries (0: none kept) to `simulator`, and
 * judges its clients against `scenario.expect`.
 */
export function createControlPlane(
  simulator: Simulator,
  clock: Clock,
  scenario: { name: string; expect: readonly Expectation[] },
  options: ServeLogOptions & { journal: number },
): ServedState {
  const log = new ServeLog(scenario.expect, clock.now(), options);
  log.attach(simulator);
  const journal = new ServeJournal(options.journal, clock.now(), () => clock.now());
  if (options.journal > 0) journal.attach(simulator);
  const verdict = (): ServeVerdict => {
    const isCheckable = (e: Expectation): boolean => 'frame' in e || 'connections' in e;
    const notChecked = scenario.expect.filter((e) => !isCheckable(e)).map(expectationText);
    const failures = log.failures();
    // A replayed transcript judges the clients too: unexpected frames, and unused ones once connections ended.
    for (const issue of simulator.replayIssues()) failures.push(`replay: ${formatReplayIssue(issue)}`);
    return {
      scenario: scenario.name,
      status: failures.length === 0 ? 'passed' : 'failed',
      connections: log.connections(),
      clientFrames: log.frameTypes('client'),
      serverFrames: log.frameTypes('server'),
      frames: log.frameTotals(),
      failures,
      notChecked,
      log: { ring: log.ring, keepClosed: log.keepClosed, connections: log.recentConnections() },
    };
  };
  const plane: ControlPlane = {
    simulator,
    journal,
    verdict,
    reset: () => {
      simulator.clearFaults();
      log.reset(clock.now());
      journal.reset();
    },
  };
  return { plane, log, verdict };
}
