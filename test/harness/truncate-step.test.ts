/**
 * The `truncate` step without `messageId` names the last assistant message. With none, the
 * run fails (a scenario that meant to cut a reply got none), unless `skipIfNoMessage: true`
 * makes the step do nothing: what the fuzzer writes, because its faults may keep every reply
 * out, and its shrunk files must replay under `rt-sim run` as under the fuzzer.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseScenario, runScenario } from '../../src/harness/index.js';

const FILE = path.resolve(import.meta.dirname, '../../scenarios/inline.yaml');

function truncateWithoutReply(args: string): string {
  return `
name: truncate-without-reply
client: { voice: ara }
steps:
  - call: truncate
    args: { audioEndMs: 0${args} }
  - call: generateReply
  - wait: idle
`;
}

describe('a truncate step with no assistant message to name', () => {
  it('fails the run at that step, saying there is no assistant message', async () => {
    const { failures } = await runScenario(parseScenario(truncateWithoutReply(''), FILE));
    expect(failures.map((f) => f.kind)).toEqual(['error']);
    expect(failures[0]!.message).toContain(
      'truncate: there is no assistant message in the chat context yet at step 0 (call truncate)',
    );
  });

  it('does nothing with skipIfNoMessage, and the steps after it still run', async () => {
    const outcome = await runScenario(parseScenario(truncateWithoutReply(', skipIfNoMessage: true'), FILE));
    expect(outcome.failures).toEqual([]);
    const sent = outcome.observation.frames.filter((f) => f.from === 'client').map((f) => f.type);
    expect(sent).not.toContain('conversation.item.truncate');
    expect(sent).toContain('response.create');
  });

  it('still truncates the last assistant message with skipIfNoMessage when there is one', async () => {
    const yaml = `
name: truncate-after-reply
client: { voice: ara }
steps:
  - call: generateReply
  - wait: idle
  - call: truncate
    args: { audioEndMs: 0, skipIfNoMessage: true }
`;
    const outcome = await runScenario(parseScenario(yaml, FILE));
    expect(outcome.failures).toEqual([]);
    expect(
      outcome.observation.frames.filter((f) => f.from === 'client' && f.type === 'conversation.item.truncate'),
    ).toHaveLength(1);
  });
});

describe('validating skipIfNoMessage', () => {
  it('rejects a value that is not a boolean, naming the path', () => {
    expect(() => parseScenario(truncateWithoutReply(', skipIfNoMessage: "yes"'), FILE)).toThrow(
      /steps\[0\]\.args\.skipIfNoMessage.*expected true or false, got the string "yes"/s,
    );
  });

  it('rejects it beside messageId, which it cannot apply to', () => {
    expect(() => parseScenario(truncateWithoutReply(', messageId: item_1, skipIfNoMessage: true'), FILE)).toThrow(
      /cannot be used with messageId/,
    );
  });
});
