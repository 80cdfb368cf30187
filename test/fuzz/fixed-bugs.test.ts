/**
 * The client bugs the fuzzer found, kept as its shrunk scenario files: each broke an
 * invariant before its fix and holds every one now. They are bundled scenarios
 * (scenarios/fuzz-NAME.yaml, with golden files), so every client `rt-sim run scenarios`
 * checks is checked for them too, with the expect: lists the fuzzer wrote from the
 * violation.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { blockValidators, loadScenario, runScenario } from '../../src/harness/index.js';
import { checkInvariants, runFuzzScenario, INVARIANTS } from '../../src/fuzz/index.js';

const BUNDLED = path.resolve(import.meta.dirname, '../../scenarios');
/** Where a counterexample's file is: bundled as fuzz-NAME. */
function file(name: string): string {
  return path.join(BUNDLED, `fuzz-${name}.yaml`);
}

async function violations(name: string): Promise<string[]> {
  const scenario = await loadScenario(file(name), blockValidators);
  return checkInvariants(await runFuzzScenario(scenario), INVARIANTS).map((v) => `${v.invariant}: ${v.message}`);
}

/** What the file's own expect: list (written from the violation) says. */
async function expectationFailures(name: string): Promise<string[]> {
  const outcome = await runScenario(await loadScenario(file(name), blockValidators));
  return outcome.failures.filter((f) => f.kind === 'expectation').map((f) => f.message);
}

describe('client bugs the fuzzer found stay fixed', () => {
  it.each([
    [
      'duplicate-output-item-added',
      'a duplicated response.output_item.added no longer leaves a message whose streams never close',
    ],
    [
      'late-transcript-done',
      'a response.output_audio_transcript.done after response.done no longer doubles the transcript (§8.1)',
    ],
    [
      'root-create-echo-appended',
      'an own create at "root" echoed with previous_item_id null goes to the head, where it was asked (§8.3)',
    ],
    [
      'stale-mirror-after-drop',
      'calls made between a drop and the reconnect burst no longer name items the burst leaves out (§5.3)',
    ],
    ['call-run-after-incomplete-response', 'a call item that ends incomplete is no longer sent to the function stream'],
    ['call-run-with-partial-arguments', 'a call cut while its arguments stream is no longer run with partial JSON'],
    [
      'call-run-twice-after-duplicate-item-done',
      'a duplicated response.output_item.done of a call no longer runs the tool twice',
    ],
    [
      'response-done-of-older-response-ends-newer',
      'a late response.done of an older response no longer ends the newer one (which then got no metrics)',
    ],
    [
      'response-created-repeated-restarts-response',
      'a repeated response.created of the response in flight no ' +
        'longer ends it empty and starts it again as server-initiated',
    ],
    [
      'text-truncate-queued-across-close',
      'an item created twice on one socket (burst, then delete and ' +
        'create) is placed where each create asked, in wire order (§8.3)',
    ],
    [
      'queued-reply-failed-by-recycle',
      'a generateReply still queued when a recycle ends the socket ' +
        'stays pending and its response is user-initiated (§5.8, §8.8)',
    ],
    [
      'update-chat-ctx-after-reordered-item-added',
      'a reordered conversation.item.added with no event after it is no longer held for ever (a simulator bug: ' +
        'the updateChatCtx awaiting it timed out)',
    ],
    [
      'recycle-strands-queued-tool-output',
      'a tool output queued across a recycle no longer names the call the burst left out: the call is ' +
        're-created before it (§5.3, R2.7)',
    ],
  ])('%s: %s', async (name) => {
    expect(await violations(name)).toEqual([]);
    expect(await expectationFailures(name)).toEqual([]);
  });
});
