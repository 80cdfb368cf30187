/**
 * Checks the `server:` and `script:` blocks of a scenario and reports every problem with
 * its path inside the block (the harness maps paths to file:line), a message saying what
 * was expected and what came, and a hint when a likely fix is known.
 */
import { didYouMean } from '../errors/index.js';
import { isPlainObject } from '../protocol/index.js';
import type { Check, ConfigIssue } from './config-checks.js';
import {
  SCENARIO_NUMBER_BOUNDS as BOUNDS,
  add,
  bool,
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
import { validateScript, rule } from './validate-script.js';

export { SCENARIO_NUMBER_BOUNDS, type ConfigIssue } from './config-checks.js';
export { validateScript } from './validate-script.js';

const serverChecks: Record<string, Check> = {
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
  userTranscript: either('a string or a list of strings', (v) =>
    Array.isArray(v) ? listOf(str) : typeof v === 'string' ? str : undefined,
  ),
  transcriptionDelayMs: ms,
  resumption: obj({ ttlMs: ms }),
  ping: obj({ everyMs: num({ above: 0, max: BOUNDS.durationMs }) }, ['everyMs']),
  tools: listOf((v, p, out) => {
    if (!isPlainObject(v)) return add(out, p, `expected a tool mapping { type, … }, got ${describe(v)}`);
    const checks: Record<string, Check> = {
      function: obj({ type: str, name: nonEmptyStr, description: str, parameters: mapping }, ['type', 'name']),
      web_search: obj({ type: str }),
      x_search: obj({ type: str, allowed_x_handles: listOf(nonEmptyStr) }),
      file_search: obj({ type: str, vector_store_ids: listOf(nonEmptyStr), max_num_results: smallPositiveInt }, [
        'type',
        'vector_store_ids',
      ]),
    };
    const type = v['type'];
    if (type === 'mcp')
      return obj({ type: str, server_label: nonEmptyStr, server_url: nonEmptyStr }, ['type', 'server_label'])(
        v,
        p,
        out,
      );
    const check = typeof type === 'string' && Object.hasOwn(checks, type) ? checks[type] : undefined;
    if (check) return check(v, p, out);
    oneOf('function', 'web_search', 'x_search', 'file_search', 'mcp')(type, [...p, 'type'], out);
  }),
  mcpTools: (v, p, out) => {
    if (!isPlainObject(v))
      return add(out, p, `expected a mapping of MCP server labels to lists of tools, got ${describe(v)}`);
    for (const [label, tools] of Object.entries(v))
      listOf(obj({ name: nonEmptyStr, description: str, inputSchema: mapping }, ['name']))(tools, [...p, label], out);
  },
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
};

const serverCheck = obj(serverChecks);

/** Checks a `server:` block; paths are relative to it. */
export function validateServerConfig(value: unknown): ConfigIssue[] {
  const out: ConfigIssue[] = [];
  serverCheck(value, [], out);
  return out;
}

/** Checks `{ server, script }`; paths start with `server` or `script`. */
export function validateSimulatorConfig(value: unknown): ConfigIssue[] {
  const out: ConfigIssue[] = [];
  if (!isPlainObject(value)) {
    add(out, [], `expected a mapping { server?, script? }, got ${describe(value)}`);
    return out;
  }
  for (const key of Object.keys(value)) {
    if (key !== 'server' && key !== 'script')
      add(out, [key], `unknown key "${key}"; expected server or script`, didYouMean(key, ['server', 'script']));
  }
  if (value['server'] !== undefined) serverCheck(value['server'], ['server'], out);
  if (value['script'] !== undefined) listOf(rule)(value['script'], ['script'], out);
  return out;
}

/** One line per issue, `path: message (hint)`, for error messages. */
export function formatConfigIssues(issues: readonly ConfigIssue[]): string {
  return issues
    .map((i) => `${i.path.length > 0 ? i.path.join('.') : '(root)'}: ${i.message}${i.hint ? ` (${i.hint})` : ''}`)
    .join('; ');
}
