import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CatalogueCheck } from '../../src/recorder/catalogue-check.js';
import type { TranscriptRecord } from '../../src/transcript/index.js';

const live = JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../fixtures/xai-live-2026.json'), 'utf8')) as {
  turn: Record<string, unknown>[];
};
const s2c = (frame: Record<string, unknown>): TranscriptRecord =>
  ({ t: 0, conn: 1, dir: 's2c', frame }) as TranscriptRecord;

describe('CatalogueCheck', () => {
  it('finds nothing to flag in the live 2026 frames the catalogue models', () => {
    const check = new CatalogueCheck();
    for (const frame of live.turn) check.check(s2c(frame));
    expect(check.report()).toEqual({ deviations: [], others: 0 });
  });

  it('groups the frames it refuses by direction and reason, with a count, and leaves other records alone', () => {
    const check = new CatalogueCheck();
    const odd = {
      type: 'response.done',
      event_id: 'e',
      response: { id: 'r', status: 'completed', status_details: 42 },
    };
    check.check(s2c(odd));
    check.check(s2c({ ...odd, event_id: 'e2' }));
    check.check({
      t: 0,
      conn: 1,
      dir: 'c2s',
      frame: { type: 'input_audio_buffer.append', audio: 7 },
    } as TranscriptRecord);
    check.check({ t: 0, conn: 1, dir: 's2c', text: 'not json' } as TranscriptRecord);
    check.check({ t: 0, conn: 1, kind: 'close', code: 1000, reason: '', by: 'client' } as TranscriptRecord);
    const { deviations, others } = check.report();
    expect(others).toBe(0);
    expect(deviations.map((d) => [d.dir, d.type, d.count])).toEqual([
      ['s2c', 'response.done', 2],
      ['c2s', 'input_audio_buffer.append', 1],
    ]);
    expect(deviations[0]!.message).toMatch(/^response\.done: field "response\.status_details" must be /);
  });

  it('keeps at most 50 kinds and only counts the rest, so a hostile peer cannot grow its memory', () => {
    const check = new CatalogueCheck();
    const message = { type: 'message', role: 'assistant', content: [] };
    // A bad item at output index i: 80 distinct reasons ("field response.output.i.role …").
    for (let i = 0; i < 80; i++) {
      const output = [...Array.from({ length: i }, () => message), { ...message, role: 7 }];
      check.check(s2c({ type: 'response.done', event_id: 'e', response: { id: 'r', status: 'completed', output } }));
    }
    const { deviations, others } = check.report();
    expect(deviations).toHaveLength(50);
    expect(others).toBe(30);
  });
});
