import { describe, expect, it } from 'vitest';
import { createAudioFrame, downmixToMono } from '../../../src/client/audio/index.js';

describe('downmixToMono (R6.1 deviation: stereo is averaged, not read as mono)', () => {
  it('averages each left/right pair', () => {
    const frame = createAudioFrame(Int16Array.from([100, 300, -10, 10, 32767, 32767, -32768, -32768]), 24000, 2);
    expect([...downmixToMono(frame)]).toEqual([200, 0, 32767, -32768]);
  });

  it('returns mono data as is', () => {
    const data = Int16Array.from([1, 2, 3]);
    expect(downmixToMono(createAudioFrame(data, 16000, 1))).toBe(data);
  });
});
