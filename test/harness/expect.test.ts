import { describe, expect, it } from 'vitest';
import { checkExpectations } from '../../src/harness/expect.js';
import type { Observation } from '../../src/harness/observation.js';

const o: Observation = {
  scenario: 's',
  seed: 1,
  simulatedMs: 0,
  connections: [
    { attempt: 1, conn: null, t: 0, outcome: 'refused', status: 401 },
    { attempt: 2, conn: 1, t: 100, outcome: 'open' },
  ],
  frames: [
    { t: 0, conn: 2, from: 'client', type: 'response.create', body: {} },
    { t: 5, conn: 2, from: 'server', type: 'response.done', body: {} },
  ],
  events: [
    { t: 1, event: 'error' },
    { t: 2, event: 'error' },
  ],
  audio: { input: { appends: 0, bytes: 0, times: [] }, output: { frames: 0, samples: 0, times: [] } },
  chatCtx: [{ type: 'message', role: 'user', text: 'hi' }],
  tools: [],
  metrics: [],
};

describe('expectations', () => {
  it('pass when the counts match', () => {
    expect(
      checkExpectations(
        [
          { event: 'error', count: 2 },
          { frame: 'response.create', from: 'client', count: 1 },
          { connections: 1 },
          { chatCtx: [{ role: 'user', text: 'hi' }] },
        ],
        o,
      ),
    ).toEqual([]);
  });

  it('say what was expected and what was seen', () => {
    expect(
      checkExpectations(
        [
          { event: 'error', max: 1 },
          { frame: 'response.create', from: 'server' },
          { connections: 2 },
          { chatCtx: [{ role: 'assistant' }] },
          { event: 'session_reconnected', min: 1 },
        ],
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

  describe('match, afterMs and beforeMs', () => {
    const frames: Observation = {
      ...o,
      frames: [
        {
          t: 0,
          conn: 1,
          from: 'client',
          type: 'conversation.item.create',
          body: { item: { content: [{ type: 'input_text', text: 'Hi.' }] } },
        },
        {
          t: 300,
          conn: 2,
          from: 'client',
          type: 'conversation.item.create',
          body: { item: { content: [{ type: 'input_text', text: 'Hi.\nHi.' }] } },
        },
      ],
      events: [{ t: 40, event: 'error', data: { recoverable: true, code: 'X' } }],
    };

    it('count only the frames whose body holds the value at each dotted path', () => {
      expect(
        checkExpectations(
          [{ frame: 'conversation.item.create', from: 'client', count: 1, match: { 'item.content.0.text': 'Hi.' } }],
          frames,
        ),
      ).toEqual([]);
      expect(
        checkExpectations(
          [{ frame: 'conversation.item.create', from: 'client', count: 2, match: { 'item.content.0.text': 'Hi.' } }],
          frames,
        ).map((f) => f.message),
      ).toEqual([
        'expect[0]: expected 2 "conversation.item.create" frame(s) from the client matching ' +
          '{"item.content.0.text":"Hi."}, saw 1',
      ]);
    });

    it('compare whole values whatever their key order, and miss on a missing path', () => {
      expect(
        checkExpectations(
          [
            {
              frame: 'conversation.item.create',
              from: 'client',
              count: 2,
              match: { 'item.content.0': { text: 'Hi.', type: 'input_text' } },
            },
          ],
          frames,
        ).map((f) => f.message),
      ).toEqual([
        'expect[0]: expected 2 "conversation.item.create" frame(s) from the client matching ' +
          '{"item.content.0":{"text":"Hi.","type":"input_text"}} (the mapping under "item.content.0" must equal ' +
          'the value whole, every key; to match one field give its dotted path, e.g. "item.content.0.text"), saw ' +
          '1',
      ]);
      expect(
        checkExpectations(
          [{ frame: 'conversation.item.create', from: 'client', count: 0, match: { 'item.nope.text': 'Hi.' } }],
          frames,
        ),
      ).toEqual([]);
    });

    it('bound the time inclusively on both sides', () => {
      expect(
        checkExpectations([{ frame: 'conversation.item.create', from: 'client', count: 1, afterMs: 300 }], frames),
      ).toEqual([]);
      expect(
        checkExpectations([{ frame: 'conversation.item.create', from: 'client', count: 1, beforeMs: 299 }], frames),
      ).toEqual([]);
      expect(
        checkExpectations([{ event: 'error', count: 1, afterMs: 40, beforeMs: 40, match: { code: 'X' } }], frames),
      ).toEqual([]);
      expect(checkExpectations([{ event: 'error', count: 1, beforeMs: 39 }], frames).map((f) => f.message)).toEqual([
        'expect[0]: expected 1 "error" event(s) at or before 39 ms, saw 0',
      ]);
    });
  });
});
