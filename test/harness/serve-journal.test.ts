import { runInNewContext } from 'node:vm';
import v8 from 'node:v8';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ServeJournal } from '../../src/harness/serve-journal.js';
import type { SimFrame } from '../../src/simulator/index.js';

/** A journal attached to a stand-in simulator; `frame` passes a client frame through it. */
function journal(capacity: number): { journal: ServeJournal; frame: (text: string) => void } {
  const frames: ((f: SimFrame) => void)[] = [];
  const j = new ServeJournal(capacity, 0, () => 0);
  const off = (): void => undefined;
  j.attach({
    onConnection: () => off,
    onFrame: (l) => {
      frames.push(l);
      return off;
    },
    onClose: () => off,
  });
  return {
    journal: j,
    frame: (text) => {
      for (const l of frames) l({ connection: 1, direction: 'in', time: 0, text });
    },
  };
}

/** The journal's documented view of a frame, computed from `JSON.parse` alone. */
function shown(text: string): { type: string; body: unknown } {
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    return { type: '(not JSON)', body };
  }
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return { type: '(no type)', body };
  const b = { ...(body as Record<string, unknown>) };
  const type = typeof b['type'] === 'string' ? (b['type'] as string) : undefined;
  for (const key of (type ?? '').endsWith('audio.delta') ? ['audio', 'delta'] : ['audio']) {
    const v = b[key];
    if (typeof v === 'string') b[key] = `<${v.length} chars of base64>`;
  }
  return { type: type ?? '(no type)', body: b };
}

const audio = 'QUJD'.repeat(300);

describe('ServeJournal', () => {
  it('shows an append and an audio delta with their audio by length', () => {
    const { journal: j, frame } = journal(10);
    const appendText = JSON.stringify({ type: 'input_audio_buffer.append', audio, event_id: 'e1' });
    frame(appendText);
    frame(JSON.stringify({ type: 'response.output_audio.delta', response_id: 'r', delta: audio, audio: 'x' }));
    frame(JSON.stringify({ type: 'response.output_audio_transcript.delta', delta: audio }));
    const [append, delta, transcript] = j.read().entries;
    expect(append).toMatchObject({
      type: 'input_audio_buffer.append',
      chars: appendText.length,
      body: { type: 'input_audio_buffer.append', audio: '<1200 chars of base64>', event_id: 'e1' },
    });
    expect(delta).toMatchObject({ body: { delta: '<1200 chars of base64>', audio: '<1 chars of base64>' } });
    // A transcript delta's text is no audio: it is shown whole.
    expect(transcript).toMatchObject({ body: { delta: audio } });
  });

  it('shows every frame, flat or not, as its parsed text with the audio by length', () => {
    const value = fc.oneof(
      fc.constantFrom(audio, 'e_1', '', 'a-b', 7, -1.5e3, true, false, null),
      fc.string({ maxLength: 8 }),
      fc.constant({ nested: audio }),
    );
    const key = fc.constantFrom('type', 'audio', 'delta', 'event_id', 'x');
    const type = fc.constantFrom(
      'input_audio_buffer.append',
      'response.output_audio.delta',
      'response.audio.delta',
      'x',
    );
    const frameText = fc
      .tuple(type, fc.array(fc.tuple(key, value), { maxLength: 6 }), fc.boolean())
      .map(([t, pairs, typeFirst]) => {
        // Written by hand so that duplicate keys stay in the text, as a client may send them.
        const fields = pairs.map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)}`);
        const all = typeFirst ? [`"type":${JSON.stringify(t)}`, ...fields] : [...fields, `"type":${JSON.stringify(t)}`];
        return `{${all.join(',')}}`;
      });
    const text = fc.oneof(
      frameText,
      frameText.map((t) => `${t} `),
      frameText.map((t) => t.slice(1)),
    );
    fc.assert(
      fc.property(fc.array(text, { minLength: 1, maxLength: 5 }), (texts) => {
        const { journal: j, frame } = journal(10);
        for (const t of texts) frame(t);
        const entries = j.read().entries;
        expect(entries.map((e) => ('type' in e ? { type: e.type, body: e.body } : e))).toEqual(texts.map(shown));
      }),
      { numRuns: 2000, seed: 14 },
    );
  });

  it('keeps no frame alive through the entry that shows it', () => {
    v8.setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const { journal: j, frame } = journal(1000);
    gc();
    const before = process.memoryUsage().heapUsed;
    // Built through a Buffer: a flat string, as a socket's frame is ('A'.repeat builds a small tree of halves).
    const text = (i: number): string =>
      Buffer.from(
        `{"type":"input_audio_buffer.append","n":${i},"audio":"${'A'.repeat(60_000 + i)}","event_id":"e${i}"}`,
      ).toString();
    for (let i = 0; i < 1000; i++) frame(text(i));
    gc();
    // 1000 frames of 60 kB: kept as they came, the heap would have grown by 60 MB.
    expect(process.memoryUsage().heapUsed - before).toBeLessThan(10 * 1024 * 1024);
    const last = j.read(999).entries[0];
    expect(last).toMatchObject({
      chars: text(999).length,
      body: { n: 999, audio: '<60999 chars of base64>', event_id: 'e999' },
    });
  });
});
