import { describe, expect, it } from 'vitest';
import { ConstructorThrows } from '../../src/harness/constructor-throws.js';

const request = { url: 'wss://h/v1/realtime', headers: { Authorization: 'Bearer k-1' } };

function thrownBy(throws: ConstructorThrows): unknown {
  try {
    throws.next(request);
  } catch (value) {
    return value;
  }
  return 'nothing';
}

describe('ConstructorThrows (a scenario’s constructorThrows)', () => {
  it('throws each listed value once, in order, then lets constructions through', () => {
    const throws = new ConstructorThrows([
      { error: 'bad header {authorization}', name: 'TypeError', code: 'ERR_INVALID_CHAR' },
      { string: 'refused {authorization}' },
      { value: { headers: { Authorization: '{authorization}' }, list: ['{authorization}'], n: 2 } },
      { errorEvent: 'failed {authorization}' },
      { error: 'plain' },
    ]);
    const first = thrownBy(throws) as Error & { code?: string };
    expect(first).toBeInstanceOf(Error);
    expect([first.name, first.message, first.code]).toEqual(['TypeError', 'bad header Bearer k-1', 'ERR_INVALID_CHAR']);
    expect(thrownBy(throws)).toBe('refused Bearer k-1');
    expect(thrownBy(throws)).toEqual({ headers: { Authorization: 'Bearer k-1' }, list: ['Bearer k-1'], n: 2 });
    const event = thrownBy(throws) as { type: string; message: string; error: Error };
    expect([event.type, event.message, event.error.message]).toEqual([
      'error',
      'failed Bearer k-1',
      'failed Bearer k-1',
    ]);
    expect(event.error).toBeInstanceOf(Error);
    const last = thrownBy(throws) as Error;
    expect([last.name, last.message, Object.hasOwn(last, 'code')]).toEqual(['Error', 'plain', false]);
    expect(thrownBy(throws)).toBe('nothing');
  });

  it('replaces the placeholder with nothing when the construction carries no Authorization header', () => {
    const throws = new ConstructorThrows([{ string: 'refused [{authorization}]' }]);
    let thrown: unknown;
    try {
      throws.next({ url: 'wss://h', headers: {} });
    } catch (value) {
      thrown = value;
    }
    expect(thrown).toBe('refused []');
  });
});
