/**
 * Public API of `src/fuzz`: fast-check arbitraries for whole scenarios (server behaviour,
 * event orderings, faults, client steps), the invariants every run must keep, and the
 * runner behind `rt-sim fuzz` that shrinks a failure into a scenario file. docs/fuzz.md
 * describes it.
 */
export type {
  FuzzCase,
  ClientSetup,
  ReplySetup,
  CallSetup,
  CutSetup,
  EndSetup,
  QuirkSetup,
  LatencySetup,
  ServerSetup,
  FaultSpec,
  FaultTrigger,
  StepSpec,
} from './fuzz-case.js';
export { clientSetupArbitrary } from './client-arbitrary.js';
export {
  serverSetupArbitrary,
  replySetupArbitrary,
  callSetupArbitrary,
  cutSetupArbitrary,
  endSetupArbitrary,
  pacingArbitrary,
  quirkSetupArbitrary,
  latencySetupArbitrary,
  wordsArbitrary,
  WORDS,
} from './server-arbitrary.js';
export { faultArbitrary, faultTriggerArbitrary } from './fault-arbitrary.js';
export { stepArbitrary, stepsArbitrary } from './step-arbitrary.js';
export { fuzzCaseArbitrary, type CaseLimits } from './case-arbitrary.js';
export {
  CONNECTION_FAULT_EVENTS,
  DELAYABLE_EVENTS,
  DROPPABLE_EVENTS,
  DUPLICABLE_EVENTS,
  REORDERABLE_EVENTS,
} from './fault-events.js';
export {
  toScenarioDocument,
  validateDocument,
  buildScenario,
  describeFault,
  effectiveFaults,
  effectiveIdleTimeoutMs,
  effectiveReplies,
  describeReply,
  FUZZ_TOOL,
  settleMs,
  sentence,
  userItemId,
  FUZZ_TIMEOUT_MS,
  type ScenarioDocument,
} from './to-scenario.js';
export { runFuzzScenario, type FuzzRun, type RawFrame } from './fuzz-run.js';
export type { Invariant, Violation } from './violation.js';
export {
  INVARIANTS,
  checkInvariants,
  runEnds,
  clientFramesMatchCatalogue,
  clientEventIdsUnique,
  sessionUpdateLeads,
  generationsEnd,
  callFailuresExplained,
  retryBudgetKept,
  reconnectsAfterDrop,
  chatCtxApiAgrees,
  chatCtxConsistent,
  mirrorOrderMatchesServer,
  itemReferencesKnown,
  cancelOnlyWhileResponding,
  appendSizes,
  rawEventsSurfaced,
  secretsRedacted,
  metricsConsistent,
  failedResponsesRaiseError,
  functionCallsFinished,
} from './invariants.js';
export { metricsMatchWire, transcriptsMatchDeltas, userInitiatedMatches } from './value-invariants.js';
export { truncateAsAsked, commitsAtThreshold, outputAudioAsAsked, inputAudioAsSent } from './value-invariants-audio.js';
export { retryBudget, type BudgetVerdict } from './retry-budget.js';
export { failureScenarioText, writeFailureScenario, type FailureOrigin } from './scenario-file.js';
export { formatFuzzReport } from './format-fuzz-report.js';
export {
  toFuzzJsonReport,
  formatFuzzJsonReport,
  FUZZ_REPORT_KIND,
  FUZZ_REPORT_VERSION,
  type FuzzJsonReport,
  type FuzzJsonFailure,
  type FuzzShardSummary,
} from './fuzz-json-report.js';
export { mergeFuzzReports, type NamedReport } from './merge-reports.js';
export { runCampaign, inShard, isFailure, type FuzzShard, type CampaignResult, type CaseChecker } from './campaign.js';
export { checkCase, runCase, CASE_NAME, type CaseResult } from './check-case.js';
export { createFuzzPool, type FuzzPool } from './fuzz-pool.js';
export type { FuzzTask } from './fuzz-worker.js';
export { loadInvariants } from './invariants-module.js';
export { tallyInvariants, type InvariantTally } from './invariant-tally.js';
export {
  runFuzz,
  casesOf,
  failureName,
  DEFAULT_FUZZ_SEED,
  DEFAULT_FUZZ_RUNS,
  DEFAULT_FUZZ_OUT,
  type FuzzOptions,
  type FuzzReport,
  type FuzzFailure,
} from './run-fuzz.js';
