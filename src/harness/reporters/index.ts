export { formatConsoleReport } from './console.js';
export { formatJsonReport } from './json.js';
export { formatJunitReport } from './junit.js';
