import { describe, expect, it } from 'vitest';
import { toJsonSafe } from '../../src/harness/json-safe.js';
import { RtSimError } from '../../src/protocol/index.js';

describe('toJsonSafe (what a golden file keeps of an event payload)', () => {
  it("keeps an error's name, message, code, retryable, body and details, and drops empty details", () => {
    const withDetails = Object.assign(
      new RtSimError('RTSIM_CLIENT_CONNECTION', 'handshake refused', { status: 503, url: 'wss://h' }),
      { retryable: true, body: null },
    );
    expect(toJsonSafe(withDetails)).toEqual({
      name: 'RtSimError',
      message: '[rt-sim] handshake refused',
      code: 'RTSIM_CLIENT_CONNECTION',
      retryable: true,
      body: null,
      details: { status: 503, url: 'wss://h' },
    });
    expect(toJsonSafe(new RtSimError('RTSIM_CLIENT_CLOSED', 'no details'))).toEqual({
      name: 'RtSimError',
      message: '[rt-sim] no details',
      code: 'RTSIM_CLIENT_CLOSED',
    });
    expect(toJsonSafe(new Error('plain'))).toEqual({ name: 'Error', message: 'plain' });
  });

  it("keeps one level of an error's cause: name, code, retryable, and the message of an error with a code", () => {
    const inner = Object.assign(
      new RtSimError('RTSIM_CLIENT_CONNECTION', 'refused', {}, { cause: new Error('deep') }),
      {
        retryable: true,
      },
    );
    expect(toJsonSafe(new Error('outer', { cause: inner }))).toEqual({
      name: 'Error',
      message: 'outer',
      cause: { name: 'RtSimError', code: 'RTSIM_CLIENT_CONNECTION', message: '[rt-sim] refused', retryable: true },
    });
    // An engine error's wording changes with the V8 version: only its name is kept.
    expect(toJsonSafe(new Error('bad frame', { cause: new SyntaxError('Unexpected token') }))).toEqual({
      name: 'Error',
      message: 'bad frame',
      cause: { name: 'SyntaxError' },
    });
    expect(toJsonSafe(new Error('text', { cause: 'why' }))).toEqual({ name: 'Error', message: 'text', cause: 'why' });
    expect(toJsonSafe(new Error('unset', { cause: undefined }))).toEqual({
      name: 'Error',
      message: 'unset',
      cause: null,
    });
  });

  it('drops functions and promises, and turns byte arrays into their length', () => {
    expect(
      toJsonSafe({ f: () => 1, p: Promise.resolve(1), b: new Uint8Array(3), n: undefined, list: [undefined, 1] }),
    ).toEqual({ b: { bytes: 3 }, n: null, list: [null, 1] });
  });
});
