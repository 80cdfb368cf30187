import type { Clock, Random } from '../clock/index.js';
import type { SocketFactory, SocketLike } from '../link/index.js';
import {
  DEFAULT_TRANSCRIPTION,
  RtSimError,
  SAMPLE_RATE,
  SUPPORTED_PCM_RATES,
  XAI_DEFAULT_TURN_DETECTION,
  XAI_DEFAULT_VOICE,
  XAI_SERVER_VAD_LIMITS,
  type InputAudioTranscription,
  type Modality,
  type NoiseReduction,
  type PcmRate,
  type ToolChoice,
  type TurnDetection,
} from '../protocol/index.js';
import type { Logger } from './logger.js';
import { redactCredentials } from './redact.js';

/** Connection loop settings (R1.1 `conn_options`), in milliseconds. */
export interface ConnOptions {
  /** Retries after the first failed attempt; 0 makes the first failure fatal (R2.4). */
  maxRetry: number;
  /** Sleep before every retry but the first, which waits 100 ms (R2.3). */
  retryIntervalMs: number;
  /** Connect (handshake) timeout. */
  timeoutMs: number;
}

/** `tool_choice` as the user gives it: the wire forms, or the OpenAI SDK's nested function form. */
export type ToolChoiceOption = ToolChoice | { type: 'function'; function: { name: string } };

/** Noise reduction as the user gives it: a type name is wrapped as `{ type }` (§5.14). */
export type NoiseReductionOption = NoiseReduction | NoiseReduction['type'] | null;

/** `tracing` of `session.update`. */
export type TracingOption = 'auto' | Record<string, unknown> | null;

/**
 * A WHATWG-style WebSocket class (Node's global `WebSocket`, the `ws` package's class,
 * msw's interceptor). It is called as `new C(url, { protocols, headers })`, which `ws` and
 * Node's undici both read, headers included; a class that throws on that form is called as
 * `new C(url, protocols)`, without headers, as browsers take it.
 */
export type WebSocketCtor = new (
  url: string,
  protocolsOrInit?: string | string[] | { protocols?: string[]; headers?: Record<string, string> },
) => SocketLike;

/** Session options shared by the model and its sessions; `updateOptions` changes them (§5.14). */
export interface SessionOptions {
  voice: string | null;
  turnDetection: TurnDetection;
  inputAudioTranscription: InputAudioTranscription | null;
  inputAudioNoiseReduction: NoiseReduction | null;
  toolChoice: ToolChoiceOption | null;
  speed: number;
  tracing: TracingOption;
  maxResponseOutputTokens: number | 'inf';
  /** Rate of the `audio/pcm` the server is asked to send, and of the frames the client emits. */
  outputAudioRate: PcmRate;
}

/**
 * Server `error` codes after which a retry cannot help, so the session dies instead of
 * reconnecting: upstream's list (2026) plus `model_not_found`, which no reconnect fixes either.
 */
export const DEFAULT_FATAL_ERROR_CODES: readonly string[] = Object.freeze([
  'invalid_api_key',
  'insufficient_quota',
  'account_deactivated',
  'billing_hard_limit_reached',
  'model_not_found',
]);

/** How user transcripts are emitted (`userTranscripts` option). */
export type UserTranscriptsMode = 'turn' | 'reference';

/** Where the client departs from the reference for the live service; fixed per model. */
export interface ClientBehaviour {
  /** Server `error` codes that kill the session (empty: every error is recoverable, as the reference). */
  readonly fatalErrorCodes: ReadonlySet<string>;
  readonly userTranscripts: UserTranscriptsMode;
}

/** Options of {@link RealtimeModel} (R1.1–R1.3). Durations are milliseconds. */
export interface RealtimeModelOptions {
  /** Bearer token; defaults to the `XAI_API_KEY` environment variable. */
  apiKey?: string;
  /** Default `wss://api.x.ai/v1/realtime`; see `processBaseUrl` for how the URL is built. */
  baseURL?: string;
  /** Default `grok-4-1-fast-non-reasoning` (R1.2). The reference plugin does not let it change. */
  model?: string;
  /** Output modalities; default `['audio']` (R1.2). `['text']` makes a text-only model. */
  modalities?: Modality[];
  /** Default `'ara'`; `null` sends `"voice": null`. Any string is passed through. */
  voice?: string | null;
  /** Default: server VAD as in §1.6; `null` for manual turns. */
  turnDetection?: TurnDetection;
  /** Default `{ model: 'gpt-4o-mini-transcribe' }` (R1.3); `null` turns it off. */
  inputAudioTranscription?: InputAudioTranscription | null;
  /** Default `null`. */
  inputAudioNoiseReduction?: NoiseReductionOption;
  /** Default `null`, sent as `"auto"`. */
  toolChoice?: ToolChoiceOption | null;
  /** Default 1.0. */
  speed?: number;
  /** Default `null`. */
  tracing?: TracingOption;
  /** Default `'inf'`. */
  maxResponseOutputTokens?: number | 'inf';
  /**
   * Rate of the output audio, one of the `audio/pcm` rates xAI offers (8000, 16000, 22050,
   * 24000, 32000, 44100, 48000 Hz; reference §1.5). Default 24000, the only rate the
   * reference plugin asks for. Sent as `audio.output.format.rate`; output frames carry it.
   */
  outputAudioRate?: PcmRate;
  /** Recycle the socket after this long (§5.4); default `null`: never, as the xAI plugin. */
  maxSessionDuration?: number | null;
  /**
   * Treat a socket that delivers no frame (any frame, `ping` included) for this long as
   * dropped (rt-sim extra; default 30000; `null` turns it off).
   */
  idleTimeoutMs?: number | null;
  /**
   * How long a socket must stay up, with its `session.update` answered by `session.updated`,
   * before it counts as healthy and the retry counter resets (rt-sim extra; default
   * {@link DEFAULT_HEALTHY_CONNECTION_MS}). The reference resets on every reconnect, so a
   * server that greets and drops made it reconnect forever.
   */
  healthyConnectionMs?: number;
  /** Default `{ maxRetry: 3, retryIntervalMs: 2000, timeoutMs: 10000 }`. */
  connOptions?: Partial<ConnOptions>;
  /**
   * Server `error` codes that end the session with a non-retryable error instead of a
   * recoverable `error` event (rt-sim extra, as upstream 2026). Default
   * {@link DEFAULT_FATAL_ERROR_CODES}; `[]` gives the reference behaviour.
   */
  fatalErrorCodes?: string[];
  /**
   * `'turn'` (default, the live 2026 service): xAI's cumulative
   * `conversation.item.input_audio_transcription.updated` are interims (`isFinal: false`) and
   * each user item gets exactly one final transcript. `'reference'`: `.updated` is ignored
   * and every `.completed` is emitted.
   */
  userTranscripts?: UserTranscriptsMode;
  /** Default: a `RealClock`. */
  clock?: Clock;
  /** Source of event and item ids; default: a fixed seed, so runs repeat. */
  random?: Random;
  /** Opens sockets; wins over `WebSocket`. Default: the `ws` package (src/link). */
  socketFactory?: SocketFactory;
  /** A WHATWG-style WebSocket class to open sockets with, when no `socketFactory` is given. */
  WebSocket?: WebSocketCtor;
  /** Default: warnings and errors to the console. */
  logger?: Logger;
  /** Where `XAI_API_KEY` is looked up; default `process.env`. */
  env?: Readonly<Record<string, string | undefined>>;
}

/** Defaults of the connection loop (R1.1). */
export const DEFAULT_CONN_OPTIONS: Readonly<ConnOptions> = Object.freeze({ maxRetry: 3, retryIntervalMs: 2000, timeoutMs: 10000 });
/** Default half-open detection time. */
export const DEFAULT_IDLE_TIMEOUT_MS = 30000;
/** Default time a socket must stay up (and its `session.update` be answered) to reset the retry counter. */
export const DEFAULT_HEALTHY_CONNECTION_MS = 2000;

/** The session defaults of R1.1 and R1.3. */
export function defaultSessionOptions(): SessionOptions {
  return {
    voice: XAI_DEFAULT_VOICE,
    turnDetection: { ...XAI_DEFAULT_TURN_DETECTION },
    inputAudioTranscription: { ...DEFAULT_TRANSCRIPTION },
    inputAudioNoiseReduction: null,
    toolChoice: null,
    speed: 1.0,
    tracing: null,
    maxResponseOutputTokens: 'inf',
    outputAudioRate: SAMPLE_RATE,
  };
}

/** `{ type }` for a noise-reduction name (§5.14), the object otherwise. */
export function toNoiseReduction(value: NoiseReductionOption): NoiseReduction | null {
  return typeof value === 'string' ? { type: value } : value;
}

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
export const CLIENT_OPTION_BOUNDS = { durationMs: 86_400_000, maxRetry: 1000, speed: 4, outputTokens: 1_000_000 } as const;
const BOUNDS = CLIENT_OPTION_BOUNDS;
const DURATION = `${BOUNDS.durationMs} (24 h)`;

/** Fields of `connOptions`. */
export const CONN_OPTION_KEYS = ['maxRetry', 'retryIntervalMs', 'timeoutMs'] as const;
/** Fields of `turnDetection` (snake_case, as on the wire). */
export const TURN_DETECTION_KEYS: readonly string[] = ['type', 'threshold', 'prefix_padding_ms', 'silence_duration_ms', 'idle_timeout_ms', 'create_response', 'interrupt_response'];
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
  if (!isRecord(value)) {
    add([], `client options must be an object, got ${kind(value)}`);
    return issues;
  }
  const known: readonly string[] = runtime ? [...CLIENT_DATA_KEYS, ...RUNTIME_KEYS] : CLIENT_DATA_KEYS;
  for (const key of Object.keys(value)) {
    if (known.includes(key)) continue;
    if (!runtime && (RUNTIME_KEYS as readonly string[]).includes(key)) {
      add([key], `"${key}" cannot be set in a scenario file`, 'the harness provides it');
    } else {
      add([key], `unknown option "${key}"`, suggest(key, known));
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
        add(['baseURL'], `must be an absolute ws://, wss://, http:// or https:// URL, got ${JSON.stringify(redactCredentials(url))}`);
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
  if (has('inputAudioTranscription')) checkTranscription(v['inputAudioTranscription'], ['inputAudioTranscription'], add);
  if (has('inputAudioNoiseReduction')) {
    const nr = v['inputAudioNoiseReduction'];
    const type = isRecord(nr) ? nr['type'] : nr;
    if (nr !== null && type !== 'near_field' && type !== 'far_field') {
      add(['inputAudioNoiseReduction'], `must be null, "near_field", "far_field" or { type }, got ${JSON.stringify(nr)}`);
    }
  }
  if (has('toolChoice')) checkToolChoice(v['toolChoice'], add);
  if (has('speed') && !(typeof v['speed'] === 'number' && Number.isFinite(v['speed']) && v['speed'] > 0 && v['speed'] <= BOUNDS.speed)) {
    add(['speed'], `must be a positive number at most ${BOUNDS.speed}, got ${JSON.stringify(v['speed'])}`, 'xAI accepts 0.7 to 1.5');
  }
  if (has('tracing') && v['tracing'] !== null && v['tracing'] !== 'auto' && !isRecord(v['tracing'])) {
    add(['tracing'], `must be null, "auto" or an object, got ${kind(v['tracing'])}`);
  }
  if (has('maxResponseOutputTokens')) {
    const t = v['maxResponseOutputTokens'];
    if (t !== 'inf' && !(typeof t === 'number' && Number.isInteger(t) && t > 0 && t <= BOUNDS.outputTokens)) {
      add(['maxResponseOutputTokens'], `must be a positive integer up to ${BOUNDS.outputTokens} or "inf", got ${JSON.stringify(t)}`);
    }
  }
  if (has('outputAudioRate') && !(SUPPORTED_PCM_RATES as readonly unknown[]).includes(v['outputAudioRate'])) {
    add(['outputAudioRate'], `must be one of ${SUPPORTED_PCM_RATES.join(', ')} (Hz), got ${JSON.stringify(v['outputAudioRate'])}`);
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
      add(['fatalErrorCodes'], `must be a list of error codes (strings), got ${kind(codes)}`, 'e.g. ["invalid_api_key"]; [] never gives up');
    }
  }
  if (has('userTranscripts') && v['userTranscripts'] !== 'turn' && v['userTranscripts'] !== 'reference') {
    add(['userTranscripts'], `must be "turn" or "reference", got ${JSON.stringify(v['userTranscripts'])}`);
  }
  if (runtime) {
    for (const key of ['clock', 'random', 'logger'] as const) {
      if (has(key) && !isRecord(v[key])) add([key], `must be an object, got ${kind(v[key])}`);
    }
    for (const key of ['socketFactory', 'WebSocket'] as const) {
      if (has(key) && typeof v[key] !== 'function') add([key], `must be a function, got ${kind(v[key])}`);
    }
    if (has('env') && !isRecord(v['env'])) add(['env'], `must be an object, got ${kind(v['env'])}`);
  }
  return issues;
}

type Add = (path: (string | number)[], message: string, hint?: string) => void;

function checkConnOptions(value: unknown, add: Add): void {
  if (!isRecord(value)) {
    add(['connOptions'], `must be an object, got ${kind(value)}`);
    return;
  }
  for (const key of Object.keys(value)) {
    if (!(CONN_OPTION_KEYS as readonly string[]).includes(key)) {
      const inMs = CONN_OPTION_KEYS.find((k) => k.toLowerCase() === `${key.replace(/_/g, '')}ms`.toLowerCase());
      add(['connOptions', key], `unknown option "${key}"`, inMs ? `durations are milliseconds: use "${inMs}"` : suggest(key, CONN_OPTION_KEYS));
    }
  }
  const retry = value['maxRetry'];
  if (retry !== undefined && !(typeof retry === 'number' && Number.isInteger(retry) && retry >= 0 && retry <= BOUNDS.maxRetry)) {
    add(['connOptions', 'maxRetry'], `must be a whole number from 0 to ${BOUNDS.maxRetry}, got ${JSON.stringify(retry)}`);
  }
  const interval = value['retryIntervalMs'];
  if (interval !== undefined && !(typeof interval === 'number' && Number.isFinite(interval) && interval >= 0 && interval <= BOUNDS.durationMs)) {
    add(['connOptions', 'retryIntervalMs'], `must be a number of milliseconds from 0 to ${DURATION}, got ${JSON.stringify(interval)}`);
  }
  const timeout = value['timeoutMs'];
  if (timeout !== undefined && !(typeof timeout === 'number' && Number.isFinite(timeout) && timeout > 0 && timeout <= BOUNDS.durationMs)) {
    add(['connOptions', 'timeoutMs'], `must be a number of milliseconds > 0 and at most ${DURATION}, got ${JSON.stringify(timeout)}`);
  }
}

function checkTurnDetection(value: unknown, path: string[], add: Add): void {
  if (value === null) return;
  if (!isRecord(value)) {
    add(path, `must be null (manual turns) or a server_vad object, got ${kind(value)}`);
    return;
  }
  if (value['type'] !== 'server_vad') {
    add([...path, 'type'], `must be "server_vad", got ${JSON.stringify(value['type'])}`, 'xAI has no semantic_vad; use null for manual turns');
  }
  for (const key of Object.keys(value)) {
    if (!TURN_DETECTION_KEYS.includes(key)) add([...path, key], `unknown turn detection field "${key}"`, suggest(key, TURN_DETECTION_KEYS) ?? 'fields are snake_case as on the wire');
  }
  for (const [key, [min, max]] of Object.entries(XAI_SERVER_VAD_LIMITS)) {
    const n = value[key];
    if (n === undefined) continue;
    if (!(typeof n === 'number' && n >= min && n <= max)) add([...path, key], `must be a number from ${min} to ${max}, got ${JSON.stringify(n)}`);
  }
  const idle = value['idle_timeout_ms'];
  if (idle !== undefined && idle !== null && !(typeof idle === 'number' && idle >= 0 && idle <= BOUNDS.durationMs)) {
    add([...path, 'idle_timeout_ms'], `must be a number of milliseconds from 0 to ${DURATION} or null, got ${JSON.stringify(idle)}`);
  }
  for (const key of ['create_response', 'interrupt_response']) {
    if (value[key] !== undefined && typeof value[key] !== 'boolean') add([...path, key], `must be a boolean, got ${kind(value[key])}`);
  }
}

function checkTranscription(value: unknown, path: string[], add: Add): void {
  if (value === null) return;
  if (!isRecord(value)) {
    add(path, `must be null or an object like { model: "gpt-4o-mini-transcribe" }, got ${kind(value)}`);
    return;
  }
  for (const key of Object.keys(value)) {
    if (!TRANSCRIPTION_KEYS.includes(key)) add([...path, key], `unknown transcription field "${key}"`, suggest(key, TRANSCRIPTION_KEYS));
  }
  for (const key of ['model', 'language', 'prompt', 'language_hint']) {
    if (value[key] !== undefined && typeof value[key] !== 'string') add([...path, key], `must be a string, got ${kind(value[key])}`);
  }
  const terms = value['keyterms'];
  if (terms !== undefined && !(Array.isArray(terms) && terms.every((t) => typeof t === 'string'))) {
    add([...path, 'keyterms'], `must be a list of strings, got ${kind(terms)}`);
  }
}

function checkToolChoice(value: unknown, add: Add): void {
  if (value === null || value === 'auto' || value === 'none' || value === 'required') return;
  if (isRecord(value) && value['type'] === 'function') {
    const fn = value['function'];
    const name = isRecord(fn) ? fn['name'] : value['name'];
    if (typeof name === 'string' && name !== '') return;
  }
  add(['toolChoice'], `must be "auto", "none", "required", null or { type: "function", name }, got ${JSON.stringify(value)}`);
}

/** "did you mean …" for a near miss (case-insensitive prefix or edit distance <= 2). */
function suggest(key: string, known: readonly string[]): string | undefined {
  const lower = key.toLowerCase();
  let best: string | undefined;
  let bestScore = Infinity;
  for (const candidate of known) {
    const c = candidate.toLowerCase();
    const score = c.startsWith(lower) || lower.startsWith(c) ? 0 : editDistance(lower, c);
    if (score < bestScore) {
      best = candidate;
      bestScore = score;
    }
  }
  return best !== undefined && bestScore <= 2 ? `did you mean "${best}"?` : undefined;
}

function editDistance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) {
      next[j] = Math.min((row[j] ?? 0) + 1, (next[j - 1] ?? 0) + 1, (row[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    row = next;
  }
  return row[b.length] ?? 0;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function kind(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  return typeof value;
}

