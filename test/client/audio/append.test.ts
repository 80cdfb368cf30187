import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { appendEvent, eventText } from '../../../src/client/audio/append.js';
import type { ClientEvent } from '../../../src/protocol/index.js';

describe('the JSON text of client events', () => {
  it('writes a built append exactly as JSON.stringify does, whatever its bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 4800 }), (bytes) => {
        const event = appendEvent(bytes);
        expect(eventText(event)).toBe(JSON.stringify(event));
      }),
      { seed: 20261205, numRuns: 300 },
    );
  });

  it('writes an append changed since it was built (a field, its audio, key order) as JSON.stringify does', () => {
    const changes: ((e: Record<string, unknown>) => void)[] = [
      (e) => {
        e['event_id'] = 'evt_1';
      },
      (e) => {
        e['audio'] = 'AAAA';
      },
      (e) => {
        e['audio'] = 'quote " and \\ backslash';
      },
      (e) => {
        const type = e['type'];
        delete e['type'];
        e['type'] = type;
      },
      (e) => {
        e['type'] = 'input_audio_buffer.commit';
      },
    ];
    for (const change of changes) {
      const event = appendEvent(new Uint8Array([1, 2, 3, 4]));
      change(event as unknown as Record<string, unknown>);
      expect(eventText(event)).toBe(JSON.stringify(event));
    }
  });

  it('writes every other event with JSON.stringify, an append built elsewhere among them', () => {
    const events = [
      { type: 'input_audio_buffer.append', audio: 'AQID' },
      { type: 'input_audio_buffer.commit' },
      { type: 'session.update', session: { instructions: 'say "hi"\n' } },
    ] as ClientEvent[];
    for (const event of events) expect(eventText(event)).toBe(JSON.stringify(event));
  });
});
