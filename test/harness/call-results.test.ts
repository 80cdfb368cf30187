import { describe, expect, it } from 'vitest';
import { expectGeneration } from '../../src/harness/call-results.js';

describe('expectGeneration (what generateReply and say must resolve with, §5.8)', () => {
  it('passes a user-initiated generation through', () => {
    const g = { responseId: 'resp_1', userInitiated: true };
    expect(expectGeneration('generateReply', g)).toBe(g);
  });

  it('fails the call, naming what it got, for nothing or a server-initiated generation', () => {
    expect(() => expectGeneration('say', undefined)).toThrow(
      'say: expected it to resolve with the user-initiated generation its response.created started, got undefined',
    );
    expect(() => expectGeneration('generateReply', { responseId: 'resp_2', userInitiated: false })).toThrow(
      'generateReply: expected it to resolve with the user-initiated generation its response.created started, ' +
        'got an object with responseId "resp_2" and userInitiated false',
    );
  });
});
