/**
 * Checks of the options a `RealtimeModel` is given and of a scenario's `client:` block: the
 * client's argument validation, apart from the options themselves (options.ts) because no
 * server exchange reaches it: docs/mutation.md measures it with its unit tests.
 */
import { didYouMean } from '../errors/index.js';
import { isPlainObject, RtSimError, SUPPORTED_PCM_RATES, XAI_SERVER_VAD_LIMITS } from '../protocol/index.js';
import type { RealtimeModelOptions } from './options.js';
import { redactCredentials } from './redact.js';

/** One problem found in a `client:` block, with the path of the bad field inside it. */
export interface OptionIssue {
  path: (string | number)[];
  message: string;
  hint?: string;
}

/** The options a `RealtimeModel` takes as data (a scenario's `client:` block has all but `apiKey`). */
export const CLIENT_DATA_KEYS = [
  'apiKey',
  'baseURL',
  'model',
  'modalities',
  'voice',
  'turnDetection',
  'inputAudioTranscription',
  'inputAudioNoiseReduction',
  'toolChoice',
  'speed',
  'tracing',
  'maxResponseOutputTokens',
  'outputAudioRate',
  'maxSessionDuration',
  'idleTimeoutMs',
  'healthyConnectionMs',
  'connOptions',
  'fatalErrorCodes',
  'userTranscripts',
] as const;
const RUNTIME_KEYS = ['clock', 'random', 'socketFactory', 'WebSocket', 'logger', 'env'] as const;
/**
 * Bounds of the client's numeric options, the same in the scenario schema's `client:` block
 * (schema/scenario.schema.json; a test compares them): durations up to 24 hours, at most
 * 1000 retries, speed up to 4, up to 1,000,000 output tokens.
 */
export const CLIENT_OPTION_BOUNDS = {
  durationMs: 86_400_000,
  maxRetry: 1000,
  speed: 4,
  outputTokens: 1_000_000,
} as const;
const BOUNDS = CLIENT_OPTION_BOUNDS;
const DURATION = `${BOUNDS.durationMs} (24 h)`;

/** Fields of `connOptions`. */
export const CONN_OPTION_KEYS = ['maxRetry', 'retryIntervalMs', 'timeoutMs'] as const;
/** Fields of `turnDetection` (snake_case, as on the wire). */
export const TURN_DETECTION_KEYS: readonly string[] = [
  'type',
  'threshold',
  'prefix_padding_ms',
  'silence_duration_ms',
  'idle_timeout_ms',
  'create_response',
  'interrupt_response',
];
/** Fields of `inputAudioTranscription`. */
export const TRANSCRIPTION_KEYS: readonly string[] = ['model', 'language', 'prompt', 'language_hint', 'keyterms'];

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

function collectIssues(value: unknown, runtime: boolean): OptionIssue[] {
  const issues: OptionIssue[] = [];
  const add = (path: (string | number)[], message: string, hint?: string): void => {
    issues.push(hint === undefined ? { path, message } : { path, message, hint });
  };
  if (value === undefined || value === null) return issues;
  if (!isPlainObject(value)) {
    add([], `client options must be an object, got ${kind(value)}`);
    return issues;
  }
  const known: readonly string[] = runtime ? [...CLIENT_DATA_KEYS, ...RUNTIME_KEYS] : CLIENT_DATA_KEYS;
  for (const key of Object.keys(value)) {
    if (known.includes(key)) continue;
    if (!runtime && (RUNTIME_KEYS as readonly string[]).includes(key)) {
      add([key], `"${key}" cannot be set in a scenario file`, 'the harness provides it');
    } else {
      add([key], `unknown option "${key}"`, didYouMean(key, known));
    }
  }
  const v = value;
  const has = (key: string): boolean => v[key] !== undefined;

  if (has('apiKey') && (typeof v['apiKey'] !== 'string' || v['apiKey'] === '')) {
    add(['apiKey'], `must be a non-empty string, got ${kind(v['apiKey'])}`);
  }
  if (has('baseURL')) {
    const url = v['baseURL'];
    if (typeof url !== 'string') add(['baseURL'], `must be a string, got ${kind(url)}`);
    else {
      if (!/^(wss?|https?):\/\//.test(url) || !URL.canParse(url)) {
        add(
          ['baseURL'],
          `must be an absolute ws://, wss://, http:// or https:// URL, got ${JSON.stringify(redactCredentials(url))}`,
        );
      }
    }
  }
  if (has('model') && (typeof v['model'] !== 'string' || v['model'] === '')) {
    add(['model'], `must be a non-empty string, got ${kind(v['model'])}`);
  }
  if (has('modalities')) {
    const m = v['modalities'];
    if (!(Array.isArray(m) && m.length > 0 && m.every((x) => x === 'audio' || x === 'text'))) {
      add(['modalities'], `must be a non-empty list of "audio" and "text", got ${JSON.stringify(m)}`);
    }
  }
  if (has('voice') && v['voice'] !== null && typeof v['voice'] !== 'string') {
    add(['voice'], `must be a voice name or null, got ${kind(v['voice'])}`, 'xAI voices: ara, eve, leo, rex, sal');
  }
  if (has('turnDetection')) checkTurnDetection(v['turnDetection'], ['turnDetection'], add);
  if (has('inputAudioTranscription'))
    checkTranscription(v['inputAudioTranscription'], ['inputAudioTranscription'], add);
  if (has('inputAudioNoiseReduction')) {
    const nr = v['inputAudioNoiseReduction'];
    const type = isPlainObject(nr) ? nr['type'] : nr;
    if (nr !== null && type !== 'near_field' && type !== 'far_field') {
      add(
        ['inputAudioNoiseReduction'],
        `must be null, "near_field", "far_field" or { type }, got ${JSON.stringify(nr)}`,
      );
    }
  }
  if (has('toolChoice')) checkToolChoice(v['toolChoice'], add);
  if (
    has('speed') &&
    !(typeof v['speed'] === 'number' && Number.isFinite(v['speed']) && v['speed'] > 0 && v['speed'] <= BOUNDS.speed)
  ) {
    add(
      ['speed'],
      `must be a positive number at most ${BOUNDS.speed}, got ${JSON.stringify(v['speed'])}`,
      'xAI accepts 0.7 to 1.5',
    );
  }
  if (has('tracing') && v['tracing'] !== null && v['tracing'] !== 'auto' && !isPlainObject(v['tracing'])) {
    add(['tracing'], `must be null, "auto" or an object, got ${kind(v['tracing'])}`);
  }
  if (has('maxResponseOutputTokens')) {
    const t = v['maxResponseOutputTokens'];
    if (t !== 'inf' && !(typeof t === 'number' && Number.isInteger(t) && t > 0 && t <= BOUNDS.outputTokens)) {
      add(
        ['maxResponseOutputTokens'],
        `must be a positive integer up to ${BOUNDS.outputTokens} or "inf", got ${JSON.stringify(t)}`,
      );
    }
  }
  if (has('outputAudioRate') && !(SUPPORTED_PCM_RATES as readonly unknown[]).includes(v['outputAudioRate'])) {
    add(
      ['outputAudioRate'],
      `must be one of ${SUPPORTED_PCM_RATES.join(', ')} (Hz), got ${JSON.stringify(v['outputAudioRate'])}`,
    );
  }
  for (const key of ['maxSessionDuration', 'idleTimeoutMs'] as const) {
    if (!has(key) || v[key] === null) continue;
    const ms = v[key];
    if (!(typeof ms === 'number' && Number.isFinite(ms) && ms > 0 && ms <= BOUNDS.durationMs)) {
      add([key], `must be a positive number of milliseconds up to ${DURATION} or null, got ${JSON.stringify(ms)}`);
    }
  }
  if (has('healthyConnectionMs')) {
    const ms = v['healthyConnectionMs'];
    if (!(typeof ms === 'number' && Number.isFinite(ms) && ms >= 0 && ms <= BOUNDS.durationMs)) {
      add(['healthyConnectionMs'], `must be a number of milliseconds from 0 to ${DURATION}, got ${JSON.stringify(ms)}`);
    }
  }
  if (has('connOptions')) checkConnOptions(v['connOptions'], add);
  if (has('fatalErrorCodes')) {
    const codes = v['fatalErrorCodes'];
    if (!(Array.isArray(codes) && codes.every((c) => typeof c === 'string' && c !== ''))) {
      add(
        ['fatalErrorCodes'],
        `must be a list of error codes (strings), got ${kind(codes)}`,
        'e.g. ["invalid_api_key"]; [] never gives up',
      );
    }
  }
  if (has('userTranscripts') && v['userTranscripts'] !== 'turn' && v['userTranscripts'] !== 'reference') {
    add(['userTranscripts'], `must be "turn" or "reference", got ${JSON.stringify(v['userTranscripts'])}`);
  }
  if (runtime) {
    for (const key of ['clock', 'random', 'logger'] as const) {
      if (has(key) && !isPlainObject(v[key])) add([key], `must be an object, got ${kind(v[key])}`);
    }
    for (const key of ['socketFactory', 'WebSocket'] as const) {
      if (has(key) && typeof v[key] !== 'function') add([key], `must be a function, got ${kind(v[key])}`);
    }
    if (has('env') && !isPlainObject(v['env'])) add(['env'], `must be an object, got ${kind(v['env'])}`);
  }
  return issues;
}

type Add = (path: (string | number)[], message: string, hint?: string) => void;

function checkConnOptions(value: unknown, add: Add): void {
  if (!isPlainObject(value)) {
    add(['connOptions'], `must be an object, got ${kind(value)}`);
    return;
  }
  for (const key of Object.keys(value)) {
    if (!(CONN_OPTION_KEYS as readonly string[]).includes(key)) {
      const inMs = CONN_OPTION_KEYS.find((k) => k.toLowerCase() === `${key.replace(/_/g, '')}ms`.toLowerCase());
      add(
        ['connOptions', key],
        `unknown option "${key}"`,
        inMs ? `durations are milliseconds: use "${inMs}"` : didYouMean(key, CONN_OPTION_KEYS),
      );
    }
  }
  const retry = value['maxRetry'];
  if (
    retry !== undefined &&
    !(typeof retry === 'number' && Number.isInteger(retry) && retry >= 0 && retry <= BOUNDS.maxRetry)
  ) {
    add(
      ['connOptions', 'maxRetry'],
      `must be a whole number from 0 to ${BOUNDS.maxRetry}, got ${JSON.stringify(retry)}`,
    );
  }
  const interval = value['retryIntervalMs'];
  if (
    interval !== undefined &&
    !(typeof interval === 'number' && Number.isFinite(interval) && interval >= 0 && interval <= BOUNDS.durationMs)
  ) {
    add(
      ['connOptions', 'retryIntervalMs'],
      `must be a number of milliseconds from 0 to ${DURATION}, got ${JSON.stringify(interval)}`,
    );
  }
  const timeout = value['timeoutMs'];
  if (
    timeout !== undefined &&
    !(typeof timeout === 'number' && Number.isFinite(timeout) && timeout > 0 && timeout <= BOUNDS.durationMs)
  ) {
    add(
      ['connOptions', 'timeoutMs'],
      `must be a number of milliseconds > 0 and at most ${DURATION}, got ${JSON.stringify(timeout)}`,
    );
  }
}

function checkTurnDetection(value: unknown, path: string[], add: Add): void {
  if (value === null) return;
  if (!isPlainObject(value)) {
    add(path, `must be null (manual turns) or a server_vad object, got ${kind(value)}`);
    return;
  }
  if (value['type'] !== 'server_vad') {
    add(
      [...path, 'type'],
      `must be "server_vad", got ${JSON.stringify(value['type'])}`,
      'xAI has no semantic_vad; use null for manual turns',
    );
  }
  for (const key of Object.keys(value)) {
    if (!TURN_DETECTION_KEYS.includes(key))
      add(
        [...path, key],
        `unknown turn detection field "${key}"`,
        didYouMean(key, TURN_DETECTION_KEYS) ?? 'fields are snake_case as on the wire',
      );
  }
  for (const [key, [min, max]] of Object.entries(XAI_SERVER_VAD_LIMITS)) {
    const n = value[key];
    if (n === undefined) continue;
    if (!(typeof n === 'number' && n >= min && n <= max))
      add([...path, key], `must be a number from ${min} to ${max}, got ${JSON.stringify(n)}`);
  }
  const idle = value['idle_timeout_ms'];
  if (idle !== undefined && idle !== null && !(typeof idle === 'number' && idle >= 0 && idle <= BOUNDS.durationMs)) {
    add(
      [...path, 'idle_timeout_ms'],
      `must be a number of milliseconds from 0 to ${DURATION} or null, got ${JSON.stringify(idle)}`,
    );
  }
  for (const key of ['create_response', 'interrupt_response']) {
    if (value[key] !== undefined && typeof value[key] !== 'boolean')
      add([...path, key], `must be a boolean, got ${kind(value[key])}`);
  }
}

function checkTranscription(value: unknown, path: string[], add: Add): void {
  if (value === null) return;
  if (!isPlainObject(value)) {
    add(path, `must be null or an object like { model: "gpt-4o-mini-transcribe" }, got ${kind(value)}`);
    return;
  }
  for (const key of Object.keys(value)) {
    if (!TRANSCRIPTION_KEYS.includes(key))
      add([...path, key], `unknown transcription field "${key}"`, didYouMean(key, TRANSCRIPTION_KEYS));
  }
  for (const key of ['model', 'language', 'prompt', 'language_hint']) {
    if (value[key] !== undefined && typeof value[key] !== 'string')
      add([...path, key], `must be a string, got ${kind(value[key])}`);
  }
  const terms = value['keyterms'];
  if (terms !== undefined && !(Array.isArray(terms) && terms.every((t) => typeof t === 'string'))) {
    add([...path, 'keyterms'], `must be a list of strings, got ${kind(terms)}`);
  }
}

function checkToolChoice(value: unknown, add: Add): void {
  if (value === null || value === 'auto' || value === 'none' || value === 'required') return;
  if (isPlainObject(value) && value['type'] === 'function') {
    const fn = value['function'];
    const name = isPlainObject(fn) ? fn['name'] : value['name'];
    if (typeof name === 'string' && name !== '') return;
  }
  add(
    ['toolChoice'],
    `must be "auto", "none", "required", null or { type: "function", name }, got ${JSON.stringify(value)}`,
  );
}

function kind(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  return typeof value;
}
