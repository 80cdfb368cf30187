/** One failure of a scenario run. `kind` is stable: reporters and CI may match on it. */
export interface Failure {
  /** `replay`: the simulator's transcript replay (`server.transcript`) found a client frame it did not expect, or recorded frames never used. */
  kind: 'golden-missing' | 'golden-diff' | 'expectation' | 'timeout' | 'deadlock' | 'error' | 'invalid' | 'replay';
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
  /** Set when `--update` wrote the golden file. */
  goldenWritten?: boolean;
}

/** The whole run, as the JSON report holds it. */
export interface SuiteReport {
  summary: { total: number; passed: number; failed: number; wallMs: number; simulatedMs: number };
  scenarios: ScenarioResult[];
}

/** Builds the summary from the results. */
export function summarise(results: ScenarioResult[], wallMs: number): SuiteReport {
  const passed = results.filter((r) => r.status === 'passed').length;
  return {
    summary: {
      total: results.length,
      passed,
      failed: results.length - passed,
      wallMs,
      simulatedMs: results.reduce((sum, r) => sum + r.simulatedMs, 0),
    },
    scenarios: results,
  };
}
