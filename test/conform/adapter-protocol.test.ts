import { describe, expect, it } from 'vitest';
import type { Expectation } from '../../src/harness/index.js';
import { buildReport, judgeExpectations, parseAdapterLine, type ConformResult } from '../../src/conform/index.js';

describe('the adapter protocol', () => {
  it('reads replies, failed replies with their error, and events with their data', () => {
    expect(parseAdapterLine('{"id":3,"ok":true}')).toEqual({ kind: 'reply', reply: { id: 3, ok: true } });
    expect(parseAdapterLine('{"id":4,"ok":false,"error":{"code":"E","message":"no"}}')).toEqual({
      kind: 'reply',
      reply: { id: 4, ok: false, error: { code: 'E', message: 'no' } },
    });
    expect(parseAdapterLine('{"event":"done","responseId":"r1"}')).toEqual({
      kind: 'event',
      event: { event: 'done', data: { responseId: 'r1' } },
    });
  });

  it('reads the events an adapter lists in its reply to connect, and refuses a list of unknown ones', () => {
    expect(parseAdapterLine('{"id":1,"ok":true,"events":["done","response_started"]}')).toEqual({
      kind: 'reply',
      reply: { id: 1, ok: true, events: ['done', 'response_started'] },
    });
    expect(parseAdapterLine('{"id":1,"ok":true,"events":["speech"]}')).toMatchObject({ kind: 'bad' });
  });

  it('calls a line that is not JSON, not an object, an unknown event or neither kind a protocol error', () => {
    expect(parseAdapterLine('hello')).toEqual({ kind: 'bad', problem: 'not a JSON line: hello' });
    expect(parseAdapterLine('[1]')).toEqual({ kind: 'bad', problem: 'not a JSON object: [1]' });
    expect(parseAdapterLine('{"event":"speech"}')).toEqual({ kind: 'bad', problem: 'unknown event "speech"' });
    expect(parseAdapterLine('{"id":"1","ok":true}')).toEqual({
      kind: 'bad',
      problem: 'neither an event nor a reply {id, ok}: {"id":"1","ok":true}',
    });
  });
});

describe('expectations for a foreign client', () => {
  it('judges event counts by the mapped adapter events and lists what no adapter can show as not applicable', () => {
    const counts: Record<string, number> = { response_started: 2, done: 1 };
    const out = judgeExpectations(
      [
        { event: 'generation_created', count: 2 },
        { event: 'generation_done', min: 2 },
        { frame: 'response.create', from: 'client', count: 1 },
        { frame: 'response.create', from: 'client', count: 1, afterMs: 100 },
        { event: 'connection_opened', count: 1 },
        { event: 'error', count: 0, match: { code: 'x' } },
        { chatCtx: [{ role: 'user' }] },
      ],
      (name) => counts[name] ?? 0,
    );

    expect(out.checked).toBe(3);
    expect(out.failures).toEqual([
      '{"event":"generation_done","min":2}: expected at least 2 "done" adapter event(s), saw 1',
    ]);
    expect(out.notApplicable.map((n) => n.slice(n.indexOf('}: ') + 3))).toEqual([
      'its time bound is virtual time; a foreign client runs on real time',
      'an adapter reports no event for connection_opened',
      'code is in rt-sim\'s own event data, not in the "error" adapter event',
      "the adapter reported no chat_ctx event with the conversation's items",
    ]);
  });
});

describe('expectations on events an adapter does not report', () => {
  it('are not applicable, not failed', () => {
    const out = judgeExpectations(
      [
        { event: 'metrics_collected', count: 1 },
        { event: 'generation_created', count: 1 },
      ],
      (name) => (name === 'response_started' ? 1 : 0),
      (name) => name !== 'metrics',
    );

    expect(out).toEqual({
      checked: 1,
      statuses: ['not_applicable', 'passed'],
      failures: [],
      notApplicable: [
        '{"event":"metrics_collected","count":1}: the adapter said at connect that it reports no "metrics" events',
      ],
    });
  });
});

describe('event expectations with a match', () => {
  const calls = [
    { callId: 'c1', name: 'get_weather', arguments: '{"city":"Paris"}' },
    { callId: 'c2', name: 'get_time', arguments: '{"city":"Paris"}' },
  ];
  const judge = (e: Expectation, data: Record<string, unknown>[]) =>
    judgeExpectations(
      [e],
      () => data.length,
      undefined,
      undefined,
      () => data,
    );

  it("are judged on the adapter's events when they match fields the adapter events carry", () => {
    expect(judge({ event: 'function_call', count: 1, match: { name: 'get_time' } }, calls)).toMatchObject({
      checked: 1,
      statuses: ['passed'],
      failures: [],
    });
    expect(judge({ event: 'function_call', count: 2, match: { name: 'get_time' } }, calls).failures).toEqual([
      '{"event":"function_call","count":2,"match":{"name":"get_time"}}: expected 2 "function_call" adapter ' +
        'event(s) matching {"name":"get_time"}, saw 1',
    ]);
  });

  it("are not applicable on fields only rt-sim's event data has, or that the adapter's events leave out", () => {
    expect(judge({ event: 'function_call', count: 1, match: { callId: '<call#1>' } }, calls).notApplicable).toEqual([
      '{"event":"function_call","count":1,"match":{"callId":"<call#1>"}}: callId is in rt-sim\'s own event data, ' +
        'not in the "function_call" adapter event',
    ]);
    expect(judge({ event: 'error', count: 1, match: { recoverable: true } }, [{ message: 'x' }]).notApplicable).toEqual(
      [
        '{"event":"error","count":1,"match":{"recoverable":true}}: the adapter\'s "error" events do not all carry ' +
          'recoverable',
      ],
    );
  });
});

describe('chat context expectations', () => {
  const want = { chatCtx: [{ role: 'user', text: 'Hi' }, { type: 'function_call' }] };

  it("compare the adapter's last chat_ctx items with the scenario's list", () => {
    const good = [
      { type: 'message', role: 'user', text: 'Hi' },
      { type: 'function_call', id: 'x' },
    ];
    const bad = [{ type: 'message', role: 'user', text: 'Hello' }, { type: 'function_call' }];

    expect(judgeExpectations([want], () => 0, undefined, good)).toEqual({
      checked: 1,
      statuses: ['passed'],
      failures: [],
      notApplicable: [],
    });
    expect(judgeExpectations([want], () => 0, undefined, bad).failures).toEqual([
      `${JSON.stringify(want)}: chat context item 0: expected text "Hi", got "Hello" ` +
        '(whole context: [user: "Hello", function_call]) (the adapter\'s last chat_ctx event)',
    ]);
  });

  it('are not applicable when the adapter sent no chat_ctx event', () => {
    expect(judgeExpectations([want], () => 0).notApplicable).toEqual([
      `${JSON.stringify(want)}: the adapter reported no chat_ctx event with the conversation's items`,
    ]);
  });
});

describe('the conformance report', () => {
  /** A scenario's result; `rules` maps each rule it lists to the rule's outcome there. */
  const result = (
    scenario: string,
    status: ConformResult['status'],
    rules: Record<string, ConformResult['status']>,
  ): ConformResult => ({
    scenario,
    file: `${scenario}.yaml`,
    rules: Object.keys(rules),
    ruleOutcomes: Object.entries(rules).map(([rule, s]) => ({ rule, status: s })),
    status,
    durationMs: 1000,
    failures: status === 'failed' ? ['x'] : [],
    notApplicable: [],
    checked: status === 'not_applicable' ? 0 : 1,
    adapterLog: '',
  });

  it('fails a rule that failed in a scenario, passes one that passed in one, leaves the rest not applicable', () => {
    const report = buildReport('adapter', [
      result('a', 'passed', { 'R1.1': 'passed', 'R2.1': 'passed', 'R6.2': 'not_applicable' }),
      result('b', 'failed', { 'R2.1': 'failed' }),
      result('c', 'not_applicable', { 'R6.1': 'not_applicable', 'R1.1': 'not_applicable' }),
    ]);

    expect(report.rules.map((r) => [r.rule, r.status])).toEqual([
      ['R1.1', 'passed'],
      ['R2.1', 'failed'],
      ['R6.1', 'not_applicable'],
      ['R6.2', 'not_applicable'],
    ]);
    expect(report.rules[0]?.scenarios).toEqual([
      { name: 'a', status: 'passed' },
      { name: 'c', status: 'not_applicable' },
    ]);
    expect(report.totals).toEqual({ scenarios: 3, passed: 1, failed: 1, notApplicable: 1, durationMs: 3000 });
  });
});
