/** Checks what `serve` answered one hostile client frame against its {@link Expectation}. */
import type { Expectation } from './client-frames.js';

/** An event the test client received. */
export interface Answer {
  type: string;
  error?: { type?: unknown; code?: unknown; event_id?: unknown; param?: unknown; message?: unknown };
}

/** Why the answer does not meet the expectation, or undefined when it does. */
export function answerProblem(
  expect: Expectation,
  answers: readonly Answer[],
  closed: { code: number } | undefined,
): string | undefined {
  if (expect.kind === 'any') return closed ? `expected the connection kept, it closed with ${closed.code}` : undefined;
  if (expect.kind === 'close')
    return closed?.code === expect.code
      ? undefined
      : `expected close ${expect.code}, got ${closed ? `close ${closed.code}` : 'the connection kept'}`;
  if (closed) return `expected an error event and the connection kept, it closed with ${closed.code}`;
  const errors = answers.filter((a) => a.type === 'error').map((a) => a.error ?? {});
  const match = errors.find(
    (e) =>
      e.type === 'invalid_request_error' &&
      expect.codes.includes(String(e.code)) &&
      (e.event_id ?? null) === expect.eventId &&
      (expect.param === undefined || e.param === expect.param) &&
      (expect.message === undefined || e.message === expect.message),
  );
  if (match) return undefined;
  const wanted = JSON.stringify({
    code: expect.codes,
    event_id: expect.eventId,
    param: expect.param,
    message: expect.message,
  });
  return (
    `expected an invalid_request_error ${wanted}, got ${JSON.stringify(errors)} among ` +
    `${answers.map((a) => a.type).join(', ') || 'nothing'}`
  );
}
