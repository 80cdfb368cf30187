import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import type { ConformReport } from '../../src/conform/index.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
/** rt-sim's own adapter, from the sources (as the installed package runs dist/adapter/rt-sim-adapter.js). */
const OWN_ADAPTER = 'node --import tsx src/adapter/rt-sim-adapter.ts';
const BROKEN_ADAPTER = 'node test/conform/fixtures/broken-adapter.mjs';
const SAYLESS_ADAPTER = 'node test/conform/fixtures/sayless-adapter.mjs';

/** Runs the CLI in-process; resolves with its exit code and what it printed. */
async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(args, { stdout: (s) => (out += s), stderr: (s) => (err += s), cwd: ROOT, env: {} });
  return { code, out, err };
}

/** The bundled scenarios marked conform: true, by name, in the order of their files. */
function markedBundled(): string[] {
  const dir = path.join(ROOT, 'scenarios');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.yaml') && /^conform: true$/m.test(readFileSync(path.join(dir, f), 'utf8')))
    .sort()
    .map((f) => f.replace(/\.yaml$/, ''));
}

let tmp = '';
beforeAll(async () => {
  tmp = await mkdtemp(path.join(tmpdir(), 'rt-sim-conform-test-'));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

describe('rt-sim conform', () => {
  it("passes every marked bundled scenario with rt-sim's own client behind its adapter", async () => {
    const out = path.join(tmp, 'own.json');
    const run = await cli([
      'conform',
      '--adapter',
      OWN_ADAPTER,
      '--reporter',
      'json',
      '--out',
      out,
      '--concurrency',
      '3',
    ]);
    const report = JSON.parse(await readFile(out, 'utf8')) as ConformReport;

    // Three at a time, reported in file order.
    expect(report.scenarios.map((s) => s.scenario)).toEqual(markedBundled());
    expect(markedBundled().length).toBeGreaterThanOrEqual(5);
    expect(report.scenarios.filter((s) => s.status !== 'passed').map((s) => [s.scenario, s.failures])).toEqual([]);
    expect(report.totals.failed).toBe(0);
    // Its chat_ctx event makes the chatCtx expectation applicable: every check of function-call is judged.
    const functionCall = report.scenarios.find((s) => s.scenario === 'function-call');
    expect(functionCall).toMatchObject({ notApplicable: [], checked: 10 });
    // Each rule is judged by the expectations naming it: none fails; those no expectation names
    // (the plugin's own options and properties, checked by goldens) are not applicable, and say so.
    expect(report.rules.filter((r) => r.status === 'failed')).toEqual([]);
    const unnamed = report.rules.filter((r) => r.status === 'not_applicable');
    expect(new Set(unnamed.flatMap((r) => r.scenarios.map((s) => s.why)))).toEqual(
      new Set(["no expectation names it: rt-sim's own run judges it by the golden"]),
    );
    expect(unnamed.length).toBeLessThan(report.rules.length / 3);
    // Its speech events make voice-turn's rules on them judged.
    for (const rule of ['§5.16/speech-started', '§5.16/speech-stopped', '§5.16/transcription-completed'])
      expect(report.rules.find((r) => r.rule === rule)?.status).toBe('passed');
    expect(run.out).toContain(`${report.totals.scenarios} scenario(s): ${report.totals.scenarios} passed, 0 failed`);
    expect(run.code).toBe(0);
  }, 120_000);

  it("reports a broken adapter's failures: scenario, rules, protocol error and the adapter's log", async () => {
    const page = path.join(tmp, 'broken.html');
    const run = await cli([
      'conform',
      'scenarios/text-reply.yaml',
      '--adapter',
      BROKEN_ADAPTER,
      '--reporter',
      'html',
      '--out',
      page,
    ]);

    expect(run.code).toBe(1);
    expect(run.out).toContain('FAIL text-reply');
    expect(run.out).toContain('rules: §4.3, §4.1, R2.1');
    expect(run.out).toContain('adapter protocol: stdout line 1: not a JSON line: hello from a broken adapter');
    expect(run.out).toMatch(/wire: .*"response\.create" frame\(s\) from the client, saw 0/);
    expect(run.out).toContain('events: {"event":"generation_created","count":1}: expected 1 "response_started"');
    expect(run.out).toContain('broken-adapter: I only pretend to connect');
    expect(run.out).toMatch(/§4\.3 +FAIL +text-reply \(FAIL\)/);
    expect(run.out).toContain('1 scenario(s): 0 passed, 1 failed, 0 not applicable');
    const html = await readFile(page, 'utf8');
    expect(html).toContain('<tr data-rule="§4.3"><td>§4.3</td><td class="failed" data-status="failed">FAIL</td>');
    expect(html).toContain('broken-adapter: I only pretend to connect');
    expect(html).not.toMatch(/<script|https?:\/\//);
  }, 60_000);

  it('names a failed wire expectation by its place in the file, the time-bound ones before it set aside', async () => {
    const file = path.join(tmp, 'numbered.yaml');
    await writeFile(
      file,
      [
        'name: numbered',
        'conform: true',
        'steps:',
        '  - call: generateReply',
        '  - wait: idle',
        'expect:',
        '  - { frame: response.create, from: client, count: 1, afterMs: 10 }',
        '  - { frame: response.create, from: client, count: 1 }',
        '',
      ].join('\n'),
    );
    const run = await cli(['conform', file, '--adapter', BROKEN_ADAPTER]);

    expect(run.code).toBe(1);
    expect(run.out).toContain('- wire: expect[1]: expected 1 "response.create" frame(s) from the client, saw 0');
  }, 30_000);

  it('reports a scenario not applicable, with why, when the adapter says its client cannot do a step', async () => {
    const file = path.join(tmp, 'say.yaml');
    await writeFile(
      file,
      [
        'name: say-hello',
        'conform: true',
        'steps:',
        '  - call: say',
        '    args: { text: Hello. }',
        '  - wait: idle',
        'expect:',
        '  - { frame: conversation.item.create, from: client, count: 1 }',
        '',
      ].join('\n'),
    );
    const out = path.join(tmp, 'say.json');
    const run = await cli(['conform', file, '--adapter', SAYLESS_ADAPTER, '--reporter', 'json', '--out', out]);
    const report = JSON.parse(await readFile(out, 'utf8')) as ConformReport;

    expect(report.scenarios[0]).toMatchObject({
      scenario: 'say-hello',
      status: 'not_applicable',
      failures: [],
      notApplicable: ["step 1 (call say): the adapter's client cannot do say: this client has no say"],
    });
    expect(run.code).toBe(0);
  }, 30_000);

  it('fails a scenario whose adapter never answers once its timeout is reached, and ends the adapter', async () => {
    const run = await cli([
      'conform',
      'scenarios/text-reply.yaml',
      '--adapter',
      'cat > /dev/null',
      '--timeout',
      '1500',
    ]);

    expect(run.code).toBe(1);
    expect(run.out).toContain('- timed out after 1500 ms, at before the first step');
  }, 30_000);

  it('refuses --reporter html without --out, naming the flag, with exit 2', async () => {
    const run = await cli(['conform', '--adapter', OWN_ADAPTER, '--reporter', 'html']);

    expect(run.code).toBe(2);
    expect(run.err).toBe('rt-sim: --reporter html needs --out FILE for the page\n');
  });

  it('refuses a --concurrency that is not a whole number from 1 to 16, naming the flag, with exit 2', async () => {
    const run = await cli(['conform', '--adapter', OWN_ADAPTER, '--concurrency', '0']);

    expect(run.code).toBe(2);
    expect(run.err).toContain("option '--concurrency <n>' argument '0' is invalid");
    expect(run.err).toContain('expected a whole number of scenarios from 1 to 16.');
  });

  it('refuses an empty --adapter with exit 2', async () => {
    const run = await cli(['conform', '--adapter', ' ']);

    expect(run.code).toBe(2);
    expect(run.err).toBe('rt-sim: --adapter: give the command that starts the adapter\n');
  });

  it('refuses scenarios none of which is marked conform: true, with exit 2', async () => {
    const run = await cli(['conform', 'scenarios/fix-08-drop-ends-generation.yaml', '--adapter', OWN_ADAPTER]);

    expect(run.code).toBe(2);
    expect(run.err).toBe('rt-sim: none of the 1 scenario(s) given is marked conform: true\n');
  });
});
