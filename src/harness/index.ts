export { runScenario, SCENARIO_API_KEY } from './runner.js';
export type { RunOptions, RunOutcome } from './runner.js';
export { DEFAULT_GOLDEN_DIR, loadOrInvalid, quote, runSuite, runSuiteFile } from './suite.js';
export type { GoldenDifference, SuiteDispatch, SuiteFileOptions, SuiteFileOutcome } from './suite.js';
export { crashedResult } from './crashed-result.js';
export { runInOrder } from './in-order.js';
export type { InOrderOptions } from './in-order.js';
export type { SuiteOptions } from './suite.js';
export { loadScenario, parseScenario, ScenarioError } from './load.js';
export { validateScenario, SCENARIO_KEYS } from './validate.js';
export type { BlockValidators } from './validate.js';
export { blockValidators } from './validators.js';
export { discoverScenarios, parseShard, selectShard } from './discover.js';
export { serializeObservation } from './observation.js';
export { Observer } from './observe.js';
export { IDLE_QUIET_MS } from './steps.js';
export type {
  Observation,
  FrameRecord,
  EventRecord,
  ConnectionRecord,
  AudioRecord,
  LogRecord,
  RuleFiring,
} from './observation.js';
export { checkGolden, goldenPath, unownedGoldens } from './golden.js';
export type { GoldenOutcome } from './golden.js';
export { describeFirst, diffGolden, goldenDiff } from './diff.js';
export { firstDifference } from './json-path.js';
export type { GoldenDiff } from './diff.js';
export { checkChatCtx, checkExpectations, countCheck, selects } from './expect.js';
export { formatIssue, formatPath } from './issue.js';
export type { ScenarioIssue, PathIssue, DocPath } from './issue.js';
export type { Scenario, Step, Expectation, CountFilter, InputAudioExpectation } from './scenario.js';
export { INPUT_AUDIO_TOLERANCE } from './scenario.js';
export { InputSoundMeter, SOUND_FLOOR_DBFS, type InputSound } from './input-sound.js';
export type { SuiteReport, ScenarioResult, Failure } from './report.js';
export { isInvalid, summarise } from './report.js';
export {
  formatConsoleReport,
  formatConsoleSummary,
  formatScenarioResult,
  formatJsonReport,
  formatJunitReport,
  formatHtmlIndex,
  formatHtmlPage,
  pageFileName,
  timelineData,
  paint,
  PLAIN,
  wantsColor,
} from './reporters/index.js';
export type { ConsoleStyle, HtmlIndexEntry, TimelineData } from './reporters/index.js';
export { serveScenario } from './serve.js';
export type { ServeScenarioOptions, ServedScenario } from './serve.js';
export { createControlPlane, type ServeVerdict, type ServedState } from './serve-plane.js';
export { RULE_CATALOGUE, coverableRuleRefs, findRule } from './rule-catalogue.js';
export type { RuleClause, RuleEntry } from './rule-catalogue.js';
export { DEFAULT_KEEP_CLOSED, DEFAULT_RING, MAX_FRAME_TYPES, ServeLog } from './serve-log.js';
export { DEFAULT_JOURNAL, ServeJournal, type JournalEntry, type JournalPage } from './serve-journal.js';
export {
  CONTROL_PREFIX,
  answerControl,
  type ControlConnection,
  type ControlErrorBody,
  type ControlPlane,
} from './serve-control.js';
export type { ConnectionSummary, ServeLogOptions } from './serve-log.js';
export { Ring } from './ring.js';
export { webSocketClassOver, type WebSocketClass } from './socket-classes.js';
export { placeSteps, type PlacedStep } from './step-tree.js';
export { ADAPTER_EVENT_OF, ADAPTER_MATCH_FIELDS, conformIssues } from './conform-map.js';
export { expectationsOfRule, expectationText } from './expect-rules.js';
export { branchesOf, isAwait, isParallel } from './step-tree.js';
export { loadAudioSource, type PcmClip } from './audio-source.js';
