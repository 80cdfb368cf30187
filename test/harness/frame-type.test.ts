import { runInNewContext } from 'node:vm';
import v8 from 'node:v8';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { frameKindOf } from '../../src/harness/frame-type.js';

/** What `JSON.parse` says of a text, as a frame kind. */
function parsed(text: string): ReturnType<typeof frameKindOf> {
  try {
    const value = JSON.parse(text) as unknown;
    const type = value !== null && typeof value === 'object' ? (value as { type?: unknown }).type : undefined;
    return { json: true, type: typeof type === 'string' ? type : undefined };
  } catch {
    return { json: false };
  }
}

const audio = 'QUJD'.repeat(200);

describe('frameKindOf', () => {
  it('reads the type of a long audio frame as JSON.parse does', () => {
    const append = JSON.stringify({ type: 'input_audio_buffer.append', audio, event_id: 'e1' });
    expect(frameKindOf(append)).toEqual({ json: true, type: 'input_audio_buffer.append' });
    const delta = JSON.stringify({ type: 'response.output_audio.delta', output_index: 0, delta: audio, n: null });
    expect(frameKindOf(delta)).toEqual({ json: true, type: 'response.output_audio.delta' });
  });

  it('keeps the last of duplicate type keys, and none when it is not a string', () => {
    expect(frameKindOf(`{"type":"a","audio":"${audio}","type":"b"}`)).toEqual({ json: true, type: 'b' });
    expect(frameKindOf(`{"type":"a","audio":"${audio}","type":7}`)).toEqual({ json: true, type: undefined });
    expect(frameKindOf(`{"audio":"${audio}"}`)).toEqual({ json: true, type: undefined });
  });

  it('calls a long text that is not JSON not JSON', () => {
    for (const bad of [
      `{"type":"a","audio":"${audio}"`,
      `{"type":"a","audio":"${audio}"}x`,
      `{"type":"a","audio":"${audio}",}`,
      `{"type":"a","n":01,"audio":"${audio}"}`,
      `{"type":"a","audio":"${audio}\u0001"}`,
    ])
      expect(frameKindOf(bad)).toEqual({ json: false });
  });

  it('keeps no frame alive through the type it returns', () => {
    v8.setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const kept: string[] = [];
    gc();
    const before = process.memoryUsage().heapUsed;
    for (let i = 0; i < 100; i++) {
      const frame = `{"type":"input_audio_buffer.append","n":${i},"audio":"${'A'.repeat(1 << 20)}"}`;
      const kind = frameKindOf(frame);
      if (kind.json && kind.type !== undefined) kept.push(`${i} ${kind.type}`);
    }
    gc();
    expect(kept).toHaveLength(100);
    // 100 frames of 1 MB: kept through their types, the heap would have grown by 100 MB.
    expect(process.memoryUsage().heapUsed - before).toBeLessThan(20 * 1024 * 1024);
  });

  it('agrees with JSON.parse on long texts built of JSON pieces and stray characters', () => {
    const piece = fc.constantFrom(
      '{',
      '}',
      '[',
      ']',
      ',',
      ':',
      ' ',
      '"type"',
      '"audio"',
      '"x"',
      '"a\\"b"',
      `"${audio}"`,
      '0',
      '-1.5e3',
      '01',
      'true',
      'nul',
      'null',
      '"\t"',
    );
    const text = fc.array(piece, { minLength: 1, maxLength: 14 }).map((p) => p.join(''));
    const shaped = fc
      .array(fc.tuple(fc.constantFrom('"type"', '"a"', '"audio"'), piece), { maxLength: 5 })
      .map((pairs) => `{"audio":"${audio}"${pairs.map(([k, v]) => `,${k}:${v}`).join('')}}`);
    fc.assert(
      fc.property(fc.oneof(text, shaped), (t) => {
        expect(frameKindOf(t)).toEqual(parsed(t));
      }),
      { numRuns: 5000, seed: 8 },
    );
  });
});
