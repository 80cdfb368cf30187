import { describe, expect, it } from 'vitest';
import {
  assertModelOptions,
  resolveApiKey,
  validateClientOptions,
  type OptionIssue,
} from '../../src/client/option-checks.js';
import { isRtSimError } from '../../src/protocol/index.js';

/**
 * The client's argument checks, field by field and at each bound: what is accepted, and for
 * what is not, the exact path, message and hint. No scenario can reach these checks (a
 * scenario with bad options is refused before it runs), so this table is what catches a
 * check that lets a bad value through or words it wrong (docs/mutation.md: `arguments`).
 */

const D = '86400000 (24 h)';
const issue = (path: (string | number)[], message: string, hint?: string): OptionIssue =>
  hint === undefined ? { path, message } : { path, message, hint };

/** Options, and the one issue each must give (in a scenario's `client:` block). */
const BAD: [string, Record<string, unknown>, OptionIssue][] = [
  ['an empty apiKey', { apiKey: '' }, issue(['apiKey'], 'must be a non-empty string, got string')],
  ['a numeric apiKey', { apiKey: 5 }, issue(['apiKey'], 'must be a non-empty string, got number')],
  ['a numeric baseURL', { baseURL: 5 }, issue(['baseURL'], 'must be a string, got number')],
  [
    'an ftp baseURL',
    { baseURL: 'ftp://x' },
    issue(['baseURL'], 'must be an absolute ws://, wss://, http:// or https:// URL, got "ftp://x"'),
  ],
  [
    'a relative baseURL',
    { baseURL: '/v1/realtime' },
    issue(['baseURL'], 'must be an absolute ws://, wss://, http:// or https:// URL, got "/v1/realtime"'),
  ],
  [
    'a scheme in the middle of baseURL',
    { baseURL: 'x-wss://h' },
    issue(['baseURL'], 'must be an absolute ws://, wss://, http:// or https:// URL, got "x-wss://h"'),
  ],
  [
    'a baseURL URL cannot parse',
    { baseURL: 'wss://exa mple.com' },
    issue(['baseURL'], 'must be an absolute ws://, wss://, http:// or https:// URL, got "wss://exa mple.com"'),
  ],
  ['an empty model', { model: '' }, issue(['model'], 'must be a non-empty string, got string')],
  ['a list as model', { model: ['m'] }, issue(['model'], 'must be a non-empty string, got a list')],
  ['no modality', { modalities: [] }, issue(['modalities'], 'must be a non-empty list of "audio" and "text", got []')],
  [
    'an unknown modality beside a good one',
    { modalities: ['audio', 'video'] },
    issue(['modalities'], 'must be a non-empty list of "audio" and "text", got ["audio","video"]'),
  ],
  [
    'a modality string',
    { modalities: 'audio' },
    issue(['modalities'], 'must be a non-empty list of "audio" and "text", got "audio"'),
  ],
  [
    'a numeric voice',
    { voice: 3 },
    issue(['voice'], 'must be a voice name or null, got number', 'xAI voices: ara, eve, leo, rex, sal'),
  ],
  [
    'noise reduction of another type',
    { inputAudioNoiseReduction: 'studio' },
    issue(['inputAudioNoiseReduction'], 'must be null, "near_field", "far_field" or { type }, got "studio"'),
  ],
  [
    'noise reduction as an object of another type',
    { inputAudioNoiseReduction: { type: 'x' } },
    issue(['inputAudioNoiseReduction'], 'must be null, "near_field", "far_field" or { type }, got {"type":"x"}'),
  ],
  ['speed 0', { speed: 0 }, issue(['speed'], 'must be a positive number at most 4, got 0', 'xAI accepts 0.7 to 1.5')],
  [
    'speed over 4',
    { speed: 4.01 },
    issue(['speed'], 'must be a positive number at most 4, got 4.01', 'xAI accepts 0.7 to 1.5'),
  ],
  [
    'speed as a string',
    { speed: '1' },
    issue(['speed'], 'must be a positive number at most 4, got "1"', 'xAI accepts 0.7 to 1.5'),
  ],
  [
    'an infinite speed',
    { speed: Infinity },
    issue(['speed'], 'must be a positive number at most 4, got null', 'xAI accepts 0.7 to 1.5'),
  ],
  ['tracing as a number', { tracing: 1 }, issue(['tracing'], 'must be null, "auto" or an object, got number')],
  ['tracing as another string', { tracing: 'on' }, issue(['tracing'], 'must be null, "auto" or an object, got string')],
  [
    '0 output tokens',
    { maxResponseOutputTokens: 0 },
    issue(['maxResponseOutputTokens'], 'must be a positive integer up to 1000000 or "inf", got 0'),
  ],
  [
    'fractional output tokens',
    { maxResponseOutputTokens: 1.5 },
    issue(['maxResponseOutputTokens'], 'must be a positive integer up to 1000000 or "inf", got 1.5'),
  ],
  [
    'too many output tokens',
    { maxResponseOutputTokens: 1_000_001 },
    issue(['maxResponseOutputTokens'], 'must be a positive integer up to 1000000 or "inf", got 1000001'),
  ],
  [
    'output tokens as "infinite"',
    { maxResponseOutputTokens: 'infinite' },
    issue(['maxResponseOutputTokens'], 'must be a positive integer up to 1000000 or "inf", got "infinite"'),
  ],
  [
    'an output rate the service does not offer',
    { outputAudioRate: 11025 },
    issue(['outputAudioRate'], 'must be one of 8000, 16000, 22050, 24000, 32000, 44100, 48000 (Hz), got 11025'),
  ],
  [
    'a session of 0 ms',
    { maxSessionDuration: 0 },
    issue(['maxSessionDuration'], `must be a positive number of milliseconds up to ${D} or null, got 0`),
  ],
  [
    'a session over 24 h',
    { maxSessionDuration: 86_400_001 },
    issue(['maxSessionDuration'], `must be a positive number of milliseconds up to ${D} or null, got 86400001`),
  ],
  [
    'an idle timeout as a string',
    { idleTimeoutMs: '5' },
    issue(['idleTimeoutMs'], `must be a positive number of milliseconds up to ${D} or null, got "5"`),
  ],
  [
    'a negative healthy time',
    { healthyConnectionMs: -1 },
    issue(['healthyConnectionMs'], `must be a number of milliseconds from 0 to ${D}, got -1`),
  ],
  [
    'a healthy time over 24 h',
    { healthyConnectionMs: 86_400_001 },
    issue(['healthyConnectionMs'], `must be a number of milliseconds from 0 to ${D}, got 86400001`),
  ],
  [
    'a null healthy time',
    { healthyConnectionMs: null },
    issue(['healthyConnectionMs'], `must be a number of milliseconds from 0 to ${D}, got null`),
  ],
  [
    'fatal codes as a string',
    { fatalErrorCodes: 'x' },
    issue(
      ['fatalErrorCodes'],
      'must be a list of error codes (strings), got string',
      'e.g. ["invalid_api_key"]; [] never gives up',
    ),
  ],
  [
    'an empty fatal code',
    { fatalErrorCodes: ['ok', ''] },
    issue(
      ['fatalErrorCodes'],
      'must be a list of error codes (strings), got a list',
      'e.g. ["invalid_api_key"]; [] never gives up',
    ),
  ],
  [
    'another user transcript mode',
    { userTranscripts: 'all' },
    issue(['userTranscripts'], 'must be "turn" or "reference", got "all"'),
  ],
  ['connOptions as a list', { connOptions: [] }, issue(['connOptions'], 'must be an object, got a list')],
  [
    'a negative maxRetry',
    { connOptions: { maxRetry: -1 } },
    issue(['connOptions', 'maxRetry'], 'must be a whole number from 0 to 1000, got -1'),
  ],
  [
    'a fractional maxRetry',
    { connOptions: { maxRetry: 1.5 } },
    issue(['connOptions', 'maxRetry'], 'must be a whole number from 0 to 1000, got 1.5'),
  ],
  [
    'maxRetry over 1000',
    { connOptions: { maxRetry: 1001 } },
    issue(['connOptions', 'maxRetry'], 'must be a whole number from 0 to 1000, got 1001'),
  ],
  [
    'a negative retry interval',
    { connOptions: { retryIntervalMs: -1 } },
    issue(['connOptions', 'retryIntervalMs'], `must be a number of milliseconds from 0 to ${D}, got -1`),
  ],
  [
    'a retry interval over 24 h',
    { connOptions: { retryIntervalMs: 86_400_001 } },
    issue(['connOptions', 'retryIntervalMs'], `must be a number of milliseconds from 0 to ${D}, got 86400001`),
  ],
  [
    'a retry interval as a string',
    { connOptions: { retryIntervalMs: '1' } },
    issue(['connOptions', 'retryIntervalMs'], `must be a number of milliseconds from 0 to ${D}, got "1"`),
  ],
  [
    'a connect timeout of 0',
    { connOptions: { timeoutMs: 0 } },
    issue(['connOptions', 'timeoutMs'], `must be a number of milliseconds > 0 and at most ${D}, got 0`),
  ],
  [
    'a connect timeout over 24 h',
    { connOptions: { timeoutMs: 86_400_001 } },
    issue(['connOptions', 'timeoutMs'], `must be a number of milliseconds > 0 and at most ${D}, got 86400001`),
  ],
  [
    'a connect timeout in seconds',
    { connOptions: { timeout: 5 } },
    issue(['connOptions', 'timeout'], 'unknown option "timeout"', 'durations are milliseconds: use "timeoutMs"'),
  ],
  [
    'a snake_case retry interval',
    { connOptions: { retry_interval: 5 } },
    issue(
      ['connOptions', 'retry_interval'],
      'unknown option "retry_interval"',
      'durations are milliseconds: use "retryIntervalMs"',
    ),
  ],
  [
    'a misspelt conn option',
    { connOptions: { maxRetyr: 1 } },
    issue(['connOptions', 'maxRetyr'], 'unknown option "maxRetyr"', 'did you mean "maxRetry"?'),
  ],
  [
    'turn detection as a string',
    { turnDetection: 'server_vad' },
    issue(['turnDetection'], 'must be null (manual turns) or a server_vad object, got string'),
  ],
  [
    'semantic VAD',
    { turnDetection: { type: 'semantic_vad' } },
    issue(
      ['turnDetection', 'type'],
      'must be "server_vad", got "semantic_vad"',
      'xAI has no semantic_vad; use null for manual turns',
    ),
  ],
  [
    'a camelCase VAD field',
    { turnDetection: { type: 'server_vad', silenceDurationMs: 5 } },
    issue(
      ['turnDetection', 'silenceDurationMs'],
      'unknown turn detection field "silenceDurationMs"',
      'did you mean "silence_duration_ms"?',
    ),
  ],
  [
    'a VAD field far from any',
    { turnDetection: { type: 'server_vad', eagerness: 'high' } },
    issue(
      ['turnDetection', 'eagerness'],
      'unknown turn detection field "eagerness"',
      'fields are snake_case as on the wire',
    ),
  ],
  [
    'a misspelt VAD field',
    { turnDetection: { type: 'server_vad', treshold: 0.5 } },
    issue(['turnDetection', 'treshold'], 'unknown turn detection field "treshold"', 'did you mean "threshold"?'),
  ],
  [
    'a threshold under its range',
    { turnDetection: { type: 'server_vad', threshold: 0.09 } },
    issue(['turnDetection', 'threshold'], 'must be a number from 0.1 to 0.9, got 0.09'),
  ],
  [
    'a threshold over its range',
    { turnDetection: { type: 'server_vad', threshold: 0.91 } },
    issue(['turnDetection', 'threshold'], 'must be a number from 0.1 to 0.9, got 0.91'),
  ],
  [
    'silence over 10 s',
    { turnDetection: { type: 'server_vad', silence_duration_ms: 10_001 } },
    issue(['turnDetection', 'silence_duration_ms'], 'must be a number from 0 to 10000, got 10001'),
  ],
  [
    'negative padding',
    { turnDetection: { type: 'server_vad', prefix_padding_ms: -1 } },
    issue(['turnDetection', 'prefix_padding_ms'], 'must be a number from 0 to 10000, got -1'),
  ],
  [
    'padding as a string',
    { turnDetection: { type: 'server_vad', prefix_padding_ms: '300' } },
    issue(['turnDetection', 'prefix_padding_ms'], 'must be a number from 0 to 10000, got "300"'),
  ],
  [
    'a negative VAD idle timeout',
    { turnDetection: { type: 'server_vad', idle_timeout_ms: -1 } },
    issue(['turnDetection', 'idle_timeout_ms'], `must be a number of milliseconds from 0 to ${D} or null, got -1`),
  ],
  [
    'a VAD idle timeout over 24 h',
    { turnDetection: { type: 'server_vad', idle_timeout_ms: 86_400_001 } },
    issue(
      ['turnDetection', 'idle_timeout_ms'],
      `must be a number of milliseconds from 0 to ${D} or null, got 86400001`,
    ),
  ],
  [
    'create_response as a string',
    { turnDetection: { type: 'server_vad', create_response: 'yes' } },
    issue(['turnDetection', 'create_response'], 'must be a boolean, got string'),
  ],
  [
    'interrupt_response as a number',
    { turnDetection: { type: 'server_vad', interrupt_response: 1 } },
    issue(['turnDetection', 'interrupt_response'], 'must be a boolean, got number'),
  ],
  [
    'transcription as a string',
    { inputAudioTranscription: 'whisper' },
    issue(
      ['inputAudioTranscription'],
      'must be null or an object like { model: "gpt-4o-mini-transcribe" }, got string',
    ),
  ],
  [
    'a misspelt transcription field',
    { inputAudioTranscription: { modle: 'x' } },
    issue(['inputAudioTranscription', 'modle'], 'unknown transcription field "modle"', 'did you mean "model"?'),
  ],
  [
    'a transcription field far from any',
    { inputAudioTranscription: { vocabulary: 'x' } },
    issue(['inputAudioTranscription', 'vocabulary'], 'unknown transcription field "vocabulary"'),
  ],
  [
    'a numeric transcription model',
    { inputAudioTranscription: { model: 1 } },
    issue(['inputAudioTranscription', 'model'], 'must be a string, got number'),
  ],
  [
    'a numeric language',
    { inputAudioTranscription: { language: 1 } },
    issue(['inputAudioTranscription', 'language'], 'must be a string, got number'),
  ],
  [
    'a numeric prompt',
    { inputAudioTranscription: { prompt: 1 } },
    issue(['inputAudioTranscription', 'prompt'], 'must be a string, got number'),
  ],
  [
    'a numeric language hint',
    { inputAudioTranscription: { language_hint: 1 } },
    issue(['inputAudioTranscription', 'language_hint'], 'must be a string, got number'),
  ],
  [
    'keyterms as a string',
    { inputAudioTranscription: { keyterms: 'rt-sim' } },
    issue(['inputAudioTranscription', 'keyterms'], 'must be a list of strings, got string'),
  ],
  [
    'a numeric keyterm',
    { inputAudioTranscription: { keyterms: ['a', 1] } },
    issue(['inputAudioTranscription', 'keyterms'], 'must be a list of strings, got a list'),
  ],
  [
    'another tool choice word',
    { toolChoice: 'any' },
    issue(['toolChoice'], 'must be "auto", "none", "required", null or { type: "function", name }, got "any"'),
  ],
  [
    'a function tool choice without a name',
    { toolChoice: { type: 'function' } },
    issue(
      ['toolChoice'],
      'must be "auto", "none", "required", null or { type: "function", name }, got {"type":"function"}',
    ),
  ],
  [
    'a function tool choice with an empty name',
    { toolChoice: { type: 'function', function: { name: '' } } },
    issue(
      ['toolChoice'],
      'must be "auto", "none", "required", null or { type: "function", name }, ' +
        'got {"type":"function","function":{"name":""}}',
    ),
  ],
  [
    'a tool choice of another type',
    { toolChoice: { type: 'tool', name: 'x' } },
    issue(
      ['toolChoice'],
      'must be "auto", "none", "required", null or { type: "function", name }, got {"type":"tool","name":"x"}',
    ),
  ],
  ['a misspelt option', { voise: 'ara' }, issue(['voise'], 'unknown option "voise"', 'did you mean "voice"?')],
  ['an option far from any', { colour: 'red' }, issue(['colour'], 'unknown option "colour"')],
  [
    'a clock in a scenario file',
    { clock: {} },
    issue(['clock'], '"clock" cannot be set in a scenario file', 'the harness provides it'),
  ],
  [
    'an env in a scenario file',
    { env: {} },
    issue(['env'], '"env" cannot be set in a scenario file', 'the harness provides it'),
  ],
];

/** Values at or inside every bound, each accepted. */
const GOOD: [string, Record<string, unknown>][] = [
  ['nothing', {}],
  ['speed 4 and a small one', { speed: 4 }],
  ['a tiny speed', { speed: 0.01 }],
  ['output tokens 1, 1000000 and "inf"', { maxResponseOutputTokens: 1 }],
  ['the most output tokens', { maxResponseOutputTokens: 1_000_000 }],
  ['"inf" output tokens', { maxResponseOutputTokens: 'inf' }],
  ['every supported output rate', { outputAudioRate: 8000 }],
  ['a 48 kHz output rate', { outputAudioRate: 48000 }],
  ['a 24 h session and a null idle timeout', { maxSessionDuration: 86_400_000, idleTimeoutMs: null }],
  ['a 1 ms idle timeout', { idleTimeoutMs: 1 }],
  ['a null session limit', { maxSessionDuration: null }],
  ['healthy at once and after 24 h', { healthyConnectionMs: 0 }],
  ['healthy after 24 h', { healthyConnectionMs: 86_400_000 }],
  [
    'conn options at their bounds',
    { connOptions: { maxRetry: 1000, retryIntervalMs: 86_400_000, timeoutMs: 86_400_000 } },
  ],
  ['conn options at their lower bounds', { connOptions: { maxRetry: 0, retryIntervalMs: 0, timeoutMs: 0.5 } }],
  ['manual turns', { turnDetection: null }],
  [
    'VAD at its lower bounds',
    {
      turnDetection: {
        type: 'server_vad',
        threshold: 0.1,
        silence_duration_ms: 0,
        prefix_padding_ms: 0,
        idle_timeout_ms: 0,
      },
    },
  ],
  [
    'VAD at its upper bounds',
    {
      turnDetection: {
        type: 'server_vad',
        threshold: 0.9,
        silence_duration_ms: 10_000,
        prefix_padding_ms: 10_000,
        idle_timeout_ms: 86_400_000,
      },
    },
  ],
  [
    'VAD with booleans',
    { turnDetection: { type: 'server_vad', create_response: false, interrupt_response: true, idle_timeout_ms: null } },
  ],
  ['no transcription', { inputAudioTranscription: null }],
  [
    'every transcription field',
    { inputAudioTranscription: { model: 'm', language: 'en', prompt: 'p', language_hint: 'en', keyterms: [] } },
  ],
  ['noise reduction off, far and as an object', { inputAudioNoiseReduction: null }],
  ['far-field noise reduction', { inputAudioNoiseReduction: 'far_field' }],
  ['near-field noise reduction as an object', { inputAudioNoiseReduction: { type: 'near_field' } }],
  ['each tool choice word and null', { toolChoice: 'none' }],
  ['a required tool choice', { toolChoice: 'required' }],
  ['an auto tool choice', { toolChoice: 'auto' }],
  ['a null tool choice', { toolChoice: null }],
  ['a function tool choice in the nested form', { toolChoice: { type: 'function', function: { name: 'f' } } }],
  ['tracing as an object or null', { tracing: { workflow_name: 'w' } }],
  ['tracing off', { tracing: null }],
  ['text and audio', { modalities: ['text', 'audio'] }],
  ['a voice name or none', { voice: 'eve' }],
  ['the reference transcript mode', { userTranscripts: 'reference' }],
  ['no fatal codes', { fatalErrorCodes: [] }],
  ['http and https base URLs', { baseURL: 'https://api.x.ai/v1/realtime' }],
  ['a plain ws base URL', { baseURL: 'ws://127.0.0.1:1/v1/realtime' }],
  ['options given as undefined', { speed: undefined, voice: undefined }],
];

describe('validateClientOptions, one field at a time', () => {
  it.each(BAD)('refuses %s with its path, message and hint', (_what, options, expected) => {
    expect(validateClientOptions(options)).toEqual([expected]);
  });

  it.each(GOOD)('accepts %s', (_what, options) => {
    expect(validateClientOptions(options)).toEqual([]);
  });

  it('accepts no block at all, and refuses a block that is not a mapping', () => {
    expect(validateClientOptions(undefined)).toEqual([]);
    expect(validateClientOptions(null)).toEqual([]);
    expect(validateClientOptions('ara')).toEqual([issue([], 'client options must be an object, got string')]);
    expect(validateClientOptions([])).toEqual([issue([], 'client options must be an object, got a list')]);
  });

  it('reports every bad field, in the order the checks run', () => {
    expect(validateClientOptions({ speed: 0, apiKey: '', colour: 1 }).map((i) => i.path.join('.'))).toEqual([
      'colour',
      'apiKey',
      'speed',
    ]);
  });
});

describe('assertModelOptions (the RealtimeModel constructor)', () => {
  const thrown = (options: unknown): unknown => {
    try {
      assertModelOptions(options);
    } catch (e) {
      return e;
    }
    return undefined;
  };

  it('accepts what the constructor may be given beside the data options', () => {
    expect(
      thrown({ clock: {}, random: {}, logger: {}, env: {}, socketFactory: () => undefined, WebSocket: class {} }),
    ).toBeUndefined();
    expect(thrown(undefined)).toBeUndefined();
  });

  it('throws RTSIM_CLIENT_BAD_OPTION naming the first bad option, its hint, and every issue in details', () => {
    const e = thrown({ voice: 3, speed: 9 });
    expect(isRtSimError(e, 'RTSIM_CLIENT_BAD_OPTION')).toBe(true);
    expect((e as Error).message).toBe(
      '[rt-sim] RealtimeModel option voice: must be a voice name or null, ' +
        'got number (xAI voices: ara, eve, leo, rex, sal)',
    );
    const details = (e as { details: { path: unknown; issues: OptionIssue[] } }).details;
    expect(details.path).toEqual(['voice']);
    expect(details.issues.map((i) => i.path)).toEqual([['voice'], ['speed']]);
  });

  it('words a problem with the whole options as "options", and one without a hint without parentheses', () => {
    expect((thrown(7) as Error).message).toBe(
      '[rt-sim] RealtimeModel option options: client options must be an object, got number',
    );
    expect((thrown({ model: '' }) as Error).message).toBe(
      '[rt-sim] RealtimeModel option model: must be a non-empty string, got string',
    );
    expect((thrown({ connOptions: { maxRetry: -1 } }) as Error).message).toBe(
      '[rt-sim] RealtimeModel option connOptions.maxRetry: must be a whole number from 0 to 1000, got -1',
    );
  });

  it('checks the run-time options by kind', () => {
    for (const key of ['clock', 'random', 'logger', 'env']) {
      expect((thrown({ [key]: 'x' }) as Error).message).toBe(
        `[rt-sim] RealtimeModel option ${key}: must be an object, got string`,
      );
    }
    for (const key of ['socketFactory', 'WebSocket']) {
      expect((thrown({ [key]: {} }) as Error).message).toBe(
        `[rt-sim] RealtimeModel option ${key}: must be a function, got object`,
      );
    }
  });

  it('does not call a run-time option a scenario mistake, and suggests among them too', () => {
    expect((thrown({ sockFactory: () => undefined }) as Error).message).toBe(
      '[rt-sim] RealtimeModel option sockFactory: unknown option "sockFactory" (did you mean "socketFactory"?)',
    );
  });
});

describe('resolveApiKey', () => {
  it('takes the option first, then XAI_API_KEY', () => {
    expect(resolveApiKey('from-option', { XAI_API_KEY: 'from-env' })).toBe('from-option');
    expect(resolveApiKey(undefined, { XAI_API_KEY: 'from-env' })).toBe('from-env');
  });

  it('throws RTSIM_CLIENT_NO_API_KEY when neither is set or the one set is empty', () => {
    for (const [key, env] of [
      [undefined, {}],
      ['', { XAI_API_KEY: 'x' }],
      [undefined, { XAI_API_KEY: '' }],
    ] as const) {
      let error: unknown;
      try {
        resolveApiKey(key, env);
      } catch (e) {
        error = e;
      }
      expect(isRtSimError(error, 'RTSIM_CLIENT_NO_API_KEY')).toBe(true);
      expect((error as Error).message).toBe(
        '[rt-sim] an xAI API key is required: ' +
          'expected the apiKey option or the XAI_API_KEY environment variable, got neither',
      );
    }
  });
});
