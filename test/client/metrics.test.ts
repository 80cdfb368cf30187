import { describe, expect, it } from 'vitest';
import type { RealtimeModelMetrics } from '../../src/client/index.js';
import { buildMetrics } from '../../src/client/metrics.js';
import { run, setup } from './peer.js';
import { assistantItem, audioDelta, outputItemAdded, usage } from './server-events.js';

const base = {
  label: 'L',
  modelName: 'grok-4-1-fast-non-reasoning',
  modelProvider: 'api.x.ai',
  responseId: 'resp_1',
  status: 'completed' as const,
  createdMs: 1000,
  firstTokenMs: 1300,
  doneMs: 3000,
};

describe('§5.17 metrics', () => {
  it('§5.17 every field comes from the response and the clock', () => {
    expect(buildMetrics({ ...base, usage })).toEqual({
      type: 'realtime_model_metrics',
      label: 'L',
      requestId: 'resp_1',
      timestamp: 1,
      duration: 2,
      ttft: 0.3,
      cancelled: false,
      inputTokens: 10,
      outputTokens: 20,
      totalTokens: 30,
      tokensPerSecond: 10,
      inputTokenDetails: {
        audioTokens: 5,
        textTokens: 4,
        imageTokens: 1,
        cachedTokens: 2,
        cachedTokensDetails: { textTokens: 1, audioTokens: 1, imageTokens: 0 },
        grokTokens: 0,
      },
      outputTokenDetails: { textTokens: 8, audioTokens: 12, imageTokens: 0, grokTokens: 0 },
      outputAudioSeconds: 0,
      billableAudioSeconds: 0,
      metadata: { modelName: 'grok-4-1-fast-non-reasoning', modelProvider: 'api.x.ai' },
    } satisfies RealtimeModelMetrics);
  });

  it('§5.17 missing usage counts as 0, no first token gives ttft -1, an empty id gives ""', () => {
    const m = buildMetrics({
      ...base,
      usage: null,
      firstTokenMs: undefined,
      responseId: undefined,
      status: 'cancelled',
    });
    expect(m).toMatchObject({
      requestId: '',
      ttft: -1,
      cancelled: true,
      inputTokens: 0,
      outputTokens: 0,
      totalTokens: 0,
      tokensPerSecond: 0,
    });
    expect(m.inputTokenDetails).toEqual({
      audioTokens: 0,
      textTokens: 0,
      imageTokens: 0,
      cachedTokens: 0,
      cachedTokensDetails: { textTokens: 0, audioTokens: 0, imageTokens: 0 },
      grokTokens: 0,
    });
    expect(m.outputTokenDetails).toEqual({ textTokens: 0, audioTokens: 0, imageTokens: 0, grokTokens: 0 });
    expect([m.outputAudioSeconds, m.billableAudioSeconds]).toEqual([0, 0]);
    expect(buildMetrics({ ...base, usage: {} }).inputTokens).toBe(0);
  });

  it('§5.17 a zero duration gives 0 tokens per second instead of dividing by zero', () => {
    expect(buildMetrics({ ...base, usage, doneMs: 1000 }).tokensPerSecond).toBe(0);
  });

  it(
    '§5.17 metrics_collected under the virtual clock: exact timestamp, duration and ttft; ' +
      'xAI top-level usage ignored',
    async () => {
      const s = setup({ latencyMs: 40 });
      await run(s, async () => {
        const session = s.model.session();
        const metrics = new Promise<RealtimeModelMetrics>((resolve) => session.once('metrics_collected', resolve));
        await s.peer.waitFor('session.update');
        const pc = s.peer.current;
        pc.send({ type: 'response.created', response: { id: 'r1', status: 'in_progress', output: [] } });
        await s.clock.sleep(250);
        pc.send(outputItemAdded('r1', assistantItem('a1')));
        pc.send(audioDelta('r1', 'a1', new Int16Array(24)));
        pc.send({
          type: 'response.done',
          response: { id: 'r1', status: 'completed', usage },
          usage: { output_tokens: 999 },
        });
        const m = await metrics;
        // Open at 80 ms, the update reaches the peer at 120, response.created the client at 160,
        // the audio delta and response.done 250 ms later.
        expect([m.timestamp, m.ttft, m.duration, m.outputTokens, m.tokensPerSecond]).toEqual([
          0.16, 0.25, 0.25, 20, 80,
        ]);
        await session.close();
      });
    },
  );
});
