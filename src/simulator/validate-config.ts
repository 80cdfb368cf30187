/**
 * Checks the `server:` and `script:` blocks of a scenario and reports every problem with
 * its path inside the block (the harness maps paths to file:line), a message saying what
 * was expected and what came, and a hint when a likely fix is known.
 */
import { z } from 'zod';
import { didYouMean } from '../errors/index.js';
import { expecting, isPlainObject } from '../protocol/index.js';
import type { ConfigIssue } from './config-checks.js';
import {
  SCENARIO_NUMBER_BOUNDS as BOUNDS,
  bool,
  configIssues,
  describe,
  either,
  factor,
  listOf,
  mapping,
  ms,
  nonEmptyStr,
  nullable,
  num,
  obj,
  oneOf,
  positiveInt,
  smallPositiveInt,
  str,
} from './config-checks.js';
import { PROFILE_NAMES } from './profile/index.js';
import { functionCall, reply } from './validate-reply.js';
import { rule } from './validate-script.js';

export { SCENARIO_NUMBER_BOUNDS, type ConfigIssue } from './config-checks.js';
export { validateScript } from './validate-script.js';

const transcriptText = listOf(str);
const userTranscript = either('a string or a list of strings', [transcriptText, str], (v) =>
  Array.isArray(v) ? transcriptText : typeof v === 'string' ? str : undefined,
);

const TOOL_TYPES = ['function', 'web_search', 'x_search', 'file_search', 'mcp'] as const;
const toolSchemas = {
  function: obj({ type: str, name: nonEmptyStr, description: str, parameters: mapping }, ['type', 'name']),
  web_search: obj({ type: str }),
  x_search: obj({ type: str, allowed_x_handles: listOf(nonEmptyStr) }),
  file_search: obj({ type: str, vector_store_ids: listOf(nonEmptyStr), max_num_results: smallPositiveInt }, [
    'type',
    'vector_store_ids',
  ]),
  mcp: obj({ type: str, server_label: nonEmptyStr, server_url: nonEmptyStr }, ['type', 'server_label']),
};
// Picked for a missing or unknown type, which it refuses by the type alone.
const unknownTool = z
  .object({ type: oneOf(...TOOL_TYPES) })
  .catchall(z.unknown())
  .meta({ not: {} });
const tool = either('a tool mapping { type, … }', [...Object.values(toolSchemas), unknownTool], (v) => {
  if (!isPlainObject(v)) return undefined;
  const type = v['type'];
  return typeof type === 'string' && Object.hasOwn(toolSchemas, type)
    ? toolSchemas[type as keyof typeof toolSchemas]
    : unknownTool;
});

const mcpTool = obj({ name: nonEmptyStr, description: str, inputSchema: mapping }, ['name']);
const mcpTools = expecting(z.record(z.string(), listOf(mcpTool)), 'a mapping of MCP server labels to lists of tools');

/** The `server:` block of a scenario. */
export const serverSchema = obj({
  profile: oneOf(...PROFILE_NAMES),
  apiKey: nullable(nonEmptyStr),
  clientSecrets: listOf(nonEmptyStr),
  model: nonEmptyStr,
  models: listOf(nonEmptyStr, { nonEmpty: true }),
  voices: listOf(nonEmptyStr),
  lifetimeMs: nullable(ms),
  sessionCreated: bool,
  refuseTruncate: bool,
  latency: obj({ ms, jitterMs: ms, direction: oneOf('downstream', 'upstream', 'both') }, ['ms']),
  xaiQuirks: obj({
    nullPreviousItemId: bool,
    emptyDeletedItemId: bool,
    transcriptInUserItem: bool,
    topLevelUsage: bool,
    textEvents: oneOf('xai', 'openai'),
  }),
  vad: obj({ floorDb: num({ min: BOUNDS.floorDb, max: -1 }) }),
  reply,
  replies: listOf(reply, { nonEmpty: true }),
  functionCall,
  userTranscript,
  transcriptionDelayMs: ms,
  resumption: obj({ ttlMs: ms }),
  ping: obj({ everyMs: num({ above: 0, max: BOUNDS.durationMs }) }, ['everyMs']),
  tools: listOf(tool),
  mcpTools,
  transcript: obj(
    {
      file: nonEmptyStr,
      speed: factor,
      mode: oneOf('strict', 'lenient'),
      ignore: listOf(nonEmptyStr),
      background: listOf(nonEmptyStr),
      connection: positiveInt,
    },
    ['file'],
  ),
});

/** The `script:` block of a scenario: a list of rules. */
export const scriptSchema = listOf(rule);

/** Checks a `server:` block; paths are relative to it. */
export function validateServerConfig(value: unknown): ConfigIssue[] {
  return configIssues(serverSchema, value);
}

/** Checks `{ server, script }`; paths start with `server` or `script`. */
export function validateSimulatorConfig(value: unknown): ConfigIssue[] {
  if (!isPlainObject(value)) {
    return [{ path: [], message: `expected a mapping { server?, script? }, got ${describe(value)}` }];
  }
  const out: ConfigIssue[] = [];
  for (const key of Object.keys(value)) {
    if (key === 'server' || key === 'script') continue;
    const hint = didYouMean(key, ['server', 'script']);
    const message = `unknown key "${key}"; expected server or script`;
    out.push(hint === undefined ? { path: [key], message } : { path: [key], message, hint });
  }
  for (const [key, schema] of [
    ['server', serverSchema],
    ['script', scriptSchema],
  ] as const) {
    if (value[key] === undefined) continue;
    for (const issue of configIssues(schema, value[key])) out.push({ ...issue, path: [key, ...issue.path] });
  }
  return out;
}

/** One line per issue, `path: message (hint)`, for error messages. */
export function formatConfigIssues(issues: readonly ConfigIssue[]): string {
  return issues
    .map((i) => `${i.path.length > 0 ? i.path.join('.') : '(root)'}: ${i.message}${i.hint ? ` (${i.hint})` : ''}`)
    .join('; ');
}
