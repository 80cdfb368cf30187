import { describe, expect, it } from 'vitest';
import { checkExpectations } from '../../src/harness/expect.js';
import type { Observation } from '../../src/harness/observation.js';

const o: Observation = {
  scenario: 's',
  seed: 1,
  simulatedMs: 0,
  connections: [{ attempt: 1, conn: null, t: 0, outcome: 'refused', status: 401 }, { attempt: 2, conn: 1, t: 100, outcome: 'open' }],
  frames: [
    { t: 0, conn: 2, from: 'client', type: 'response.create', body: {} },
    { t: 5, conn: 2, from: 'server', type: 'response.done', body: {} },
  ],
  events: [{ t: 1, event: 'error' }, { t: 2, event: 'error' }],
  audio: { input: { appends: 0, bytes: 0, times: [] }, output: { frames: 0, samples: 0, times: [] } },
  chatCtx: [{ type: 'message', role: 'user', text: 'hi' }],
  tools: [],
  metrics: [],
};

describe('expectations', () => {
  it('pass when the counts match', () => {
    expect(
      checkExpectations(
        [{ event: 'error', count: 2 }, { frame: 'response.create', from: 'client', count: 1 }, { connections: 1 }, { chatCtx: [{ role: 'user', text: 'hi' }] }],
        o,
      ),
    ).toEqual([]);
  });

  it('say what was expected and what was seen', () => {
    expect(
      checkExpectations(
        [{ event: 'error', max: 1 }, { frame: 'response.create', from: 'server' }, { connections: 2 }, { chatCtx: [{ role: 'assistant' }] }, { event: 'session_reconnected', min: 1 }],
        o,
      ).map((f) => f.message),
    ).toEqual([
      'expect[0]: expected at most 1 "error" event(s), saw 2',
      'expect[1]: expected at least one "response.create" frame(s) from the server, saw none',
      'expect[2]: expected 2 open connection(s), saw 1',
      'expect[3]: chat context item 0: expected role "assistant", got "user" (whole context: [user: "hi"])',
      'expect[4]: expected at least 1 "session_reconnected" event(s), saw 0',
    ]);
  });
});
