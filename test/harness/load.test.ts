import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ScenarioError, loadScenario, parseScenario } from '../../src/harness/load.js';

function issuesOf(text: string): { line: number; col: number; message: string; hint?: string; path: string }[] {
  try {
    parseScenario(text, 'scenarios/bad.yaml');
  } catch (e) {
    expect(e).toBeInstanceOf(ScenarioError);
    return (e as ScenarioError).issues.map((i) => ({
      line: i.line,
      col: i.col,
      message: i.message,
      path: i.path.join('.'),
      ...(i.hint ? { hint: i.hint } : {}),
    }));
  }
  throw new Error('expected the scenario to be refused');
}

describe('scenario loading', () => {
  it('accepts a minimal scenario and fills the defaults', () => {
    const s = parseScenario('name: tiny\nsteps:\n  - call: generateReply\n', 'tiny.yaml');
    expect(s).toMatchObject({
      name: 'tiny',
      seed: 1,
      golden: true,
      client: {},
      server: {},
      script: [],
      tools: [],
      expect: [],
    });
    expect(s.steps).toEqual([{ call: 'generateReply' }]);
  });

  it('keeps the rule ids a scenario declares, with their clauses', () => {
    const s = parseScenario('name: r\nrules: [R2.5, "§5.3/excludes"]\nsteps:\n  - call: generateReply\n', 'r.yaml');
    expect(s.rules).toEqual(['R2.5', '§5.3/excludes']);
  });

  it('keeps the rules an expectation names, when the scenario lists them', () => {
    const s = parseScenario(
      'name: r\nrules: [§4.3, §5.17]\nsteps:\n  - call: generateReply\n' +
        'expect:\n  - { event: metrics_collected, count: 1, rules: [§5.17] }\n',
      'r.yaml',
    );
    expect(s.expect).toEqual([{ event: 'metrics_collected', count: 1, rules: ['§5.17'] }]);
  });

  it('refuses an expectation naming a rule the scenario does not list, or one twice, at its line', () => {
    const issues = issuesOf(
      'name: r\nrules: [§4.3]\nsteps:\n  - call: generateReply\nexpect:\n' +
        '  - { connections: 1, rules: [§4.3, §5.17] }\n  - { event: error, count: 0, rules: [§4.3, §4.3] }\n',
    );
    expect(issues).toEqual([
      {
        line: 6,
        col: 37,
        path: 'expect.0.rules.1',
        message: "§5.17 is not among the scenario's rules: [§4.3]",
        hint: 'an expectation names rules the scenario lists: add it to rules: at the top, or fix the id',
      },
      { line: 7, col: 45, path: 'expect.1.rules.1', message: '§4.3 is named twice' },
    ]);
  });

  it('refuses a malformed or repeated rule id at its line', () => {
    const issues = issuesOf('name: r\nrules:\n  - R2.5\n  - 5.3\n  - R2.5\nsteps:\n  - call: generateReply\n');
    expect(issues.map((i) => [i.line, i.path])).toEqual([
      [4, 'rules.1'],
      [5, 'rules.2'],
    ]);
    expect(issues[0]!.message).toMatch(/expected a rule id/);
    expect(issues[1]!.message).toBe('R2.5 is listed twice');
  });

  it('refuses a rule id or clause the catalogue does not have, and suggests the nearest', () => {
    // R2.5 with a digit too many, built so that the docs test does not read it as a citation
    const issues = issuesOf(
      `name: r\nrules:\n  - R2.${'55'}\n  - §5.3/exclude\n  - §5.9/late\n  - §1.8\nsteps:\n  - call: generateReply\n`,
    );
    expect(issues.map((i) => [i.line, i.message, i.hint])).toEqual([
      [3, `unknown rule id R2.${'55'}`, 'did you mean R2.5? (docs/rule-map.md lists every rule)'],
      [
        4,
        '§5.3 has no clause "exclude"',
        expect.stringMatching(/^did you mean §5\.3\/excludes\? \(its clauses: resends, excludes, /),
      ],
      [5, '§5.9 has no clause "late"', '§5.9 has no clauses: write §5.9'],
      [6, expect.stringMatching(/^§1\.8 \(.*\) is informational: /), expect.stringMatching(/client contract/)],
    ]);
  });

  it('keeps the events of listenerThrows and refuses a name that is no client event, at its line', () => {
    const ok = parseScenario('name: l\nlistenerThrows: [error]\nsteps:\n  - call: generateReply\n', 'l.yaml');
    expect(ok.listenerThrows).toEqual(['error']);
    const [issue] = issuesOf('name: l\nlistenerThrows: [generation_started]\nsteps:\n  - call: generateReply\n');
    expect(issue).toMatchObject({ line: 2, path: 'listenerThrows.0' });
    expect(issue?.message).toContain('a client event name');
  });

  it('points a YAML syntax error at its line', () => {
    const [issue] = issuesOf('name: x\nsteps: [\n  - call: y\n');
    expect(issue!.line).toBeGreaterThanOrEqual(2);
    expect(issue!.message).toMatch(/^not valid YAML/);
  });

  it('points a misspelt wait event at its line and suggests the right one', () => {
    const issues = issuesOf('name: x\nsteps:\n  - call: generateReply\n  - wait: idel\n');
    expect(issues).toEqual([
      { line: 4, col: 11, path: 'steps.1.wait', message: 'unknown event "idel"', hint: 'did you mean "idle"?' },
    ]);
  });

  it('points an unknown key at the key itself', () => {
    const issues = issuesOf('name: x\nstpes: []\nsteps:\n  - call: close\n');
    expect(issues).toEqual([
      { line: 2, col: 1, path: 'stpes', message: 'unknown key "stpes"', hint: 'did you mean "steps"?' },
    ]);
  });

  it('reports every problem of a file, not only the first', () => {
    const issues = issuesOf('name: Bad Name\nseed: -1\nsteps:\n  - call: generateReplyy\n  - sleep: soon\n');
    expect(issues.map((i) => `${i.line}:${i.path}`)).toEqual(['1:name', '2:seed', '4:steps.0.call', '5:steps.1.sleep']);
    expect(issues[2]!.hint).toBe('did you mean "generateReply"?');
  });

  it('refuses a step with two kinds and a call missing its arguments', () => {
    const issues = issuesOf('name: x\nsteps:\n  - call: close\n    sleep: 5\n  - call: updateInstructions\n');
    expect(issues.map((i) => i.message)).toEqual([
      'a step has exactly one of "call", "wait" or "sleep", got call and sleep',
      'call updateInstructions needs args with instructions',
    ]);
  });

  it('checks the args of say and the per-response tools of generateReply, naming each bad field', () => {
    const issues = issuesOf(
      'name: x\nsteps:\n  - call: say\n    args: { text: "", interruptible: "no" }\n  - call: generateReply\n  ' +
        '  args: { toolChoice: 3, tools: [ { description: d } ] }\n',
    );
    expect(issues.map((i) => `${i.line}:${i.path}`)).toEqual([
      '4:steps.0.args.text',
      '4:steps.0.args.interruptible',
      '6:steps.1.args.toolChoice',
      '6:steps.1.args.tools.0.name',
    ]);
  });

  it('checks the args of pushVideo: base64 data and an image MIME type', () => {
    const issues = issuesOf(
      'name: x\nsteps:\n  - call: pushVideo\n    args: { data: "not base64!", mimeType: text/plain }\n  - ' +
        'call: pushVideo\n    args: { mimeType: image/png }\n',
    );
    expect(issues.map((i) => `${i.line}:${i.path}`)).toEqual([
      '4:steps.0.args.data',
      '4:steps.0.args.mimeType',
      '6:steps.1.args',
    ]);
  });

  it('checks model-level calls: modelUpdateOptions needs an option and the client validator; others no args', () => {
    const issues = issuesOf(
      'name: x\nsteps:\n  - call: modelUpdateOptions\n  - call: openSession\n    args: { n: 2 }\n  - call: ' +
        'inspectModel\n  - call: closeModel\n',
    );
    expect(issues.map((i) => `${i.line}:${i.path}: ${i.message}`)).toEqual([
      '3:steps.0: call modelUpdateOptions needs args with one of voice, turnDetection, toolChoice, speed, ' +
        'maxResponseOutputTokens, inputAudioTranscription, inputAudioNoiseReduction, tracing',
      '5:steps.1.args.n: unknown key "n"',
    ]);
    try {
      parseScenario('name: x\nsteps:\n  - call: modelUpdateOptions\n    args: { voice: 3 }\n', 'x.yaml', {
        client: (v) =>
          (v as { voice: unknown }).voice === 3 ? [{ path: ['voice'], message: 'expected a voice name' }] : [],
      });
      throw new Error('expected a refusal');
    } catch (e) {
      expect((e as ScenarioError).issues).toMatchObject([
        { line: 4, path: ['steps', 0, 'args', 'voice'], message: 'expected a voice name' },
      ]);
    }
  });

  it('names a missing file and says how to fix it', async () => {
    await expect(loadScenario('no/such/file.yaml')).rejects.toThrow(
      /no\/such\/file\.yaml:0:0: \(top level\): no such file\n {2}hint: give the path of a scenario \.yaml file/,
    );
  });

  it('loads a file from disk and resolves fixtures beside it', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'rtsim-load-'));
    const file = path.join(dir, 'a.yaml');
    await writeFile(file, 'name: a\nsteps:\n  - sleep: 10\n');
    const s = await loadScenario(file);
    expect(s.baseDir).toBe(dir);
    expect(s.file).toBe(file);
  });

  it('runs the block validators of the client and the simulator with the right paths', () => {
    try {
      parseScenario('name: x\nclient:\n  voice: 3\nsteps:\n  - sleep: 1\n', 'x.yaml', {
        client: (v) =>
          (v as { voice: unknown }).voice === 3 ? [{ path: ['voice'], message: 'expected a voice name' }] : [],
      });
      throw new Error('expected a refusal');
    } catch (e) {
      expect((e as ScenarioError).issues).toMatchObject([
        { line: 3, path: ['client', 'voice'], message: 'expected a voice name' },
      ]);
    }
  });
});

describe('secrets in scenarios', () => {
  it('refuses an API key in the client block', () => {
    const issues = issuesOf('name: x\nclient:\n  apiKey: xai-abc\nsteps:\n  - sleep: 1\n');
    expect(issues).toEqual([
      {
        line: 3,
        col: 11,
        path: 'client.apiKey',
        message: 'an API key does not belong in a scenario file',
        hint: 'remove it: the harness gives the client a test key, and secrets must not reach reports or goldens',
      },
    ]);
  });
});
