/**
 * The two example adapters of examples/conform run against bundled scenarios and give a report;
 * what they fail is what their clients do wrong against the xAI service, each named by the check
 * that catches it. Their packages are devDependencies of rt-sim, so the examples resolve them
 * from the repository's node_modules as they would from their own.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import type { ConformReport } from '../../src/conform/index.js';

const ROOT = path.resolve(import.meta.dirname, '../..');

/** Scenarios whose outcome for these clients follows from what the client does, not from timing. */
const SCENARIOS = ['text-reply', 'binary-frames-skipped', 'socket-error-invalid-utf8', 'frame-type-not-a-string'];

async function conform(example: string, out: string): Promise<{ code: number; report: ConformReport; text: string }> {
  let text = '';
  const code = await main(
    [
      'conform',
      ...SCENARIOS.map((s) => `scenarios/${s}.yaml`),
      '--adapter',
      `node examples/conform/${example}/adapter.mjs`,
      '--reporter',
      'json',
      '--out',
      out,
    ],
    { stdout: (s) => (text += s), stderr: (s) => (text += s), cwd: ROOT, env: {} },
  );
  return { code, report: JSON.parse(await readFile(out, 'utf8')) as ConformReport, text };
}

const statuses = (report: ConformReport): Record<string, string> =>
  Object.fromEntries(report.scenarios.map((s) => [s.scenario, s.status]));
const failuresOf = (report: ConformReport, scenario: string): string[] =>
  report.scenarios.find((s) => s.scenario === scenario)?.failures ?? [];

let tmp = '';
beforeAll(async () => {
  tmp = await mkdtemp(path.join(tmpdir(), 'rt-sim-conform-examples-'));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

describe('the example adapters of examples/conform', () => {
  it("run the openai package's realtime socket and catch it dispatching binary and typeless frames", async () => {
    const { code, report, text } = await conform('openai', path.join(tmp, 'openai.json'));

    expect(statuses(report)).toEqual({
      'text-reply': 'passed',
      'binary-frames-skipped': 'failed',
      'socket-error-invalid-utf8': 'not_applicable',
      'frame-type-not-a-string': 'failed',
    });
    // It decodes the binary frames as text and dispatches their error and second response.
    expect(failuresOf(report, 'binary-frames-skipped')).toEqual(
      expect.arrayContaining([
        'events: {"event":"error","count":0}: expected 0 "error" adapter event(s), saw 1',
        'events: {"event":"generation_created","count":1}: expected 1 "response_started" adapter event(s), saw 2',
      ]),
    );
    // Frames whose type is no string reach its error listeners instead of being set aside.
    expect(failuresOf(report, 'frame-type-not-a-string')).toEqual([
      expect.stringMatching(/^events: \{"event":"error","count":0\}: expected 0 "error" adapter event\(s\), saw \d+$/),
    ]);
    expect(report.rules.find((r) => r.rule === '§5.5/non-text')?.status).toBe('failed');
    expect(text).toContain('FAIL binary-frames-skipped');
    expect(code).toBe(1);
  }, 60_000);

  it('run @openai/agents-realtime and catch it dispatching binary frames', async () => {
    const { code, report } = await conform('agents-realtime', path.join(tmp, 'agents-realtime.json'));

    expect(statuses(report)).toEqual({
      'text-reply': 'passed',
      'binary-frames-skipped': 'failed',
      'socket-error-invalid-utf8': 'not_applicable',
      'frame-type-not-a-string': 'passed',
    });
    expect(failuresOf(report, 'binary-frames-skipped')).toEqual(
      expect.arrayContaining([
        'events: {"event":"generation_done","count":1}: expected 1 "done" adapter event(s), saw 2',
      ]),
    );
    // It says at connect that it reports no reconnects: the reconnect scenario is not judged, and says why.
    expect(report.scenarios.find((s) => s.scenario === 'socket-error-invalid-utf8')?.notApplicable).toEqual([
      'step 1 (wait session_reconnected): the adapter said at connect that it reports no "reconnected" events',
    ]);
    expect(code).toBe(1);
  }, 60_000);
});
