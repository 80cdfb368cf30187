/**
 * The value invariants against hand-made bad outcomes (each must say what is wrong) and
 * good ones (each must hold).
 */
import { describe, expect, it } from 'vitest';
import {
  commitsAtThreshold,
  inputAudioAsSent,
  metricsMatchWire,
  outputAudioAsAsked,
  transcriptsMatchDeltas,
  truncateAsAsked,
  userInitiatedMatches,
} from '../../src/fuzz/index.js';
import type { Step } from '../../src/harness/index.js';
import { run } from './hand-made.js';
import type { FrameSpec } from './hand-made.js';

const RESP = 'resp_0123456789ab';
const ITEM = 'item_0123456789ab';
const created = (t: number, clientEventId: string | null = null): FrameSpec => ({
  t,
  from: 'server',
  body: {
    type: 'response.created',
    event_id: `event_00000000${String(t).padStart(4, '0')}`,
    response: {
      id: RESP,
      status: 'in_progress',
      output: [],
      metadata: clientEventId ? { client_event_id: clientEventId } : null,
    },
  },
});
const itemAdded = (t: number): FrameSpec => ({
  t,
  from: 'server',
  body: {
    type: 'response.output_item.added',
    response_id: RESP,
    item: { id: ITEM, type: 'message', role: 'assistant' },
  },
});
const itemDone = (t: number): FrameSpec => ({
  t,
  from: 'server',
  body: {
    type: 'response.output_item.done',
    response_id: RESP,
    item: { id: ITEM, type: 'message', role: 'assistant' },
  },
});
const audioDelta = (t: number): FrameSpec => ({
  t,
  from: 'server',
  body: { type: 'response.output_audio.delta', response_id: RESP, item_id: ITEM, delta: 'AAAA' },
});
const transcriptDelta = (t: number, delta: string): FrameSpec => ({
  t,
  from: 'server',
  body: { type: 'response.output_audio_transcript.delta', response_id: RESP, item_id: ITEM, delta },
});
const usage = {
  total_tokens: 30,
  input_tokens: 10,
  output_tokens: 20,
  input_token_details: { text_tokens: 4, audio_tokens: 6, cached_tokens: 2 },
  output_token_details: { audio_tokens: 15, text_tokens: 5 },
};
const done = (t: number): FrameSpec => ({
  t,
  from: 'server',
  body: { type: 'response.done', response: { id: RESP, status: 'completed', output: [], usage: {} }, usage },
});

/** The metrics record a correct client builds from created at 100, first audio at 150, done at 500. */
function goodMetrics(): Record<string, unknown> {
  return {
    requestId: '<resp#1>', // as the observation shows RESP
    timestamp: 0.1,
    duration: 0.4,
    ttft: 0.05,
    cancelled: false,
    inputTokens: 10,
    outputTokens: 20,
    totalTokens: 30,
    tokensPerSecond: 50,
    inputTokenDetails: {
      audioTokens: 6,
      textTokens: 4,
      imageTokens: 0,
      cachedTokens: 2,
      cachedTokensDetails: { textTokens: 0, audioTokens: 0, imageTokens: 0 },
      grokTokens: 0,
    },
    outputTokenDetails: { textTokens: 5, audioTokens: 15, imageTokens: 0, grokTokens: 0 },
    outputAudioSeconds: 0,
    billableAudioSeconds: 0,
  };
}
const responseFrames = [created(100), itemAdded(120), audioDelta(150), audioDelta(200), done(500)];

describe('metricsMatchWire', () => {
  it('holds when every figure is the wire', () => {
    expect(metricsMatchWire(run({ frames: responseFrames, metrics: [goodMetrics()] }))).toBeUndefined();
  });

  it('breaks on a token count copied from the wrong place', () => {
    const m = {
      ...goodMetrics(),
      inputTokenDetails: { ...(goodMetrics()['inputTokenDetails'] as object), audioTokens: 4, textTokens: 6 },
    };
    expect(metricsMatchWire(run({ frames: responseFrames, metrics: [m] }))?.message).toBe(
      'metrics of response <resp#1>: inputTokenDetails.audioTokens ' +
        '(usage.input_token_details.audio_tokens) is 4, the wire says 6',
    );
  });

  it('breaks on a ttft, duration or timestamp the wire does not show', () => {
    expect(
      metricsMatchWire(run({ frames: responseFrames, metrics: [{ ...goodMetrics(), ttft: 0.1 }] }))?.message,
    ).toContain('ttft (first audio or text delta) is 0.1, the wire says 0.05');
    expect(
      metricsMatchWire(run({ frames: responseFrames, metrics: [{ ...goodMetrics(), duration: 0.38 }] }))?.message,
    ).toContain('duration');
    expect(
      metricsMatchWire(run({ frames: responseFrames, metrics: [{ ...goodMetrics(), timestamp: 0.102 }] }))?.message,
    ).toContain('timestamp');
    expect(
      metricsMatchWire(run({ frames: responseFrames, metrics: [{ ...goodMetrics(), tokensPerSecond: 20 }] }))?.message,
    ).toContain('tokensPerSecond');
  });

  it('does not time the first token from a delta of an item the response never announced', () => {
    const frames = [created(100), audioDelta(110), itemAdded(120), audioDelta(150), done(500)];
    expect(metricsMatchWire(run({ frames, metrics: [goodMetrics()] }))).toBeUndefined();
  });
});

describe('transcriptsMatchDeltas', () => {
  const frames = [
    created(100),
    itemAdded(120),
    transcriptDelta(130, 'Hello '),
    transcriptDelta(140, 'there.'),
    itemDone(150),
    done(500),
  ];
  const generation = (text: string) => [
    { t: 100, event: 'generation_created', data: { responseId: RESP, userInitiated: false } },
    { t: 500, event: 'generation_done', data: { responseId: RESP, messages: [{ messageId: ITEM, text }] } },
  ];

  it('holds when the text is its deltas, in order', () => {
    expect(transcriptsMatchDeltas(run({ frames, events: generation('Hello there.') }))).toBeUndefined();
  });

  it('breaks on a lost, doubled or reordered delta', () => {
    expect(transcriptsMatchDeltas(run({ frames, events: generation('Hello ') }))?.message).toBe(
      'message <item#1> of response <resp#1> reads "Hello "; its deltas say "Hello there."',
    );
    expect(transcriptsMatchDeltas(run({ frames, events: generation('Hello there.Hello there.') }))?.invariant).toBe(
      'transcriptsMatchDeltas',
    );
    expect(transcriptsMatchDeltas(run({ frames, events: generation('there.Hello ') }))?.invariant).toBe(
      'transcriptsMatchDeltas',
    );
  });

  it('leaves out deltas that name another response (§5.16)', () => {
    const foreign: FrameSpec = {
      t: 135,
      from: 'server',
      body: {
        type: 'response.output_audio_transcript.delta',
        response_id: 'resp_ffffffffffff',
        item_id: ITEM,
        delta: ' Not mine.',
      },
    };
    const mixed = [
      created(100),
      itemAdded(120),
      transcriptDelta(130, 'Hello '),
      foreign,
      transcriptDelta(140, 'there.'),
      itemDone(150),
      done(500),
    ];
    expect(transcriptsMatchDeltas(run({ frames: mixed, events: generation('Hello there.') }))).toBeUndefined();
  });

  it('reads the text deltas of a message whose part is text in an audio session (§5.16)', () => {
    const textPart: FrameSpec = {
      t: 125,
      from: 'server',
      body: {
        type: 'response.content_part.added',
        response_id: RESP,
        item_id: ITEM,
        part: { type: 'output_text', text: '' },
      },
    };
    const textDelta: FrameSpec = {
      t: 130,
      from: 'server',
      body: { type: 'response.output_text.delta', response_id: RESP, item_id: ITEM, delta: 'Typed.' },
    };
    const typed = [created(100), itemAdded(120), textPart, textDelta, itemDone(150), done(500)];
    expect(transcriptsMatchDeltas(run({ frames: typed, events: generation('Typed.') }))).toBeUndefined();
    expect(transcriptsMatchDeltas(run({ frames: typed, events: generation('') }))?.message).toBe(
      'message <item#1> of response <resp#1> reads ""; its deltas say "Typed."',
    );
  });
});

describe('userInitiatedMatches', () => {
  const request: FrameSpec = {
    t: 90,
    from: 'client',
    body: {
      type: 'response.create',
      event_id: 'response_create_0123456789ab',
      response: { metadata: { client_event_id: 'response_create_0123456789ab' } },
    },
  };
  const createdEvent = (userInitiated: boolean) => [
    { t: 100, event: 'generation_created', data: { responseId: RESP, userInitiated } },
  ];

  it('holds when an echo of the request is user-initiated and a server turn is not', () => {
    expect(
      userInitiatedMatches(
        run({ frames: [request, created(100, 'response_create_0123456789ab')], events: createdEvent(true) }),
      ),
    ).toBeUndefined();
    expect(userInitiatedMatches(run({ frames: [created(100)], events: createdEvent(false) }))).toBeUndefined();
  });

  it('breaks when who asked is the wrong way round', () => {
    const v = userInitiatedMatches(
      run({ frames: [request, created(100, 'response_create_0123456789ab')], events: createdEvent(false) }),
    );
    expect(v?.message).toBe(
      "generation <resp#1> has userInitiated false, but its response.created echoes the client's request " +
        '<response_create#1>',
    );
    expect(userInitiatedMatches(run({ frames: [created(100)], events: createdEvent(true) }))?.message).toContain(
      'echoes no request the client sent',
    );
  });

  it("counts a response that echoes nothing as the oldest unanswered say's (the service echoes no such id)", () => {
    const say: FrameSpec = {
      t: 90,
      from: 'client',
      body: {
        type: 'conversation.item.create',
        event_id: 'say_0123456789ab',
        item: { type: 'force_message', role: 'assistant', content: [{ type: 'output_text', text: 'Hi.' }] },
      },
    };
    expect(userInitiatedMatches(run({ frames: [say, created(100)], events: createdEvent(true) }))).toBeUndefined();
    expect(userInitiatedMatches(run({ frames: [say, created(100)], events: createdEvent(false) }))?.message).toContain(
      'has userInitiated false',
    );
  });

  it('lets an echo count either way once the call failed before it', () => {
    const failed = {
      t: 95,
      event: 'call_failed',
      data: { call: 'generateReply', step: 0, code: 'RTSIM_CLIENT_CONNECTION_LOST', message: '' },
    };
    expect(
      userInitiatedMatches(
        run({
          frames: [request, created(100, 'response_create_0123456789ab')],
          events: [failed, ...createdEvent(false)],
        }),
      ),
    ).toBeUndefined();
  });
});

describe('truncateAsAsked', () => {
  const steps: Step[] = [
    { call: 'truncate', args: { audioEndMs: 200.4 } },
    { call: 'truncate', args: { audioEndMs: 0, modalities: ['text'], audioTranscript: 'Cut.' } },
    { call: 'truncate', args: { audioEndMs: -5 } },
  ];
  const truncate = (t: number, end: number, contentIndex = 0): FrameSpec => ({
    t,
    from: 'client',
    body: { type: 'conversation.item.truncate', item_id: ITEM, content_index: contentIndex, audio_end_ms: end },
  });

  it('holds for the asked values in order, a lost one skipped', () => {
    expect(truncateAsAsked(run({ scenario: { steps }, frames: [truncate(10, 200), truncate(20, 0)] }))).toBeUndefined();
    expect(truncateAsAsked(run({ scenario: { steps }, frames: [truncate(20, 0)] }))).toBeUndefined();
  });

  it('breaks on a value nobody asked for or a content index other than 0', () => {
    expect(truncateAsAsked(run({ scenario: { steps }, frames: [truncate(10, 150)] }))?.message).toBe(
      'conversation.item.truncate at 10 ms has audio_end_ms 150, ' +
        'which no truncate step asked for (asked, in order: 200, 0)',
    );
    expect(truncateAsAsked(run({ scenario: { steps }, frames: [truncate(10, 200, 1)] }))?.message).toContain(
      'content_index 1',
    );
  });
});

describe('commitsAtThreshold', () => {
  const push = (ms: number): Step => ({ call: 'pushAudio', args: { tone: { hz: 440, ms } } });
  const commit: Step = { call: 'commitAudio' };
  const commitFrame = (t: number): FrameSpec => ({ t, from: 'client', body: { type: 'input_audio_buffer.commit' } });

  it('counts nothing pushed before a clearAudio (§2.4)', () => {
    expect(
      commitsAtThreshold(run({ scenario: { steps: [push(300), { call: 'clearAudio' }, commit] } })),
    ).toBeUndefined();
    expect(
      commitsAtThreshold(
        run({ scenario: { steps: [push(300), { call: 'clearAudio' }, commit] }, frames: [commitFrame(10)] }),
      )?.invariant,
    ).toBe('commitsAtThreshold');
  });

  it('holds when 99 ms sends nothing and 100 ms (carried over) sends a commit', () => {
    expect(commitsAtThreshold(run({ scenario: { steps: [push(99), commit] } }))).toBeUndefined();
    expect(
      commitsAtThreshold(run({ scenario: { steps: [push(99), commit, push(1), commit] }, frames: [commitFrame(200)] })),
    ).toBeUndefined();
    expect(
      commitsAtThreshold(run({ scenario: { steps: [push(101), commit] }, frames: [commitFrame(200)] })),
    ).toBeUndefined();
  });

  it('breaks on a commit below 100 ms or a missing one at 100 ms', () => {
    expect(
      commitsAtThreshold(run({ scenario: { steps: [push(99), commit] }, frames: [commitFrame(200)] }))?.message,
    ).toBe(
      'the client sent 1 input_audio_buffer.commit(s); the steps pushed 100 ms or more before 0 commitAudio ' +
        'call(s) and less before 1 (steps 2), which must send nothing',
    );
    expect(commitsAtThreshold(run({ scenario: { steps: [push(100), commit] } }))?.invariant).toBe('commitsAtThreshold');
  });
});

describe('outputAudioAsAsked', () => {
  const update = (rate: number): FrameSpec => ({
    t: 0,
    from: 'client',
    body: {
      type: 'session.update',
      event_id: 'session_update_0123456789ab',
      session: { type: 'realtime', audio: { output: { format: { type: 'audio/pcm', rate } } } },
    },
  });

  it('holds when every output frame carries a rate the client asked for, or 24000 when it named none', () => {
    expect(outputAudioAsAsked(run({ frames: [update(16000)], outputRates: [16000] }))).toBeUndefined();
    expect(
      outputAudioAsAsked(run({ frames: [update(24000), update(48000)], outputRates: [24000, 48000] })),
    ).toBeUndefined();
    expect(outputAudioAsAsked(run({ outputRates: [24000] }))).toBeUndefined();
  });

  it('breaks on frames labelled with a rate no session.update asked for, naming both', () => {
    expect(outputAudioAsAsked(run({ frames: [update(16000)], outputRates: [24000] }))).toEqual({
      invariant: 'outputAudioAsAsked',
      rule: '§1.5, §5.16',
      message: 'the client emitted output audio frames at 24000 Hz, but its session.update frames asked for 16000 Hz',
    });
    expect(outputAudioAsAsked(run({ outputRates: [16000] }))?.message).toContain('asked for 24000 Hz');
  });
});

describe('inputAudioAsSent', () => {
  const tone = (hz: number, level?: number): Step => ({
    call: 'pushAudio',
    args: { tone: { hz, ms: 500, ...(level === undefined ? {} : { level }) } },
  });
  const silence: Step = { call: 'pushAudio', args: { silenceMs: 300 } };

  it('holds when the server heard the tones at their level, and at their pitch when they share one', () => {
    expect(
      inputAudioAsSent(
        run({ scenario: { steps: [tone(440), silence] }, inputSound: { soundMs: 500, hz: 440.5, dbfs: -9.2 } }),
      ),
    ).toBeUndefined();
    expect(
      inputAudioAsSent(
        run({ scenario: { steps: [tone(220), tone(440)] }, inputSound: { soundMs: 1000, hz: 330, dbfs: -8.5 } }),
      ),
    ).toBeUndefined();
    expect(
      inputAudioAsSent(run({ scenario: { steps: [silence] }, inputSound: { soundMs: 0, hz: 0, dbfs: -Infinity } })),
    ).toBeUndefined();
    // A WAV's sound is not known: not checked.
    expect(
      inputAudioAsSent(
        run({
          scenario: { steps: [{ call: 'pushAudio', args: { wav: 'fixtures/in-8k-mono.wav' } }, silence] },
          inputSound: { soundMs: 400, hz: 140, dbfs: -14.6 },
        }),
      ),
    ).toBeUndefined();
    // Nothing reached the server (a dead session): not checked.
    expect(
      inputAudioAsSent(run({ scenario: { steps: [tone(440)] }, inputSound: { soundMs: 0, hz: 0, dbfs: -Infinity } })),
    ).toBeUndefined();
  });

  it('breaks on a level or a pitch the tones did not have, naming both', () => {
    expect(
      inputAudioAsSent(run({ scenario: { steps: [tone(440)] }, inputSound: { soundMs: 500, hz: 440, dbfs: -15.1 } })),
    ).toEqual({
      invariant: 'inputAudioAsSent',
      rule: '§1.5, R6.1–R6.3',
      message: 'the tones pushed were at -9.0 dBFS, but the server heard -15.1 dBFS (±1 dB allowed)',
    });
    expect(
      inputAudioAsSent(
        run({ scenario: { steps: [tone(440, 0.25)] }, inputSound: { soundMs: 500, hz: 660, dbfs: -15.1 } }),
      )?.message,
    ).toBe('the tones pushed were at 440 Hz, but the server heard 660.0 Hz (±2% allowed)');
  });

  it('breaks on sound when only silence was pushed', () => {
    expect(
      inputAudioAsSent(run({ scenario: { steps: [silence] }, inputSound: { soundMs: 40, hz: 0, dbfs: -40 } }))?.message,
    ).toBe('only silence was pushed, but the server heard 40 ms of sound at -40.0 dBFS');
  });
});
