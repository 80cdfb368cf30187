import { describe, expect, it } from 'vitest';
import { RealtimeModel, validateClientOptions } from '../../src/client/internal.js';

describe('validateClientOptions (scenario client: block, durations in ms)', () => {
  it('accepts an empty block and a full valid one', () => {
    expect(validateClientOptions(undefined)).toEqual([]);
    expect(validateClientOptions({})).toEqual([]);
    expect(
      validateClientOptions({
        apiKey: 'k',
        baseURL: 'ws://127.0.0.1:9000/v1/realtime',
        model: 'grok-voice-latest',
        modalities: ['audio'],
        voice: null,
        turnDetection: {
          type: 'server_vad',
          threshold: 0.6,
          silence_duration_ms: 500,
          prefix_padding_ms: 300,
          idle_timeout_ms: null,
          create_response: true,
        },
        inputAudioTranscription: { model: 'grok-transcribe', keyterms: ['rt-sim'] },
        inputAudioNoiseReduction: 'near_field',
        toolChoice: { type: 'function', name: 'lookup' },
        speed: 1.1,
        tracing: 'auto',
        maxResponseOutputTokens: 'inf',
        outputAudioRate: 44100,
        maxSessionDuration: 600000,
        idleTimeoutMs: null,
        connOptions: { maxRetry: 0, retryIntervalMs: 0, timeoutMs: 500 },
      }),
    ).toEqual([]);
  });

  it('reports each bad field with its path inside the block', () => {
    const issues = validateClientOptions({
      voice: 3,
      connOptions: { maxRetry: -1, timeoutMs: 0 },
      turnDetection: { type: 'semantic_vad', threshold: 2 },
      maxResponseOutputTokens: 1.5,
      baseURL: 'ftp://x',
      modalities: [],
    });
    expect(issues.map((i) => i.path)).toEqual([
      ['baseURL'],
      ['modalities'],
      ['voice'],
      ['turnDetection', 'type'],
      ['turnDetection', 'threshold'],
      ['maxResponseOutputTokens'],
      ['connOptions', 'maxRetry'],
      ['connOptions', 'timeoutMs'],
    ]);
    expect(issues[4]!.message).toBe('must be a number from 0.1 to 0.9, got 2');
    expect(issues[3]!.hint).toContain('no semantic_vad');
  });

  it('accepts each audio/pcm rate xAI offers as outputAudioRate, and refuses any other', () => {
    for (const rate of [8000, 16000, 22050, 24000, 32000, 44100, 48000])
      expect(validateClientOptions({ outputAudioRate: rate })).toEqual([]);
    for (const rate of [11025, 96000, '24000', 0, null]) {
      expect(validateClientOptions({ outputAudioRate: rate })).toEqual([
        {
          path: ['outputAudioRate'],
          message: `must be one of 8000, 16000, 22050, 24000, 32000, 44100, 48000 (Hz), got ${JSON.stringify(rate)}`,
        },
      ]);
    }
  });

  it('hints at milliseconds and near misses, and refuses runtime-only keys', () => {
    const issues = validateClientOptions({
      connOptions: { retryInterval: 2, timeout: 10 },
      voise: 'eve',
      clock: {},
      turnDetection: { type: 'server_vad', silenceDurationMs: 1 },
    });
    expect(issues).toEqual([
      { path: ['voise'], message: 'unknown option "voise"', hint: 'did you mean "voice"?' },
      { path: ['clock'], message: '"clock" cannot be set in a scenario file', hint: 'the harness provides it' },
      {
        path: ['turnDetection', 'silenceDurationMs'],
        message: 'unknown turn detection field "silenceDurationMs"',
        hint: 'did you mean "silence_duration_ms"?',
      },
      {
        path: ['connOptions', 'retryInterval'],
        message: 'unknown option "retryInterval"',
        hint: 'durations are milliseconds: use "retryIntervalMs"',
      },
      {
        path: ['connOptions', 'timeout'],
        message: 'unknown option "timeout"',
        hint: 'durations are milliseconds: use "timeoutMs"',
      },
    ]);
  });

  it('refuses a block that is not an object', () => {
    expect(validateClientOptions([1])).toEqual([{ path: [], message: 'client options must be an object, got a list' }]);
  });
});

describe('R1.1 constructor checks', () => {
  it('R1.1 a missing API key is a clear error; XAI_API_KEY is used when the option is absent', () => {
    expect(() => new RealtimeModel({ env: {} })).toThrow(
      expect.objectContaining({
        code: 'RTSIM_CLIENT_NO_API_KEY',
        message:
          '[rt-sim] an xAI API key is required: expected the apiKey ' +
          'option or the XAI_API_KEY environment variable, got neither',
      }),
    );
    expect(new RealtimeModel({ env: { XAI_API_KEY: 'from-env' } })).toBeInstanceOf(RealtimeModel);
  });

  it('a bad option throws RTSIM_CLIENT_BAD_OPTION naming it', () => {
    expect(() => new RealtimeModel({ apiKey: 'k', connOptions: { maxRetry: -2 } })).toThrow(
      expect.objectContaining({
        code: 'RTSIM_CLIENT_BAD_OPTION',
        message: expect.stringContaining('connOptions.maxRetry: must be a whole number from 0 to 1000, got -2'),
      }),
    );
    expect(() => new RealtimeModel({ apiKey: 'k', socketFactory: 'nope' as never })).toThrow(
      /socketFactory: must be a function/,
    );
  });
});
