import { RealClock, createRandom } from '../clock/index.js';
import { createSimulator, serveSimulator } from '../simulator/index.js';
import type { HttpRequest } from '../link/index.js';
import { answerControl } from './serve-control.js';
import { DEFAULT_JOURNAL } from './serve-journal.js';
import type { ServeLogOptions } from './serve-log.js';
import { createControlPlane, type ServeVerdict } from './serve-plane.js';
import type { Scenario } from './scenario.js';

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
  /** Answer the control API under `/__rt-sim/` (default true; `--no-control` turns it off). */
  control?: boolean;
  /** Entries the control API's journal keeps (`--journal`, default 1000). */
  journal?: number;
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
 *
 * The control API (serve-control.ts) answers under `/__rt-sim/` on the same port unless
 * `control` is false: connections, actions now, the journal (a ring of `journal` entries), the verdict, reset.
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
  const control = options.control !== false;
  const { plane, log, verdict } = createControlPlane(simulator, clock, scenario, {
    ...(options.ring === undefined ? {} : { ring: options.ring }),
    ...(options.keepClosed === undefined ? {} : { keepClosed: options.keepClosed }),
    journal: control ? (options.journal ?? DEFAULT_JOURNAL) : 0,
  });
  const handle = await serveSimulator(simulator, {
    host: options.host ?? '127.0.0.1',
    ...(options.port === undefined ? {} : { port: options.port }),
    ...(control ? { http: (request: HttpRequest) => answerControl(request, plane) } : {}),
  });
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
