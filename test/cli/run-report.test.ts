import { cp, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.js';
import { scratchProject } from './cli-helpers.js';
import { createProgress } from '../../src/cli/progress.js';

const ESC = '\u001b[';

interface Run {
  code: number;
  out: string;
  err: string;
  /** Every stdout write, in order: a live report writes each scenario as it finishes. */
  writes: string[];
}

/**
 * Runs the CLI in-process. `run` gets `--workers 1`: these tests are about the report, which
 * is the same with workers (test/integration/run-workers.test.ts), and one thread keeps them quick.
 */
async function cli(
  args: string[],
  cwd: string,
  extra: { env?: Record<string, string>; terminal?: PassThrough } = {},
): Promise<Run> {
  const writes: string[] = [];
  let err = '';
  const code = await main(args[0] === 'run' ? [...args, '--workers', '1'] : args, {
    stdout: (s) => writes.push(s),
    stderr: (s) => (err += s),
    cwd,
    env: extra.env ?? {},
    ...(extra.terminal ? { terminal: extra.terminal } : {}),
  });
  return { code, out: writes.join(''), err, writes };
}

/** A scratch project holding a few bundled scenarios, their fixtures and golden files. */
const project = (names: string[] = ['text-reply', 'function-call', 'voice-turn']): Promise<string> =>
  scratchProject(names, 'rtsim-report-');

/** Makes text-reply expect two generations where it has one: it fails, on every seed. */
async function breakExpectation(dir: string): Promise<void> {
  const file = path.join(dir, 'scenarios', 'text-reply.yaml');
  await writeFile(
    file,
    (await readFile(file, 'utf8')).replace(
      '{ event: generation_created, count: 1,',
      '{ event: generation_created, count: 2,',
    ),
  );
}

describe('rt-sim run, console report', () => {
  it('writes one line per scenario as it finishes, in whole milliseconds, then a summary', async () => {
    const dir = await project();
    const { code, writes } = await cli(['run', 'scenarios'], dir);
    expect(code).toBe(0);
    expect(writes).toHaveLength(4);
    expect(writes[0]).toMatch(
      /^ok {3}function-call {2}scenarios\/function-call\.yaml {2}\d+ ms wall, \d+ ms simulated\n$/,
    );
    expect(writes[1]).toMatch(/^ok {3}text-reply /);
    expect(writes[2]).toMatch(/^ok {3}voice-turn /);
    expect(writes[3]).toMatch(/^\n3 scenarios in \d+ ms wall, \d+ ms simulated\n3 passed, 0 failed\n$/);
    expect(writes.join('')).not.toContain(ESC);
  });

  it("keeps the client's warnings off stderr, and shows a failed scenario's last ones under it", async () => {
    const dir = await project(['response-created-unreadable', 'text-reply']);
    const consoleError = vi.spyOn(console, 'error');
    const consoleWarn = vi.spyOn(console, 'warn');
    const passing = await cli(['run', 'scenarios'], dir);
    expect(passing.code).toBe(0);
    expect(consoleError).not.toHaveBeenCalled();
    expect(consoleWarn).not.toHaveBeenCalled();
    consoleError.mockRestore();
    consoleWarn.mockRestore();
    expect(passing.out).not.toContain('client log:');
    const file = path.join(dir, 'scenarios', 'response-created-unreadable.yaml');
    await writeFile(
      file,
      (await readFile(file, 'utf8')).replace('{ event: error, count: 1 }', '{ event: error, count: 2 }'),
    );
    const failing = await cli(['run', 'scenarios'], dir);
    expect(failing.code).toBe(1);
    expect(failing.out).toMatch(
      new RegExp(
        String.raw`FAIL response-created-unreadable[^\n]*\n {5}expectation: [^\n]*\n {5}client log:\n {7}` +
          String.raw`\d+ ms error: failed to handle event \{ type: 'response\.created'`,
      ),
    );
    expect(failing.out).not.toMatch(/^ok {3}text-reply[^\n]*\n {5}client log:/m);
  });

  it('colours only on a terminal, and not when NO_COLOR is set', async () => {
    const dir = await project(['text-reply']);
    const coloured = await cli(['run', 'scenarios'], dir, { terminal: new PassThrough() });
    expect(coloured.out).toContain(`${ESC}32mok  ${ESC}0m`);
    const noColor = await cli(['run', 'scenarios'], dir, { terminal: new PassThrough(), env: { NO_COLOR: '1' } });
    expect(noColor.out).not.toContain(ESC);
    expect(noColor.out).toContain('1 passed, 0 failed');
  });

  it('puts every flag that changed the run into the reproduce line', async () => {
    const dir = await project(['text-reply']);
    await breakExpectation(dir);
    await cp(path.join(dir, 'golden'), path.join(dir, 'my goldens'), { recursive: true });
    const { code, out } = await cli(
      ['run', 'scenarios', '--golden-dir', 'my goldens', '--transport', 'ws', '--seed', '7'],
      dir,
    );
    expect(code).toBe(1);
    expect(out).toContain(
      "reproduce: npx rt-sim run scenarios/text-reply.yaml --seed 7 --golden-dir 'my goldens' --transport ws\n",
    );
  });
});

describe('rt-sim run, invalid files', () => {
  it('reports a file that does not parse as one failing entry with file and line, runs the rest, exits 2', async () => {
    const dir = await project(['text-reply']);
    await writeFile(
      path.join(dir, 'scenarios', 'broken.yaml'),
      'name: broken\nsteps:\n  - call: generateReply\n  - wiat: idle\n',
    );
    const { code, out } = await cli(['run', 'scenarios'], dir);
    expect(code).toBe(2);
    expect(out).toMatch(/^FAIL broken {2}scenarios\/broken\.yaml /);
    expect(out).toContain('invalid: 1 problem in scenarios/broken.yaml');
    expect(out).toContain(
      'scenarios/broken.yaml:4:5: steps[1]: ' +
        'a step has exactly one of "call", "wait", "sleep", "parallel" or "await", got none',
    );
    expect(out).toMatch(/\nok {3}text-reply /);
    expect(out).toContain('1 passed, 1 failed (1 invalid)');
  });

  it('exits 2 for an invalid file even when every other scenario fails too', async () => {
    const dir = await project(['text-reply']);
    await breakExpectation(dir);
    await writeFile(path.join(dir, 'scenarios', 'bad.yaml'), 'name: bad\nsteps: [\n');
    expect((await cli(['run', 'scenarios'], dir)).code).toBe(2);
  });
});

describe('rt-sim run --reporter junit', () => {
  it('writes exactly one <failure> per failing testcase, holding every failure', async () => {
    const dir = await project(['text-reply', 'function-call']);
    await breakExpectation(dir);
    const golden = path.join(dir, 'golden', 'text-reply.json');
    await writeFile(golden, (await readFile(golden, 'utf8')).replace('"instructions":null', '"instructions":"x"'));
    const { code, out } = await cli(['run', 'scenarios', '--reporter', 'junit'], dir);
    expect(code).toBe(1);
    expect(out.match(/<failure /g)).toHaveLength(1);
    const failure = /<failure type="expectation" message="([^"]*)">([^<]*)<\/failure>/.exec(out);
    expect(failure?.[1]).toContain('(and 1 more)');
    expect(failure?.[2]).toContain('golden-diff: the run differs from golden/text-reply.json');
    expect(failure?.[2]).toContain('reproduce: npx rt-sim run scenarios/text-reply.yaml --seed 1');
  });
});

describe('rt-sim run flags', () => {
  it('--bail stops after the first failing scenario', async () => {
    const dir = await project(['text-reply', 'voice-turn']);
    await breakExpectation(dir);
    const { code, out } = await cli(['run', 'scenarios', '--bail'], dir);
    expect(code).toBe(1);
    expect(out).toContain('FAIL text-reply');
    expect(out).not.toContain('voice-turn');
    expect(out).toContain('1 scenario in');
  });

  it('--list names the scenarios a run would run and runs none; an invalid one exits 2', async () => {
    const dir = await project(['text-reply', 'voice-turn']);
    const ok = await cli(['run', 'scenarios', '--list'], dir);
    expect(ok.code).toBe(0);
    expect(ok.out).toBe(
      'text-reply  scenarios/text-reply.yaml  seed 1\n' +
        'voice-turn  scenarios/voice-turn.yaml  seed 1\n2 scenario file(s)\n',
    );
    await writeFile(path.join(dir, 'scenarios', 'bad.yaml'), 'name: bad\nsteps: []\n');
    const bad = await cli(['run', 'scenarios', '--list'], dir);
    expect(bad.code).toBe(2);
    expect(bad.out).toContain('INVALID  scenarios/bad.yaml\n');
    expect(bad.out).toContain('scenarios/bad.yaml:2:8: steps: expected a non-empty list of steps');
  });

  it('--repeat runs each scenario again and passes when every run observes the same', async () => {
    const dir = await project(['text-reply']);
    const { code, out } = await cli(['run', 'scenarios', '--repeat', '3', '--reporter', 'json'], dir);
    expect(code).toBe(0);
    expect(JSON.parse(out).summary).toMatchObject({ total: 1, passed: 1 });
    expect((await cli(['run', 'scenarios', '--repeat', '0'], dir)).code).toBe(2);
  });

  it('--seeds runs every seed without the golden, and names the failing seeds', async () => {
    const dir = await project(['text-reply', 'voice-turn']);
    const pass = await cli(['run', 'scenarios', '--seeds', '1..4', '--reporter', 'json'], dir);
    expect(pass.code).toBe(0);
    const report = JSON.parse(pass.out);
    expect(report.summary).toMatchObject({ total: 2, passed: 2 });
    expect(report.scenarios[0].failingSeeds).toEqual([]);
    await breakExpectation(dir);
    const fail = await cli(['run', 'scenarios/text-reply.yaml', '--seeds', '3..5'], dir);
    expect(fail.code).toBe(1);
    expect(fail.out).toContain('failing seeds 3, 4, 5');
    expect(fail.out).toContain('expectation: seed 3: expect[0]: expected 2 "generation_created" event(s), saw 1');
    expect(fail.out).toContain('reproduce: npx rt-sim run scenarios/text-reply.yaml --seeds 3..3');
  });

  it('--seeds does not hold a scenario to an invariant its own expectations ask to break', async () => {
    // fatal-error-code expects the fatal error that the noFatalError invariant forbids.
    const dir = await project(['fatal-error-code']);
    const { code, out } = await cli(['run', 'scenarios', '--seeds', '1..2'], dir);
    expect(code).toBe(0);
    expect(out).toMatch(/^ok {3}fatal-error-code /);
  });

  it('--seeds does not go with flags it ignores, and needs A..B', async () => {
    const dir = await project(['text-reply']);
    const clash = await cli(['run', 'scenarios', '--seeds', '1..2', '--update'], dir);
    expect(clash.code).toBe(2);
    expect(clash.err).toContain('--seeds sweeps seeds in memory without golden files, so it cannot go with --update');
    expect((await cli(['run', 'scenarios', '--seeds', '5..2'], dir)).code).toBe(2);
  });

  it('--update lists golden files no scenario owns any more', async () => {
    const dir = await project(['text-reply']);
    await writeFile(path.join(dir, 'golden', 'renamed-away.json'), '{}\n');
    const { code, out } = await cli(['run', 'scenarios', '--update'], dir);
    expect(code).toBe(0);
    expect(out).toContain(
      '1 golden file(s) no scenario owns any more (remove them if their scenario is gone):\n' +
        '  golden/renamed-away.json\n',
    );
    expect(await readFile(path.join(dir, 'golden', 'renamed-away.json'), 'utf8')).toBe('{}\n');
  });
});

describe('progress', () => {
  it('draws a bar only on a terminal, and prints finished lines either way', async () => {
    const terminal = new PassThrough();
    let drawn = '';
    terminal.on('data', (d: Buffer) => (drawn += d.toString()));
    Object.assign(terminal, { isTTY: true, columns: 100 });
    const lines: string[] = [];
    const io = { stdout: (s: string) => lines.push(s), stderr: () => undefined, cwd: '.', env: {} };
    const bar = createProgress({ ...io, terminal }, 4, { delayMs: 0, label: 'fuzz' });
    bar.tick(1);
    bar.line('done one\n');
    // cli-progress redraws on its own timer (10 per second).
    await new Promise((resolve) => setTimeout(resolve, 300));
    bar.tick(4);
    bar.stop();
    expect(drawn).toContain('fuzz');
    expect(drawn).toContain('done one');
    const plain = createProgress(io, 4, { delayMs: 0, label: 'fuzz' });
    plain.tick(2);
    plain.line('done two\n');
    plain.stop();
    expect(lines).toEqual(['done two\n']);
  });
});
