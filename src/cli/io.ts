/** Where the CLI reads and writes; the bin passes the process's, tests their own. */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  cwd: string;
  env: Record<string, string | undefined>;
  /** Aborted when the process is asked to stop (SIGINT, SIGTERM): `serve` then shuts down. */
  signal?: AbortSignal;
  /**
   * Standard output's stream when it is a terminal (undefined for pipes and files): colour
   * and progress bars are drawn only then.
   */
  terminal?: NodeJS.WritableStream;
  /** Registers a listener for "print the verdict now" requests (SIGUSR2 in the bin). */
  onVerdictRequest?: (listener: () => void) => void;
}

/** Exit codes: 0 all passed, 1 a scenario failed, 2 a usage error or an invalid scenario. */
export const EXIT = { OK: 0, FAILED: 1, USAGE: 2 } as const;
