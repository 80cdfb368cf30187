import { RealClock, createRandom } from '../clock/index.js';
import { createSimulator, formatReplayIssue, serveSimulator } from '../simulator/index.js';
import { ServeLog } from './serve-log.js';
import type { ConnectionSummary, ServeLogOptions } from './serve-log.js';
import type { Expectation, Scenario } from './scenario.js';

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

/** A served scenario. */
export interface ServedScenario {
  url: string;
  verdict(): ServeVerdict;
  /**
   * Per-connection state held now: open connections the log tracks, closed-connection
   * summaries it keeps, and sessions the simulator keeps. Bounded by design; tests check it.
   */
  held(): { connections: number; summaries: number; sessions: number };
  close(): Promise<ServeVerdict>;
}

/** Where and how to serve a scenario. */
export interface ServeScenarioOptions {
  host?: string;
  port?: number;
  seed?: number;
  /** Accept any credentials, or none, whatever `server.apiKey` says (`rt-sim serve --any-key`). */
  anyKey?: boolean;
  /** Frames kept per connection (`--ring`, default 200). */
  ring?: ServeLogOptions['ring'];
  /** Closed connections the verdict's log keeps (`--keep-closed`, default 10). */
  keepClosed?: ServeLogOptions['keepClosed'];
}

/**
 * Serves a scenario's simulator on a real socket (real clock), for any client in any
 * language, and judges what the connected clients sent against the scenario's
 * frame and connection expectations; a server `error` no expectation declares fails it too.
 *
 * Credentials, as the service checks them: `server.apiKey` names the one key accepted; without
 * it any non-empty Bearer key or `xai-client-secret.` token is, and a handshake with neither
 * gets 401. `server.apiKey: null` or `anyKey` accepts any credentials, or none.
 *
 * Memory stays bounded however many clients come and go: the verdict keeps counts and a ring
 * of recent frames per connection ({@link ServeLog}), and the simulator frees closed sessions.
 */
export async function serveScenario(scenario: Scenario, options: ServeScenarioOptions): Promise<ServedScenario> {
  const clock = new RealClock();
  const seed = options.seed ?? scenario.seed;
  const anyKey = options.anyKey === true || scenario.server.apiKey === null;
  const simulator = await createSimulator({
    clock,
    random: createRandom(seed).fork('simulator'),
    config: { server: scenario.server, script: scenario.script },
    baseDir: scenario.baseDir,
    ...(options.anyKey === true ? { apiKey: null } : {}),
    requireCredentials: !anyKey,
    keepClosedSessions: 0,
  });
  const log = new ServeLog(scenario.expect, clock.now(), {
    ...(options.ring === undefined ? {} : { ring: options.ring }),
    ...(options.keepClosed === undefined ? {} : { keepClosed: options.keepClosed }),
  });
  log.attach(simulator);
  const handle = await serveSimulator(simulator, {
    host: options.host ?? '127.0.0.1',
    ...(options.port === undefined ? {} : { port: options.port }),
  });
  const verdict = (): ServeVerdict => {
    const isCheckable = (e: Expectation): boolean => 'frame' in e || 'connections' in e;
    const notChecked = scenario.expect.filter((e) => !isCheckable(e)).map((e) => JSON.stringify(e));
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
  return {
    url: handle.url,
    verdict,
    held: () => ({
      connections: log.openConnections,
      summaries: log.recentConnections().length - log.openConnections,
      sessions: simulator.sessions().length,
    }),
    async close() {
      await handle.close();
      return verdict();
    },
  };
}
