export { formatConsoleReport, formatConsoleSummary, formatScenarioResult } from './console.js';
export { formatJsonReport } from './json.js';
export { formatJunitReport } from './junit.js';
export { paint, PLAIN, wantsColor } from './style.js';
export type { ConsoleStyle } from './style.js';
export { formatHtmlIndex, formatHtmlPage, pageFileName } from './html.js';
export type { HtmlIndexEntry } from './html.js';
export { timelineData } from './timeline-data.js';
export type {
  TimelineChunk,
  TimelineData,
  TimelineDifference,
  TimelineFault,
  TimelineFrame,
  TimelineResponse,
} from './timeline-data.js';
