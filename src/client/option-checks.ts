/**
 * Checks of the options a `RealtimeModel` is given and of a scenario's `client:` block: the
 * client's argument validation, apart from the options themselves (options.ts) because no
 * server exchange reaches it: docs/mutation.md measures it with its unit tests.
 */
import { RtSimError, checkSchema, isPlainObject } from '../protocol/index.js';
import {
  CLIENT_DATA_KEYS,
  CLIENT_STYLE,
  RUNTIME_KEYS,
  clientBlockSchema,
  kind,
  modelOptionsSchema,
} from './option-schema.js';
import type { RealtimeModelOptions } from './options.js';

export {
  CLIENT_DATA_KEYS,
  CLIENT_OPTION_BOUNDS,
  CONN_OPTION_KEYS,
  TRANSCRIPTION_KEYS,
  TURN_DETECTION_KEYS,
} from './option-schema.js';

/** One problem found in a `client:` block, with the path of the bad field inside it. */
export interface OptionIssue {
  path: (string | number)[];
  message: string;
  hint?: string;
}

/**
 * Checks the `client:` block of a scenario (plain data: no clock, factory or logger) and
 * returns every problem with its path inside the block. Durations are milliseconds.
 * An empty list means the block is valid.
 */
export function validateClientOptions(value: unknown): OptionIssue[] {
  return collectIssues(value, false);
}

/**
 * Checks options given to the `RealtimeModel` constructor.
 *
 * @throws RtSimError `RTSIM_CLIENT_BAD_OPTION` naming the first bad option.
 */
export function assertModelOptions(value: unknown): asserts value is RealtimeModelOptions {
  const issues = collectIssues(value, true);
  const first = issues[0];
  if (first) {
    const where = first.path.length > 0 ? first.path.join('.') : 'options';
    throw new RtSimError(
      'RTSIM_CLIENT_BAD_OPTION',
      `RealtimeModel option ${where}: ${first.message}${first.hint ? ` (${first.hint})` : ''}`,
      { path: first.path, issues },
    );
  }
}

/**
 * The API key from the option, else from `XAI_API_KEY`.
 *
 * @throws RtSimError `RTSIM_CLIENT_NO_API_KEY` when neither is set.
 */
export function resolveApiKey(apiKey: string | undefined, env: Readonly<Record<string, string | undefined>>): string {
  const key = apiKey ?? env['XAI_API_KEY'];
  if (key === undefined || key === '') {
    throw new RtSimError(
      'RTSIM_CLIENT_NO_API_KEY',
      'an xAI API key is required: expected the apiKey option or the XAI_API_KEY environment variable, got neither',
    );
  }
  return key;
}

const DATA_KEYS: readonly string[] = CLIENT_DATA_KEYS;
const ALL_KEYS: readonly string[] = [...CLIENT_DATA_KEYS, ...RUNTIME_KEYS];

function collectIssues(value: unknown, runtime: boolean): OptionIssue[] {
  if (value === undefined || value === null) return [];
  if (!isPlainObject(value)) return [{ path: [], message: `client options must be an object, got ${kind(value)}` }];
  const result = checkSchema(runtime ? modelOptionsSchema : clientBlockSchema, value, CLIENT_STYLE, 'checks');
  if (result.ok) return [];
  const issues = result.failures.map(({ path, message, hint }) =>
    hint === undefined ? { path, message } : { path, message, hint },
  );
  // Options the client does not know come first: a misspelt key explains the rest.
  const known = runtime ? ALL_KEYS : DATA_KEYS;
  const unknown = (i: OptionIssue): boolean => i.path.length === 1 && !known.includes(String(i.path[0]));
  return [...issues.filter(unknown), ...issues.filter((i) => !unknown(i))];
}
