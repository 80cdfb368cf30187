import { describe, expect, it } from 'vitest';
import type { FrameRecord, Observation } from '../../../src/harness/observation.js';
import type { ScenarioResult } from '../../../src/harness/report.js';
import { timelineData } from '../../../src/harness/reporters/timeline-data.js';

const client = (t: number, type: string, body: Record<string, unknown> = {}): FrameRecord => ({
  t,
  conn: 1,
  from: 'client',
  type,
  body: { type, ...body },
});
const server = (t: number, type: string, body: Record<string, unknown> = {}, conn = 1): FrameRecord => ({
  t,
  conn,
  from: 'server',
  type,
  body: { type, ...body },
});

const RESULT: ScenarioResult = {
  name: 'case',
  file: 'scenarios/case.yaml',
  status: 'passed',
  wallMs: 3,
  simulatedMs: 900,
  seed: 1,
  failures: [],
  reproduce: 'npx rt-sim run scenarios/case.yaml --seed 1',
};

/** A run on two connections: audio both ways, a response answered on each, an error frame and a fault. */
function observation(): Observation {
  return {
    scenario: 'case',
    seed: 1,
    simulatedMs: 900,
    connections: [
      { attempt: 1, conn: 1, t: 0, outcome: 'open', closedAt: 400, code: 1006, closedBy: 'fault' },
      { attempt: 2, conn: null, t: 450, outcome: 'refused', status: 503 },
      { attempt: 3, conn: 2, t: 500, outcome: 'open', closedAt: 900, code: 1000, closedBy: 'client' },
    ],
    frames: [
      server(0, 'session.created'),
      client(100, 'input_audio_buffer.append', { audio: { bytes: 4800, sha: 'a' } }),
      client(200, 'input_audio_buffer.append', { audio: { bytes: 960, sha: 'b' } }),
      server(210, 'response.created', { response: { id: '<resp#1>' } }),
      server(220, 'response.output_audio.delta', { delta: { bytes: 1680, sha: 'c' } }),
      server(300, 'error', { error: { message: 'boom' } }),
      server(510, 'response.created', { response: { id: '<resp#1>' } }, 2),
      server(700, 'response.done', { response: { id: '<resp#1>' } }, 2),
    ],
    events: [
      { t: 0, event: 'connection_opened' },
      { t: 400, event: 'connection_closed' },
    ],
    audio: { input: { appends: 2, bytes: 5760, times: [100, 200] }, output: { frames: 1, samples: 840, times: [220] } },
    chatCtx: [{ type: 'message', id: '<item#1>' }],
    tools: [],
    metrics: [],
    rulesFired: [{ t: 390, rule: 0, name: 'drop' }],
    chatSnapshots: [{ t: 700, items: [{ type: 'message', id: '<item#1>' }] }],
  };
}

describe('timelineData', () => {
  it('keeps the chat-context snapshots as [t, items]', () => {
    expect(timelineData(RESULT, observation()).chatSnapshots).toEqual([[700, [{ type: 'message', id: '<item#1>' }]]]);
  });

  it('indexes every frame once, by side, with each type listed once', () => {
    const data = timelineData(RESULT, observation());
    expect(data.frames).toHaveLength(8);
    expect(data.frames.filter((f) => f[2] === 0)).toHaveLength(2);
    expect(data.frames.filter((f) => f[2] === 1)).toHaveLength(6);
    expect(data.types).toEqual([
      'session.created',
      'input_audio_buffer.append',
      'response.created',
      'response.output_audio.delta',
      'error',
      'response.done',
    ]);
    expect(data.bodies[5]).toEqual({ type: 'error', error: { message: 'boom' } });
  });

  it('takes the audio chunks and their sizes from the append and delta frames', () => {
    const data = timelineData(RESULT, observation());
    expect(data.inputAudio).toEqual([
      [100, 4800, 1],
      [200, 960, 2],
    ]);
    expect(data.outputAudio).toEqual([[220, 1680, 4]]);
  });

  it('pairs a response.created with the response.done of the same id on the same connection only', () => {
    expect(timelineData(RESULT, observation()).responses).toEqual([
      [210, null, 1, 3, -1],
      [510, 700, 2, 6, 7],
    ]);
  });

  it('lists the faults in time order: rule firings, error frames, fault closes and refused handshakes', () => {
    expect(timelineData(RESULT, observation()).faults).toEqual([
      [300, 'server error frame', 5],
      [390, 'script rule 0 (drop) fired', -1],
      [400, 'connection 1 ended by a fault', -1],
      [450, 'handshake 2 refused', -1],
    ]);
  });

  it('places the first golden difference at the frame it names, and its time', () => {
    const data = timelineData(RESULT, observation(), { line: 12, record: 'frames[5]', path: 'frames[5].body.error' });
    expect(data.firstDifference).toEqual({
      line: 12,
      record: 'frames[5]',
      path: 'frames[5].body.error',
      frame: 5,
      t: 300,
    });
  });

  it('places a difference in a record the run lacks at the run’s last one', () => {
    expect(timelineData(RESULT, observation(), { line: 40, record: 'events[9]' }).firstDifference).toEqual({
      line: 40,
      record: 'events[9]',
      t: 400,
    });
  });

  it('keeps a difference outside the lists without a time', () => {
    expect(timelineData(RESULT, observation(), { line: 3, path: 'simulatedMs' }).firstDifference).toEqual({
      line: 3,
      path: 'simulatedMs',
    });
  });

  it('gives a file that did not run its result alone, with empty lanes', () => {
    const data = timelineData({ ...RESULT, status: 'failed', failures: [{ kind: 'invalid', message: 'bad' }] });
    expect(data.observed).toBe(false);
    expect(data.frames).toEqual([]);
    expect(data.failures).toEqual([{ kind: 'invalid', message: 'bad' }]);
  });
});
