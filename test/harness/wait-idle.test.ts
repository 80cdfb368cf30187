import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { blockValidators, parseScenario, runScenario } from '../../src/harness/index.js';

const FILE = path.join(import.meta.dirname, 'wait-idle.yaml');

describe('wait: idle', () => {
  it('waits for a generateReply with await: false whose response.created is still on its way', async () => {
    const scenario = parseScenario(
      `name: idle-waits-for-background-calls
server:
  latency: { ms: 800 }
  reply: { transcript: "Late.", audio: { tone: { hz: 300, ms: 200 } } }
steps:
  - call: generateReply
    await: false
  - wait: idle
expect:
  - { event: metrics_collected, count: 1 }
`,
      FILE,
      blockValidators,
    );
    const outcome = await runScenario(scenario);
    expect(outcome.failures).toEqual([]);
    // The server answered at once, but its frames took 800 ms: idle (500 ms without a server
    // frame at the simulator's edge) would have come first, had it not waited for the call.
    expect(outcome.observation.events.find((e) => e.event === 'generation_created')?.t).toBe(800);
  });
});
