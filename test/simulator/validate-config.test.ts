import { describe, expect, it } from 'vitest';
import { VirtualClock, createRandom } from '../../src/clock/index.js';
import { isRtSimError } from '../../src/protocol/index.js';
import {
  createSimulator,
  formatConfigIssues,
  validateScript,
  validateServerConfig,
  validateSimulatorConfig,
} from '../../src/simulator/internal.js';

describe('validateSimulatorConfig', () => {
  it('accepts the example of docs/scenario-server.md and an empty config', () => {
    expect(validateSimulatorConfig({})).toEqual([]);
    expect(
      validateSimulatorConfig({
        server: {
          latency: { ms: 40, jitterMs: 10 },
          reply: { transcript: 'Hello there.', audio: { wav: 'fixtures/hello-24k.wav' }, ttftMs: 300 },
        },
        script: [{ when: { event: 'response.output_audio.delta', count: 3 }, do: [{ resetPeer: {} }] }],
      }),
    ).toEqual([]);
  });

  it('reports unknown keys with their path and a did-you-mean hint', () => {
    expect(validateSimulatorConfig({ server: { reply: { transcirpt: 'x' } } })).toEqual([
      {
        path: ['server', 'reply', 'transcirpt'],
        message: expect.stringContaining('unknown key "transcirpt"'),
        hint: 'did you mean "transcript"?',
      },
    ]);
    expect(validateSimulatorConfig({ sever: {} })[0]).toMatchObject({
      path: ['sever'],
      hint: 'did you mean "server"?',
    });
  });

  it('reports keys, actions and tool types named like members of Object.prototype as unknown', () => {
    expect(validateSimulatorConfig({ server: { toString: 1 } })[0]).toMatchObject({
      path: ['server', 'toString'],
      message: expect.stringContaining('unknown key "toString"'),
    });
    expect(validateScript([{ when: { afterMs: 1 }, do: [{ constructor: {} }] }])[0]).toMatchObject({
      path: [0, 'do', 0, 'constructor'],
      message: expect.stringContaining('unknown action "constructor"'),
    });
    expect(validateSimulatorConfig({ server: { tools: [{ type: 'valueOf' }] } })).not.toEqual([]);
  });

  it('says what was expected and what came', () => {
    const issues = validateServerConfig({
      lifetimeMs: -5,
      latency: { jitterMs: 'lots' },
      replies: [],
      userTranscript: 3,
    });
    expect(issues).toEqual([
      { path: ['lifetimeMs'], message: 'expected a number from 0 to 86400000, got number -5' },
      { path: ['latency', 'ms'], message: 'missing required key "ms"' },
      { path: ['latency', 'jitterMs'], message: 'expected a number from 0 to 86400000, got the string "lots"' },
      { path: ['replies'], message: 'expected a non-empty list, got an empty one' },
      { path: ['userTranscript'], message: 'expected a string or a list of strings, got number 3' },
    ]);
  });

  it('checks early ends, their cut points and pacing', () => {
    expect(
      validateServerConfig({
        refuseTruncate: true,
        replies: [
          { fail: { code: 'x', afterAudioChunks: 2, statusDetails: 'no-error' }, pacing: 'burst' },
          { cancel: { reason: 'turn_detected', afterItems: 1 }, pacing: { factor: 4 }, argumentsDeltaChars: 4 },
          { incomplete: { reason: 'content_filter', afterAudioMs: 250 } },
        ],
      }),
    ).toEqual([]);
    const issues = validateServerConfig({
      refuseTruncate: 'yes',
      replies: [
        { fail: { afterAudioChunks: 1, afterTranscriptDeltas: 2 } },
        { incomplete: { afterItems: 1.5 } },
        { cancel: { reason: 'bored' }, pacing: 'slow' },
        { pacing: { factor: 0 }, argumentsDeltaChars: 0 },
        { fail: { statusDetails: 'missing' } },
      ],
    });
    expect(issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['refuseTruncate', 'expected true or false, got the string "yes"'],
      [
        'replies.0.fail.afterTranscriptDeltas',
        'expected at most one cut point, got afterAudioChunks and afterTranscriptDeltas',
      ],
      ['replies.1.incomplete.reason', 'missing required key "reason"'],
      ['replies.1.incomplete.afterItems', 'expected an integer from 0 to 1000000, got number 1.5'],
      ['replies.2.cancel.reason', 'expected one of "turn_detected", "client_cancelled", got the string "bored"'],
      ['replies.2.pacing', 'expected one of "realtime", "burst", got the string "slow"'],
      ['replies.3.pacing.factor', 'expected a number > 0 and <= 1000, got number 0'],
      ['replies.3.argumentsDeltaChars', 'expected an integer from 1 to 1000000, got number 0'],
      ['replies.4.fail.statusDetails', 'expected one of "full", "none", "no-error", got the string "missing"'],
    ]);
  });

  it('accepts the two server profiles and names them when another is given', () => {
    expect(validateServerConfig({ profile: 'xai-2026' })).toEqual([]);
    expect(validateServerConfig({ profile: 'xai-2025-12' })).toEqual([]);
    const issues = validateServerConfig({ profile: 'xai-2024' });
    expect(issues).toHaveLength(1);
    expect(issues[0]!.path).toEqual(['profile']);
    expect(issues[0]!.message).toContain('"xai-2026"');
    expect(issues[0]!.message).toContain('"xai-2025-12"');
  });

  it('checks reply audio, function calls and quirks', () => {
    const issues = validateServerConfig({
      reply: { audio: { tone: { hz: 0, ms: 100 } }, functionCall: { arguments: 5 }, chunkMs: 0 },
      xaiQuirks: { textEvents: 'beta' },
    });
    expect(issues.map((i) => i.path.join('.'))).toEqual([
      'reply.audio.tone.hz',
      'reply.functionCall.name',
      'reply.functionCall.arguments',
      'reply.chunkMs',
      'xaiQuirks.textEvents',
    ]);
  });

  it('requires exactly one trigger kind and hints at misspelt ones', () => {
    expect(validateScript([{ when: { evnt: 'ping' } }])[0]).toMatchObject({
      path: [0, 'when'],
      hint: 'did you mean "event"?',
    });
    expect(validateScript([{ when: { event: 'ping', afterMs: 3 } }])[0]!.message).toBe(
      'expected exactly one of event, afterMs, enterState, handshake, connect, got event and afterMs',
    );
    expect(validateScript([{ do: [] }])[0]).toMatchObject({
      path: [0, 'when'],
      message: 'missing required key "when"',
    });
  });

  it('flags an event type outside both catalogues unless from: says which side, with a hint', () => {
    expect(validateScript([{ when: { event: 'response.audio_delta' } }])[0]).toMatchObject({
      path: [0, 'when', 'event'],
      hint: 'did you mean "response.audio.delta"?',
    });
    expect(validateScript([{ when: { event: 'x.custom', from: 'client' } }])).toEqual([]);
  });

  it('checks each action, one per list entry, and knows which need a connection', () => {
    const issues = validateScript([
      {
        when: { connect: true },
        do: [
          { resetPeer: {}, delay: 5 },
          { latncy: { ms: 1 } },
          { close: { code: 1006 } },
          { refuseHandshake: { status: 101 } },
        ],
      },
      {
        when: { handshake: true },
        do: [
          { send: { type: 'ping', timestamp: 1 } },
          { refuseHandshake: { status: 401 } },
          { holdHandshake: { count: 2 } },
        ],
      },
      { when: { handshake: true }, do: [{ holdHandshake: { count: 0, status: 504 } }] },
    ]);
    expect(issues.map((i) => [i.path.join('.'), i.hint])).toEqual([
      ['0.do.0', 'put each action in its own list entry'],
      ['0.do.1.latncy', 'did you mean "latency"?'],
      ['0.do.2.close.code', 'use resetPeer: {} to make the client see 1006'],
      ['0.do.3.refuseHandshake.status', undefined],
      ['1.do.0.send', 'use a connect trigger, or refuseHandshake / holdHandshake / failNextResponse / setState here'],
      ['2.do.0.holdHandshake.count', undefined],
      ['2.do.0.holdHandshake.status', undefined],
    ]);
  });

  it('checks send events against the protocol catalogue, pointing into the event', () => {
    const issues = validateScript([
      {
        when: { connect: true },
        do: [{ send: { type: 'response.output_audio.delta', delta: 3 } }, { send: { type: 'response.weird' } }],
      },
    ]);
    expect(issues[0]).toMatchObject({
      path: [0, 'do', 0, 'send', 'response_id'],
      hint: expect.stringContaining('sendRaw'),
    });
    expect(issues[1]).toMatchObject({
      path: [0, 'do', 1, 'send', 'type'],
      message: 'unknown server event type "response.weird"',
    });
  });

  it('checks matchers, including that a regex compiles', () => {
    const issues = validateScript([
      { when: { event: 'response.create', match: { a: { regex: '(' }, b: { exists: 'yes' }, c: [1] } } },
    ]);
    expect(issues.map((i) => i.path.join('.'))).toEqual([
      '0.when.match.a.regex',
      '0.when.match.b.exists',
      '0.when.match.c',
    ]);
  });

  it('formats issues one per line for error messages', () => {
    expect(
      formatConfigIssues([
        { path: ['server', 'model'], message: 'expected a non-empty string, got number 1', hint: 'h' },
      ]),
    ).toBe('server.model: expected a non-empty string, got number 1 (h)');
  });
});

describe('createSimulator', () => {
  it('refuses an invalid config with RTSIM_SIM_CONFIG, listing the issues', async () => {
    const error = await createSimulator({
      clock: new VirtualClock(),
      random: createRandom(1),
      config: { server: { ping: {} } },
    }).catch((e: unknown) => e);
    expect(isRtSimError(error, 'RTSIM_SIM_CONFIG')).toBe(true);
    expect((error as Error).message).toBe(
      '[rt-sim] simulator config: server.ping.everyMs: missing required key "everyMs"',
    );
    expect((error as { details: { issues: unknown[] } }).details.issues).toHaveLength(1);
  });

  it('refuses a missing WAV file with RTSIM_SIM_NO_WAV naming the resolved path', async () => {
    const error = await createSimulator({
      clock: new VirtualClock(),
      random: createRandom(1),
      config: { server: { reply: { audio: { wav: 'nope.wav' } } } },
      baseDir: '/tmp',
    }).catch((e: unknown) => e);
    expect(isRtSimError(error, 'RTSIM_SIM_NO_WAV')).toBe(true);
    expect((error as Error).message).toContain('/tmp/nope.wav');
  });
});
