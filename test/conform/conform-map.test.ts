import { describe, expect, it } from 'vitest';
import { ScenarioError, parseScenario } from '../../src/harness/load.js';

function issuesOf(text: string): { line: number; message: string; path: string }[] {
  try {
    parseScenario(text, 'scenarios/marked.yaml');
  } catch (e) {
    expect(e).toBeInstanceOf(ScenarioError);
    return (e as ScenarioError).issues.map((i) => ({ line: i.line, message: i.message, path: i.path.join('.') }));
  }
  throw new Error('expected the scenario to be refused');
}

describe('conform: true', () => {
  it('is kept on the loaded scenario when every step maps to an adapter command', () => {
    const s = parseScenario(
      [
        'name: fit',
        'conform: true',
        'steps:',
        '  - call: updateChatCtx',
        '    args: { add: [ { role: user, text: hi } ] }',
        '  - parallel:',
        '      - { call: generateReply }',
        '      - [ { sleep: 300 }, { call: interrupt } ]',
        '  - wait: generation_done',
        '  - wait: idle',
        '',
      ].join('\n'),
      'fit.yaml',
    );

    expect(s.conform).toBe(true);
  });

  it('refuses a marked scenario with a step no adapter command stands for, naming the step and its line', () => {
    const issues = issuesOf(
      [
        'name: unfit',
        'conform: true',
        'steps:',
        '  - call: generateReply',
        '  - call: pushFrame',
        '    args: { sampleRate: 24000, numChannels: 1, samplesPerChannel: 240 }',
        '  - parallel:',
        '      - { call: generateReply }',
        '      - [ { sleep: 10 }, { wait: connection_opened } ]',
        '',
      ].join('\n'),
    );

    expect(issues).toEqual([
      { line: 5, message: 'conform: call pushFrame has no adapter command', path: 'steps.1.call' },
      {
        line: 9,
        message: 'conform: wait connection_opened: an adapter reports no such event',
        path: 'steps.2.parallel.1.1.wait',
      },
    ]);
  });

  it('refuses a marked scenario whose call has args no adapter command carries, and keys only rt-sim honours', () => {
    const issues = issuesOf(
      [
        'name: unfit',
        'conform: true',
        'coalesceFrames: true',
        'steps:',
        '  - call: generateReply',
        '    args: { toolChoice: none }',
        '',
      ].join('\n'),
    );

    expect(issues.map((i) => [i.line, i.message])).toEqual([
      [3, "conform: coalesceFrames shapes rt-sim's own client only"],
      [6, 'conform: call generateReply with toolChoice has no adapter command'],
    ]);
  });

  it('leaves an unmarked scenario with the same steps alone', () => {
    const s = parseScenario('name: plain\nsteps:\n  - call: say\n    args: { text: hi }\n', 'plain.yaml');

    expect(s.conform).toBeUndefined();
  });
});
