/**
 * The bundled scenario suite from vitest: each scenario passes its expectations and matches
 * its golden file, as `rt-sim run scenarios` checks from the CLI. A failure prints the
 * scenario's own failures and the command that reproduces it.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { blockValidators, loadScenario, runScenario, runSuite } from '../../src/harness/index.js';
import { parseClientEvent, parseServerEvent } from '../../src/protocol/index.js';
import type { Simulator } from '../../src/simulator/index.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const FILES = readdirSync(path.join(ROOT, 'scenarios'))
  .filter((f) => f.endsWith('.yaml'))
  .sort();

describe('the bundled scenarios', () => {
  it('are all here: every §8 fix the client makes has one', () => {
    for (const item of ['01', '02', '03', '04', '05', '08', '09', '10', '13']) {
      expect(
        FILES.some((f) => f.startsWith(`fix-${item}-`)),
        `a scenario fix-${item}-*.yaml`,
      ).toBe(true);
    }
  });

  for (const file of FILES) {
    it(`${file} passes and matches its golden file`, async () => {
      const report = await runSuite([path.join(ROOT, 'scenarios', file)], {
        goldenDir: path.join(ROOT, 'golden'),
        cwd: ROOT,
      });
      const result = report.scenarios[0]!;
      const failures = result.failures.map((f) => `${f.kind}: ${f.message}`).join('\n');
      expect(result.status, `${failures}\nreproduce: ${result.reproduce}`).toBe('passed');
    });
  }

  it('give the same golden files over real WebSockets on 127.0.0.1 (--transport ws)', async () => {
    const report = await runSuite(
      FILES.map((f) => path.join(ROOT, 'scenarios', f)),
      { goldenDir: path.join(ROOT, 'golden'), cwd: ROOT, transport: 'ws' },
    );
    const failed = report.scenarios.filter((r) => r.status !== 'passed');
    expect(
      failed.map((r) => `${r.name}: ${r.failures.map((f) => f.message).join('; ')}\nreproduce: ${r.reproduce}`),
    ).toEqual([]);
    expect(report.summary.passed).toBe(FILES.length);
  });

  // Replayed evidence of the live service (source "rebuilt") is held to the catalogue too:
  // the catalogue is the documented protocol plus what the service is seen to send (issue 9).
  it('every frame sent in them, replayed live evidence included, parses with the protocol catalogue', async () => {
    const invalid: string[] = [];
    let frames = 0;
    for (const file of FILES) {
      const scenario = await loadScenario(path.join(ROOT, 'scenarios', file), blockValidators);
      // A script's sendRaw is a malformed frame on purpose (invalid-json-frame).
      const raw = new Set(
        (scenario.script as { do?: Record<string, unknown>[] }[]).flatMap((rule) =>
          (rule.do ?? []).flatMap((a) => (typeof a['sendRaw'] === 'string' ? [a['sendRaw']] : [])),
        ),
      );
      await runScenario(scenario, {
        interpose: async (handler) => {
          (handler as Simulator).onFrame((f) => {
            frames++;
            if (f.direction === 'out' && raw.has(f.text)) return;
            const parsed = f.direction === 'out' ? parseServerEvent(f.text) : parseClientEvent(f.text);
            if (!parsed.ok)
              invalid.push(`${file} conn ${f.connection} t=${f.time} ${f.direction}: ${parsed.error.message}`);
          });
          return handler;
        },
      });
    }
    expect(frames).toBeGreaterThan(500);
    expect(invalid).toEqual([]);
  });
});
