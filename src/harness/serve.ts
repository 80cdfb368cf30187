import { RealClock, createRandom } from '../clock/index.js';
import { createSimulator, formatReplayIssue, serveSimulator } from '../simulator/index.js';
import { checkExpectations } from './expect.js';
import { Observer } from './observe.js';
import type { Expectation, Scenario } from './scenario.js';
import { undeclaredServerErrors } from './server-errors.js';

/** What the clients of a served scenario did, against the scenario's expectations. */
export interface ServeVerdict {
  scenario: string;
  status: 'passed' | 'failed';
  connections: { accepted: number; refused: number };
  /** Frames the clients sent, by type. */
  clientFrames: Record<string, number>;
  /** Frames the simulator sent, by type. */
  serverFrames: Record<string, number>;
  failures: string[];
  /** Expectations about the rt-sim client's own events, which a foreign client cannot show. */
  notChecked: string[];
}

/** A served scenario. */
export interface ServedScenario {
  url: string;
  verdict(): ServeVerdict;
  close(): Promise<ServeVerdict>;
}

/** Where and how to serve a scenario. */
export interface ServeScenarioOptions {
  host?: string;
  port?: number;
  seed?: number;
  /** Accept any credentials, or none, whatever `server.apiKey` says (`rt-sim serve --any-key`). */
  anyKey?: boolean;
}

/**
 * Serves a scenario's simulator on a real socket (real clock), for any client in any
 * language, and judges what the connected clients sent against the scenario's
 * frame and connection expectations; a server `error` no expectation declares fails it too.
 *
 * Credentials, as the service checks them: `server.apiKey` names the one key accepted; without
 * it any non-empty Bearer key or `xai-client-secret.` token is, and a handshake with neither
 * gets 401. `server.apiKey: null` or `anyKey` accepts any credentials, or none.
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
  });
  const observer = new Observer(clock, scenario, seed);
  observer.attachSimulator(simulator);
  const handle = await serveSimulator(simulator, {
    host: options.host ?? '127.0.0.1',
    ...(options.port === undefined ? {} : { port: options.port }),
  });
  const verdict = (): ServeVerdict => {
    const o = observer.finish(clock.now());
    const isCheckable = (e: Expectation): boolean => 'frame' in e || 'connections' in e;
    const notChecked = scenario.expect.filter((e) => !isCheckable(e)).map((e) => JSON.stringify(e));
    const failures = checkExpectations(scenario.expect, o, isCheckable).map((f) => f.message);
    // As in a run: a server error the scenario does not declare fails the verdict.
    for (const f of undeclaredServerErrors(scenario.expect, o)) failures.push(`${f.kind}: ${f.message}`);
    // A replayed transcript judges the clients too: unexpected frames, and unused ones once connections ended.
    for (const issue of simulator.replayIssues()) failures.push(`replay: ${formatReplayIssue(issue)}`);
    const count = (from: 'client' | 'server'): Record<string, number> => {
      const out: Record<string, number> = {};
      for (const f of o.frames) if (f.from === from) out[f.type] = (out[f.type] ?? 0) + 1;
      return out;
    };
    return {
      scenario: scenario.name,
      status: failures.length === 0 ? 'passed' : 'failed',
      connections: {
        accepted: o.connections.filter((c) => c.outcome === 'open').length,
        refused: o.connections.filter((c) => c.outcome === 'refused').length,
      },
      clientFrames: count('client'),
      serverFrames: count('server'),
      failures,
      notChecked,
    };
  };
  return {
    url: handle.url,
    verdict,
    async close() {
      await handle.close();
      return verdict();
    },
  };
}
