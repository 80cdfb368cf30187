import { describe, expect, it } from 'vitest';
import { judgeRules } from '../../src/conform/conform-rules.js';
import type { Expectation, Scenario } from '../../src/harness/index.js';
import { scenario as handMade } from '../fuzz/hand-made.js';

const scenario = (rules: string[], expect: Expectation[]): Scenario => handMade({ rules, expect });

describe('a rule judged for a foreign client', () => {
  const named = scenario(
    ['§4.3', '§5.17', '§8.12'],
    [
      { event: 'generation_created', count: 1, rules: ['§4.3'] },
      { event: 'metrics_collected', count: 1, rules: ['§5.17'] },
      { frame: 'response.create', from: 'client', count: 1 },
    ],
  );

  it('takes the outcome of the expectations that name it, and is not applicable when none does', () => {
    const out = judgeRules(named, { statuses: ['passed', 'not_applicable', 'passed'] });

    expect(out).toEqual([
      { rule: '§4.3', status: 'passed' },
      { rule: '§5.17', status: 'not_applicable', why: 'none of the expectations that check it applies' },
      {
        rule: '§8.12',
        status: 'not_applicable',
        why: "no expectation names it: rt-sim's own run judges it by the golden",
      },
    ]);
  });

  it('fails when one of its expectations failed, whatever the others did', () => {
    const out = judgeRules(named, { statuses: ['failed', 'passed', 'passed'] });

    expect(out[0]).toEqual({ rule: '§4.3', status: 'failed' });
  });

  it('fails with the reason when its expectations passed in a scenario that failed for another reason', () => {
    const out = judgeRules(named, {
      statuses: ['passed', 'not_applicable', 'passed'],
      otherFailure: 'adapter: exited with 1 after close',
    });

    expect(out[0]).toEqual({ rule: '§4.3', status: 'failed', why: 'adapter: exited with 1 after close' });
    expect(out[1]?.status).toBe('not_applicable');
  });

  it('is judged by every check of the client in a scenario none of whose expectations names a rule', () => {
    const plain = scenario(
      ['§5.5', '§5.5/non-text'],
      [{ event: 'error', count: 0 }, { connections: 1 }, { frame: 'response.done', from: 'server', count: 1 }],
    );

    expect(judgeRules(plain, { statuses: ['not_applicable', 'passed', 'passed'] }).map((o) => o.status)).toEqual([
      'passed',
      'passed',
    ]);
    expect(judgeRules(plain, { statuses: ['failed', 'passed', 'passed'] }).map((o) => o.status)).toEqual([
      'failed',
      'failed',
    ]);
    // What the server sent shows what the fake did: it does not pass a rule on its own.
    expect(judgeRules(plain, { statuses: ['not_applicable', 'not_applicable', 'passed'] })[0]).toEqual({
      rule: '§5.5',
      status: 'not_applicable',
      why: 'none of the expectations that check it applies',
    });
  });

  it('is not applicable, with why, in a scenario whose steps could not be played', () => {
    expect(judgeRules(named, { statuses: [], unplayable: 'step 2 (wait call_failed): no such event' })[2]).toEqual({
      rule: '§8.12',
      status: 'not_applicable',
      why: 'step 2 (wait call_failed): no such event',
    });
  });
});
