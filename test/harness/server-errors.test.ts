import { describe, expect, it } from 'vitest';
import type { Observation } from '../../src/harness/observation.js';
import { undeclaredServerErrors } from '../../src/harness/server-errors.js';

const error = (t: number, code: string | null, message: string) => ({
  t,
  conn: 1,
  from: 'server' as const,
  type: 'error',
  body: { type: 'error', error: { type: 'invalid_request_error', code, message } },
});

const o: Observation = {
  scenario: 's',
  seed: 1,
  simulatedMs: 0,
  connections: [],
  frames: [
    { t: 0, conn: 1, from: 'client', type: 'error', body: {} },
    error(100, 'invalid_value', 'Bad value.'),
    error(900, null, 'Too short.'),
  ],
  events: [],
  audio: { input: { appends: 0, bytes: 0, times: [] }, output: { frames: 0, samples: 0, times: [] } },
  chatCtx: [],
  tools: [],
  metrics: [],
};

describe('undeclared server errors', () => {
  it('are every server error frame when nothing declares one (a client frame named error is not one)', () => {
    expect(undeclaredServerErrors([{ event: 'error', count: 2 }], o).map((f) => f.message)).toEqual([
      'the server sent an error the scenario did not declare: frames[1] on connection 1 at virtual time 100 ' +
        'ms, code "invalid_value", type "invalid_request_error", message "Bad value.". ' +
        'If the scenario expects it, declare it under expect: - { frame: error, from: server, count: 1, match: ' +
        '{ error.code: "invalid_value" } }',
      'the server sent an error the scenario did not declare: frames[2] on connection 1 at virtual time 900 ' +
        'ms, code null, type "invalid_request_error", message "Too short.". ' +
        'If the scenario expects it, declare it under expect: - { frame: error, from: server, count: 1, match: ' +
        '{ error.message: "Too short." } }',
    ]);
  });

  it('leave out the errors an expectation selects by match or time, whatever its count', () => {
    expect(
      undeclaredServerErrors([{ frame: 'error', from: 'server', match: { 'error.code': null } }], o).map(
        (f) => f.message,
      ),
    ).toEqual([expect.stringContaining('frames[1]')]);
    expect(
      undeclaredServerErrors([{ frame: 'error', from: 'server', count: 0, afterMs: 500 }], o).map((f) => f.message),
    ).toEqual([expect.stringContaining('frames[1]')]);
    expect(undeclaredServerErrors([{ frame: 'error', from: 'server', min: 2 }], o)).toEqual([]);
  });

  it('do not count an expectation on client frames as a declaration', () => {
    expect(undeclaredServerErrors([{ frame: 'error', from: 'client' }], o)).toHaveLength(2);
  });
});
