/**
 * Public API of `src/simulator`: the fake xAI realtime server, its config types and
 * validator, and the `ws` transport. The msw handler lives in `./msw/index.ts` (package
 * export `rt-sim/msw`) so that importing the simulator does not load msw.
 */
export { parseReplayFile } from './replay-file.js';
export { Simulator, createSimulator, type CreateSimulatorOptions } from './simulator.js';
export type { SimFrame, SimConnectionEvent, SimCloseEvent } from './simulator-events.js';
export type { SimSessionInfo, CloseInitiator } from './session.js';
export type { SimulatorConfig } from './simulator-config.js';
export { serveSimulator, type ServeOptions, type ServeHandle } from './serve.js';
export {
  SERVER_DEFAULTS,
  WIRE_FAULT_NAMES,
  type ServerConfig,
  type ReplyConfig,
  type AudioSpec,
  type FunctionCallConfig,
  type FailureSpec,
  type CutPoint,
  type MidFailureSpec,
  type ServerCancelSpec,
  type IncompleteSpec,
  type PacingSpec,
  type XaiQuirks,
  type VadConfig,
  type ServerLatency,
  type Direction,
  type ToxicOptions,
  type LatencyToxic,
  type BandwidthToxic,
  type SlicerToxic,
  type TimeoutToxic,
  type ResetPeerToxic,
  type SlowCloseToxic,
  type LimitDataToxic,
  type WireFaultName,
} from './config.js';
export {
  INITIAL_STATE,
  ACTION_NAMES,
  type ScriptRule,
  type Trigger,
  type EventTrigger,
  type TimeTrigger,
  type StateTrigger,
  type HandshakeTrigger,
  type ConnectTrigger,
  type Action,
  type ActionName,
  type Matcher,
  type EventSelector,
  type ErrorSpec,
} from './script/rules.js';
export {
  REPLAY_DEFAULTS,
  TIME_FIELDS,
  formatReplayIssue,
  formatDifference,
  type TranscriptReplayConfig,
  type ReplayMode,
  type ReplayIssue,
  type NearMiss,
  type FieldDifference,
} from './replay/index.js';
export { validateSimulatorConfig, formatConfigIssues, type ConfigIssue } from './validate-config.js';
export { decodeWav, encodeWav, type DecodedAudio } from '../audio/index.js';
export { toneSamples, silenceSamples } from './audio-source.js';
