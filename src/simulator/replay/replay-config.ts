/**
 * The `server.transcript` block of a scenario: which recorded session the simulator plays
 * instead of its own session logic, and how strictly it holds the client to it.
 */

/** How a replay treats a client frame the recording does not expect. */
export type ReplayMode = 'strict' | 'lenient';

/** `server.transcript`: play the server side of a recorded session (docs/scenario-server.md, "Replay"). */
export interface TranscriptReplayConfig {
  /** The transcript (`*.rtsim.jsonl`), relative to the scenario file. */
  file: string;
  /** Recorded gaps are divided by this: 2 plays twice as fast. Default 1. */
  speed?: number;
  /**
   * `strict` (default): an unexpected client frame stops that connection's replay and fails
   * the run. `lenient`: it is reported and the replay goes on.
   */
  mode?: ReplayMode;
  /** More field paths to leave out when matching client frames, e.g. `session.instructions`. */
  ignore?: string[];
  /** Server frame types that may go unsent without failing the run. Default `ping`, `rate_limits.updated`. */
  background?: string[];
  /**
   * The recorded connection the first live connection plays; live connection n plays `connection + n − 1`. Default 1.
   */
  connection?: number;
}

/** Defaults of {@link TranscriptReplayConfig}. */
export const REPLAY_DEFAULTS = {
  speed: 1,
  mode: 'strict',
  background: ['ping', 'rate_limits.updated'],
  connection: 1,
} as const satisfies Omit<Required<TranscriptReplayConfig>, 'file' | 'ignore'>;
