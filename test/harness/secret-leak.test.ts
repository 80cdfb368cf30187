import { describe, expect, it } from 'vitest';
import { secretLeaks } from '../../src/harness/secret-leak.js';

describe('secretLeaks', () => {
  it('names each place that holds the secret and the dotted path to it', () => {
    const failures = secretLeaks('k-42', {
      'the observation': { events: [{ data: { error: { cause: 'Bearer k-42' } } }] },
      "the client's log": ['connected', 'sent Bearer ***'],
      'the keys': { headers: { 'k-42': true } },
    });
    expect(failures.map((f) => f.kind)).toEqual(['secret-leak', 'secret-leak']);
    expect(failures[0]?.message).toContain('never to reach the observation, got it at events.0.data.error.cause');
    expect(failures[1]?.message).toContain('never to reach the keys, got it at headers.k-42');
  });

  it('names the path of a secret found after siblings searched in vain', () => {
    const observation = { frames: [{ body: { a: 'x', b: { c: 'y' } } }, { body: { a: 'x', b: ['z', 'k-42'] } }] };
    expect(secretLeaks('k-42', { here: observation })[0]?.message).toContain('got it at frames.1.body.b.1:');
  });

  it('finds a secret JSON would escape, and one in a value JSON cannot serialise', () => {
    const cyclic: Record<string, unknown> = { note: 'the key k-42' };
    cyclic['self'] = cyclic;
    expect(secretLeaks('"k\n42"', { a: { msg: 'key "k\n42" here' } })[0]?.message).toContain('got it at msg:');
    expect(secretLeaks('k-42', { b: { n: 10n, s: ['k-42'] } })[0]?.message).toContain('got it at s.0:');
    expect(secretLeaks('k-42', { c: cyclic })[0]?.message).toContain('got it at note:');
  });

  it('finds nothing where the secret is redacted or absent', () => {
    expect(secretLeaks('k-42', { a: { error: 'Bearer ***', n: 42, k: null }, b: 'k-4' })).toEqual([]);
  });

  it('finds a secret given as a bare string', () => {
    expect(secretLeaks('k-42', { 'a message': 'the key k-42' })[0]?.message).toContain('reach a message, got it:');
  });
});
