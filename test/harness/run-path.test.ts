/** Issue 10: `runScenario` takes a loaded scenario or the path of a scenario file. */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ScenarioError, loadScenario, runScenario, serializeObservation } from '../../src/harness/index.js';

const FILE = path.resolve(import.meta.dirname, '../../scenarios/text-reply.yaml');

describe('runScenario', () => {
  it('runs a scenario given by path exactly as the loaded scenario', async () => {
    const byPath = await runScenario(FILE);
    const byObject = await runScenario(await loadScenario(FILE));
    expect(byPath.failures).toEqual([]);
    expect(serializeObservation(byPath.observation)).toBe(serializeObservation(byObject.observation));
  });

  it('rejects a path that names no file with a ScenarioError naming it', async () => {
    const missing = path.join(path.dirname(FILE), 'no-such-scenario.yaml');
    await expect(runScenario(missing)).rejects.toThrow(ScenarioError);
    await expect(runScenario(missing)).rejects.toThrow(/no-such-scenario\.yaml.*no such file/s);
  });
});
