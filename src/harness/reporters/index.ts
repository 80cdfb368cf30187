export { formatConsoleReport, formatConsoleSummary, formatScenarioResult } from './console.js';
export { formatJsonReport } from './json.js';
export { formatJunitReport } from './junit.js';
export { paint, PLAIN, wantsColor } from './style.js';
export type { ConsoleStyle } from './style.js';
