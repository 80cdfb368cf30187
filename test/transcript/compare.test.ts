import { describe, expect, it } from 'vitest';
import {
  alignSequences,
  compareShapes,
  compareTranscripts,
  DEFAULT_COMPARE_TOLERANCE_MS,
  formatComparison,
  idForm,
  parseTranscript,
  shapeOf,
  type JsonObject,
  type Transcript,
} from '../../src/transcript/index.js';

const HEADER =
  '{"rtsim":"transcript","version":1,"source":"simulator","date":"2026-12-04","client":"rt-sim","model":"m"}';
const OPEN = '{"t":0,"conn":1,"kind":"open","url":"/v1/realtime","protocols":[],"headers":{}}';

/** A one-connection transcript of `[t, dir, frame]` entries, closed by the client at the end. */
function transcript(
  frames: [number, 'c2s' | 's2c', JsonObject][],
  close = '{"t":9000,"conn":1,"kind":"close","code":1000,"reason":"","by":"client"}',
): Transcript {
  const lines = [HEADER, OPEN, ...frames.map(([t, dir, frame]) => JSON.stringify({ t, conn: 1, dir, frame })), close];
  return parseTranscript(lines.join('\n'), { file: 'x.rtsim.jsonl' });
}

const created = (id: string): JsonObject => ({
  type: 'response.created',
  event_id: `event_${id}`,
  response: { id: `resp_${id}`, status: 'in_progress', status_details: null },
});
const done = (id: string): JsonObject => ({
  type: 'response.done',
  event_id: `event_${id}`,
  response: { id: `resp_${id}`, status: 'completed', usage: { total_tokens: 3 } },
});
const create: JsonObject = { type: 'response.create' };

describe('compareTranscripts', () => {
  it('finds two transcripts the same when only values differ: ids, texts, numbers', () => {
    const a = transcript([
      [10, 'c2s', create],
      [20, 's2c', created('aaaaaaaaaaaa')],
      [30, 's2c', done('aaaaaaaaaaaa')],
    ]);
    const b = transcript([
      [10, 'c2s', create],
      [25, 's2c', created('bbbbbbbbbbbb')],
      [
        40,
        's2c',
        {
          ...done('bbbbbbbbbbbb'),
          response: { id: 'resp_bbbbbbbbbbbb', status: 'failed', usage: { total_tokens: 99 } },
        },
      ],
    ]);
    const result = compareTranscripts(a, b);
    expect(result.differences).toEqual([]);
    expect(result.same).toBe(true);
    expect(result.streams).toEqual([
      { conn: 1, dir: 'c2s', aligned: 1, missing: 0, extra: 0, reordered: 0 },
      { conn: 1, dir: 's2c', aligned: 2, missing: 0, extra: 0, reordered: 0 },
    ]);
  });

  it('lists a missing and an extra event in event order', () => {
    const ping: JsonObject = { type: 'ping', timestamp: 1 };
    const a = transcript([
      [0, 's2c', { type: 'session.created' }],
      [20, 's2c', created('aaaaaaaaaaaa')],
      [30, 's2c', done('aaaaaaaaaaaa')],
    ]);
    const b = transcript([
      [20, 's2c', created('aaaaaaaaaaaa')],
      [25, 's2c', ping],
      [30, 's2c', done('aaaaaaaaaaaa')],
    ]);
    const diffs = compareTranscripts(a, b).differences;
    expect(diffs.map((d) => `${d.kind} ${'type' in d ? d.type : ''}`)).toEqual([
      'missing session.created',
      'extra ping',
    ]);
    expect(diffs[0]).toMatchObject({ a: { index: 0, line: 3, t: 0 } });
    expect(diffs[1]).toMatchObject({ b: { index: 1, line: 4, t: 25 } });
  });

  it('tells a reordered event from a missing one', () => {
    const a = transcript([
      [0, 's2c', { type: 'session.created' }],
      [1, 's2c', { type: 'conversation.created' }],
      [2, 's2c', { type: 'session.updated' }],
    ]);
    const b = transcript([
      [0, 's2c', { type: 'conversation.created' }],
      [1, 's2c', { type: 'session.created' }],
      [2, 's2c', { type: 'session.updated' }],
    ]);
    const diffs = compareTranscripts(a, b).differences;
    expect(diffs).toHaveLength(1);
    expect(diffs[0]).toMatchObject({ kind: 'reordered', dir: 's2c', a: { index: 0 }, b: { index: 1 } });
  });

  it('reports shape: a field only one side has, a value type that differs, an id form that differs', () => {
    const live: JsonObject = {
      type: 'response.created',
      event_id: '90e78af8-685e-4787-a490-5ecd8a6d88b8',
      response: {
        id: 'a3561c1d-4dbe-4dd6-ac9f-40ee3b7c6720',
        status: 'in_progress',
        status_details: 'unimplemented',
        usage: {},
      },
    };
    const a = transcript([[0, 's2c', live]]);
    const b = transcript([[0, 's2c', created('aaaaaaaaaaaa')]]);
    const shapes = compareTranscripts(a, b).differences.map((d) =>
      d.kind === 'shape' ? `${d.path}: ${d.aKinds.join('|') || '-'} / ${d.bKinds.join('|') || '-'}` : d.kind,
    );
    expect(shapes).toEqual([
      'event_id: uuid / prefixed event_',
      'response.id: uuid / prefixed resp_',
      'response.status_details: string / null',
      'response.usage: object / -',
    ]);
  });

  it('flags aligned events further apart than the tolerance, and not those within it', () => {
    const a = transcript([
      [10, 'c2s', create],
      [100, 's2c', created('aaaaaaaaaaaa')],
      [200, 's2c', done('aaaaaaaaaaaa')],
    ]);
    const b = transcript([
      [10, 'c2s', create],
      [100 + DEFAULT_COMPARE_TOLERANCE_MS, 's2c', created('aaaaaaaaaaaa')],
      [201 + DEFAULT_COMPARE_TOLERANCE_MS, 's2c', done('aaaaaaaaaaaa')],
    ]);
    const diffs = compareTranscripts(a, b).differences;
    expect(diffs).toEqual([
      expect.objectContaining({ kind: 'timing', type: 'response.done', deltaMs: DEFAULT_COMPARE_TOLERANCE_MS + 1 }),
    ]);
    expect(compareTranscripts(a, b, { toleranceMs: 300 }).same).toBe(true);
  });

  it('reports a connection only one side has, and connections that closed differently', () => {
    const a = transcript([[10, 'c2s', create]]);
    const b = transcript(
      [[10, 'c2s', create]],
      '{"t":50,"conn":1,"kind":"close","code":1006,"reason":"","by":"server"}',
    );
    expect(compareTranscripts(a, b).differences).toEqual([
      { kind: 'close', conn: 1, a: '1000 by client', b: '1006 by server' },
    ]);
    const none = parseTranscript(HEADER, { file: 'empty.rtsim.jsonl' });
    expect(compareTranscripts(a, none).differences).toEqual([{ kind: 'connection', conn: 1, only: 'a' }]);
  });

  it('formats every difference on its own line, with file lines, and a verdict', () => {
    const a = transcript([
      [0, 's2c', { type: 'session.created' }],
      [20, 's2c', created('aaaaaaaaaaaa')],
    ]);
    const b = transcript([[20, 's2c', created('aaaaaaaaaaaa')]]);
    const text = formatComparison(
      compareTranscripts(a, b),
      { file: 'a.rtsim.jsonl', header: a.header },
      { file: 'b.rtsim.jsonl', header: b.header },
    );
    expect(text).toBe(
      [
        'A: a.rtsim.jsonl (simulator, 2026-12-04, client rt-sim, model m)',
        'B: b.rtsim.jsonl (simulator, 2026-12-04, client rt-sim, model m)',
        'connection 1',
        '  order  s2c session.created: missing from B (A #1 line 3 t=0)',
        'conn 1 c2s: 0 aligned, 0 missing from B, 0 extra in B, 0 reordered',
        'conn 1 s2c: 1 aligned, 1 missing from B, 0 extra in B, 0 reordered',
        `1 difference(s) (timing tolerance ${DEFAULT_COMPARE_TOLERANCE_MS} ms)`,
        '',
      ].join('\n'),
    );
  });
});

describe('the pieces of a comparison', () => {
  it('aligns sequences on their longest common subsequence', () => {
    expect(alignSequences(['a', 'b', 'c', 'd'], ['a', 'c', 'x', 'd'])).toEqual([
      [0, 0],
      [2, 1],
      [3, 3],
    ]);
    expect(alignSequences([], ['a'])).toEqual([]);
    expect(alignSequences(['x', 'y'], ['y', 'x'])).toHaveLength(1);
  });

  it('names id forms: UUIDs, prefixed ids, anything else', () => {
    expect(idForm('7e0b7aec-9684-4d2e-ad6f-0394e039e496')).toBe('uuid');
    expect(idForm('item_3f2a9c1b7d4e')).toBe('prefixed item_');
    expect(idForm('response_create_0a1b2c3d4e5f')).toBe('prefixed response_create_');
    expect(idForm('42')).toBe('other id');
  });

  it('merges array elements and keeps a parent difference from repeating for each child', () => {
    const a = shapeOf({
      output: [{ id: 'item_aaaaaaaaaaaa', content: [{ type: 'audio' }] }],
      usage: { total: 1, details: { x: 1 } },
    });
    const b = shapeOf({ output: [], usage: 'none' });
    expect(compareShapes(a, b)).toEqual([
      { path: 'output[]', a: ['object'], b: [] },
      { path: 'usage', a: ['object'], b: ['string'] },
    ]);
  });
});
