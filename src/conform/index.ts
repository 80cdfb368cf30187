/** `rt-sim conform`: scenarios marked `conform: true` played through any client's adapter (docs/conform.md). */
export { AdapterProcess, MAX_EVENTS, MAX_LINE_CHARS, MAX_LOG_CHARS, MAX_PROTOCOL_ERRORS } from './adapter-process.js';
export {
  ADAPTER_EVENTS,
  parseAdapterLine,
  type AdapterCommandName,
  type AdapterCommands,
  type AdapterEvent,
  type AdapterEventName,
  type AdapterLine,
  type AdapterReply,
} from './adapter-protocol.js';
export { judgeExpectations, type ExpectationOutcome } from './conform-checks.js';
export {
  CONFORM_API_KEY,
  DEFAULT_CONFORM_TIMEOUT_MS,
  EXIT_GRACE_MS,
  conformScenario,
  type ConformOptions,
  type ConformResult,
} from './conform-run.js';
export {
  buildReport,
  formatConformConsole,
  formatConformJson,
  STATUS_LABEL,
  type ConformReport,
  type ConformStatus,
  type RuleRow,
} from './conform-report.js';
export { formatConformHtml } from './conform-html.js';
