/**
 * Transcript replay (issue 5): the simulator plays the server side of a recorded session
 * (src/transcript) against the client under test, matching the client's frames against
 * the recorded ones. See docs/scenario-server.md, "Replay".
 */
export { REPLAY_DEFAULTS, type ReplayMode, type TranscriptReplayConfig } from './replay-config.js';
export {
  formatDifference,
  formatReplayIssue,
  type FieldDifference,
  type NearMiss,
  type ReplayIssue,
} from './replay-issue.js';
export { TIME_FIELDS } from './frame-match.js';
export type { ReplayPort } from './replay-port.js';
export type { ConnectionPlayer } from './connection-player.js';
export { TranscriptReplay } from './transcript-replay.js';
export { loadTranscriptReplay } from './load-transcript-replay.js';
