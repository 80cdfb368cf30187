/** One failure of a scenario run. `kind` is stable: reporters and CI may match on it. */
export interface Failure {
  /**
   * `replay`: the simulator's transcript replay (`server.transcript`) found a client frame it did not expect, or
   * recorded frames never used.
   * `invalid`: the scenario file does not parse or validate (the message names file:line).
   * `invariant`: a seed sweep (`--seeds`) found a client invariant broken.
   * `nondeterministic`: a `--repeat` run observed something else than the first run.
   * `undeclared-error`: the server sent an `error` event no `{ frame: error, from: server }` expectation declares.
   * `unsurfaced-error`: the client received a server `error` and emitted no `error` event for it (§5.18 E1).
   * `leak`: the client left a timer on the virtual clock, or a socket open, after it closed.
   * `unhandled-rejection`: a promise rejected with no handler during the run.
   * `raw-events`: the client's raw frame events (§5.19) do not match the frames its sockets carried.
   * `chat-ctx-api`: a chat context's `toJSON`, `getById` or `indexById` disagrees with its items (§5.15).
   * `secret-leak`: the API key the harness gave the client appears in the observation or the client's log.
   */
  kind:
    | 'golden-missing'
    | 'golden-diff'
    | 'expectation'
    | 'timeout'
    | 'deadlock'
    | 'error'
    | 'invalid'
    | 'replay'
    | 'invariant'
    | 'nondeterministic'
    | 'undeclared-error'
    | 'unsurfaced-error'
    | 'leak'
    | 'unhandled-rejection'
    | 'raw-events'
    | 'chat-ctx-api'
    | 'secret-leak';
  message: string;
}

/** The result of one scenario, as the JSON report holds it (README, "Command line"). */
export interface ScenarioResult {
  name: string;
  file: string;
  status: 'passed' | 'failed';
  wallMs: number;
  simulatedMs: number;
  seed: number;
  failures: Failure[];
  /** The command line that reproduces this run. */
  reproduce: string;
  /** A failed run's last client warnings and errors (kept, not printed, while it ran). */
  clientLog?: string[];
  /** Set when `--update` wrote the golden file. */
  goldenWritten?: boolean;
  /** Set for a seed sweep (`--seeds`): the seeds whose run failed, ascending. */
  failingSeeds?: number[];
}

/** The whole run, as the JSON report holds it. */
export interface SuiteReport {
  /** `invalid` counts the scenario files that did not load; they are among `failed` too. */
  summary: { total: number; passed: number; failed: number; invalid: number; wallMs: number; simulatedMs: number };
  scenarios: ScenarioResult[];
  /** Set by `--update`: golden files in the golden folder that no scenario run owns. */
  unownedGoldens?: string[];
}

/** Builds the summary from the results. */
export function summarise(results: ScenarioResult[], wallMs: number): SuiteReport {
  const passed = results.filter((r) => r.status === 'passed').length;
  return {
    summary: {
      total: results.length,
      passed,
      failed: results.length - passed,
      invalid: results.filter(isInvalid).length,
      wallMs,
      simulatedMs: results.reduce((sum, r) => sum + r.simulatedMs, 0),
    },
    scenarios: results,
  };
}

/** Whether a result stands for a scenario file that did not load. */
export function isInvalid(result: ScenarioResult): boolean {
  return result.failures.some((f) => f.kind === 'invalid');
}
