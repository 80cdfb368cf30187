import { selects } from './expect.js';
import type { Observation } from './observation.js';
import type { Failure } from './report.js';
import type { Expectation } from './scenario.js';

/** The parts of a server `error` frame a message names. */
function errorFields(body: unknown): { code: unknown; type: unknown; message: unknown } {
  const error = (body as { error?: unknown } | null)?.error;
  const e = typeof error === 'object' && error !== null ? (error as Record<string, unknown>) : {};
  return { code: e['code'], type: e['type'], message: e['message'] };
}

/** The `expect` entry that would declare this error: by its code, else by its message. */
function declaration(fields: { code: unknown; message: unknown }): string {
  const match =
    typeof fields.code === 'string'
      ? `error.code: ${JSON.stringify(fields.code)}`
      : `error.message: ${JSON.stringify(fields.message ?? null)}`;
  return `{ frame: error, from: server, count: 1, match: { ${match} } }`;
}

/** A frame as the undeclared-error check sees it. */
export interface SeenFrame {
  /** Its index among all frames of the run, both sides. */
  index: number;
  conn: number;
  t: number;
  /** The parsed (and, where ids are normalised, normalised) body. */
  body: unknown;
}

/** The `{ frame: error, from: server }` expectations: the scenario's declared server errors. */
export function declaredServerErrors(expectations: readonly Expectation[]): Extract<Expectation, { frame: string }>[] {
  return expectations.filter(
    (e): e is Extract<Expectation, { frame: string }> => 'frame' in e && e.frame === 'error' && e.from === 'server',
  );
}

/**
 * The failure for one server `error` frame that none of `declared` selects, or undefined when
 * one does. Shared by runs (over the whole observation) and `serve` (frame by frame, as they come).
 */
export function undeclaredServerError(
  declared: readonly Extract<Expectation, { frame: string }>[],
  f: SeenFrame,
): Failure | undefined {
  if (declared.some((e) => selects(e, f.t, f.body))) return undefined;
  const fields = errorFields(f.body);
  return {
    kind: 'undeclared-error',
    message:
      `the server sent an error the scenario did not declare: frames[${f.index}] on connection ${f.conn} at ` +
      `virtual time ${f.t} ms, ` +
      `code ${JSON.stringify(fields.code ?? null)}, type ${JSON.stringify(fields.type ?? null)}, message ` +
      `${JSON.stringify(fields.message ?? null)}. ` +
      `If the scenario expects it, declare it under expect: - ${declaration(fields)}`,
  };
}

/**
 * A server `error` event is a failure unless the scenario says it expects it: each `error`
 * frame the server sent must be selected (by `match`, `afterMs`, `beforeMs`) by at least
 * one `{ frame: error, from: server }` expectation. The count is that expectation's own
 * business: `count: 0` selects the frame and fails on its count, with its own message.
 */
export function undeclaredServerErrors(expectations: readonly Expectation[], o: Observation): Failure[] {
  const declared = declaredServerErrors(expectations);
  const failures: Failure[] = [];
  o.frames.forEach((f, index) => {
    if (f.from !== 'server' || f.type !== 'error') return;
    const failure = undeclaredServerError(declared, { index, conn: f.conn, t: f.t, body: f.body });
    if (failure) failures.push(failure);
  });
  return failures;
}
