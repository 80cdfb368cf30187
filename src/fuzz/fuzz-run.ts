import { silentLogger } from '../client/index.js';
import { runScenario } from '../harness/index.js';
import type { RunOutcome, Scenario } from '../harness/index.js';
import { Simulator } from '../simulator/index.js';

/** One frame as it crossed the simulator's edge, not normalised (ids and audio as sent). */
export interface RawFrame {
  t: number;
  /** 1-based accepted connection. */
  conn: number;
  from: 'client' | 'server';
  text: string;
}

/** What an invariant looks at: the scenario, the harness outcome, and the raw frames. */
export interface FuzzRun {
  scenario: Scenario;
  outcome: RunOutcome;
  /**
   * Every frame at the simulator's edge, in the order of `outcome.observation.frames` (same
   * index), with the text as sent: the golden normalisation replaces ids and audio.
   */
  frames: RawFrame[];
  /** Ids of the server's conversation on the last accepted connection, in the server's order (raw ids). */
  serverItemIds: string[];
}

/**
 * Runs a scenario under the virtual clock with the harness (`runScenario`) and also keeps
 * the raw frames, which the invariants need (catalogue checks, append sizes, id matching).
 * The client logs nothing unless `logs` is set.
 */
export async function runFuzzScenario(scenario: Scenario, opts: { logs?: boolean } = {}): Promise<FuzzRun> {
  const frames: RawFrame[] = [];
  let simulator: Simulator | undefined;
  // The client's warnings (expected under faults) would drown the report; `logs` keeps them.
  const quiet = opts.logs === true ? scenario : { ...scenario, client: { ...scenario.client, logger: silentLogger } };
  const outcome = await runScenario(quiet, {
    interpose: (handler) => {
      if (handler instanceof Simulator) {
        simulator = handler;
        handler.onFrame((f) =>
          frames.push({
            t: f.time,
            conn: f.connection,
            from: f.direction === 'in' ? 'client' : 'server',
            text: f.text,
          }),
        );
      }
      return Promise.resolve(handler);
    },
  });
  const last = simulator?.sessions().at(-1);
  const serverItemIds = (last?.items ?? []).flatMap((item) => (typeof item.id === 'string' ? [item.id] : []));
  return { scenario, outcome, frames, serverItemIds };
}
