import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { blockValidators, loadScenario, runScenario, serializeObservation } from '../../src/harness/index.js';

const SCENARIOS = path.resolve(import.meta.dirname, '../../scenarios');

describe('determinism under the virtual clock', () => {
  it('the same scenario and seed give a byte-identical observation on every run', async () => {
    const scenario = await loadScenario(path.join(SCENARIOS, 'text-reply.yaml'), blockValidators);
    const runs = [];
    for (let i = 0; i < 3; i++) runs.push(serializeObservation((await runScenario(scenario)).observation));
    expect(runs[0]!.length).toBeGreaterThan(1000);
    expect(runs[1]).toBe(runs[0]);
    expect(runs[2]).toBe(runs[0]);
  });

  it('random ids are normalised away: a run with another seed differs only in its seed', async () => {
    const scenario = await loadScenario(path.join(SCENARIOS, 'text-reply.yaml'), blockValidators);
    const a = await runScenario(scenario, { seed: 1 });
    const b = await runScenario(scenario, { seed: 2 });
    expect(a.failures).toEqual([]);
    expect(b.failures).toEqual([]);
    expect({ ...b.observation, seed: 1 }).toEqual(a.observation);
  });
});
