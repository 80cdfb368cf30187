/**
 * The control API of a running `serve` (issue 15, as Toxiproxy and WireMock have one): plain
 * HTTP under `/__rt-sim/` on the server's own port, for the test code of a client under test
 * to act on the fake server while its test runs. docs/control.md lists the routes with `curl`.
 *
 * Actions are a script rule's `do` list, run now: one vocabulary and one validator for faults
 * written in a scenario and faults added at run time. Every action and reset goes in the journal.
 */
import type { HttpAnswer, HttpRequest } from '../link/index.js';
import { MAX_JSON_DEPTH, jsonTextDeeperThan } from '../protocol/index.js';
import type { Simulator } from '../simulator/index.js';
import type { ServeJournal } from './serve-journal.js';

/** The path every control route starts with. */
export const CONTROL_PREFIX = '/__rt-sim/';
/** Largest `limit` of one journal page. */
const MAX_PAGE = 10_000;

/** What the control routes act on. */
export interface ControlPlane {
  simulator: Simulator;
  journal: ServeJournal;
  verdict(): unknown;
  /** Starts the verdict and journal again and removes the faults added so far. */
  reset(): void;
}

/** One connection as `GET /__rt-sim/connections` lists it. */
export interface ControlConnection {
  connection: number;
  open: boolean;
  url: string;
  model: string;
  /** Conversation items the server holds. */
  items: number;
  /** Wire faults installed now, per direction. */
  faults: { downstream: string[]; upstream: string[] };
}

/** The body of a 4xx answer. `field`: where in the request the problem is (`do[0].latency.ms`, `since`). */
export interface ControlErrorBody {
  error: { code: string; message: string; field?: string };
}

const ROUTES = [
  'GET /__rt-sim/connections',
  'POST /__rt-sim/actions',
  'GET /__rt-sim/journal',
  'GET /__rt-sim/verdict',
  'POST /__rt-sim/reset',
];

/** Answers a request under {@link CONTROL_PREFIX}; `undefined` for any other path. */
export function answerControl(request: HttpRequest, plane: ControlPlane): HttpAnswer | undefined {
  const url = new URL(request.url, 'http://control.invalid');
  if (!url.pathname.startsWith(CONTROL_PREFIX)) return undefined;
  const route = url.pathname.slice(CONTROL_PREFIX.length).replace(/\/$/, '');
  const method = request.method.toUpperCase();
  const known = ROUTES.find((r) => r.endsWith(`/${route}`));
  if (!known)
    return fail(
      404,
      'RTSIM_CONTROL_NOT_FOUND',
      `no control route ${url.pathname}; expected one of ${ROUTES.join(', ')}`,
    );
  if (!known.startsWith(`${method} `))
    return fail(405, 'RTSIM_CONTROL_NOT_FOUND', `${url.pathname} expects ${known.split(' ')[0]}, got ${method}`);
  switch (route) {
    case 'connections':
      return ok({ connections: plane.simulator.sessions().map(describeConnection) });
    case 'verdict':
      return ok(plane.verdict());
    case 'journal':
      return journal(url, plane);
    case 'reset':
      plane.reset();
      return ok({ reset: true, seq: plane.journal.last });
    default:
      return actions(request.body, plane);
  }
}

function describeConnection(s: ReturnType<Simulator['sessions']>[number]): ControlConnection {
  return {
    connection: s.connection,
    open: s.open,
    url: s.url,
    model: s.model,
    items: s.items.length,
    faults: s.faults,
  };
}

function journal(url: URL, plane: ControlPlane): HttpAnswer {
  const since = wholeParam(url, 'since', 0, Number.MAX_SAFE_INTEGER);
  if (typeof since === 'string') return fail(400, 'RTSIM_CONTROL_BAD_REQUEST', since, 'since');
  const limit = wholeParam(url, 'limit', 1, MAX_PAGE);
  if (typeof limit === 'string') return fail(400, 'RTSIM_CONTROL_BAD_REQUEST', limit, 'limit');
  return ok(plane.journal.read(since ?? 0, limit ?? MAX_PAGE));
}

/** A whole-number query parameter from `min` to `max`; a message when it is not one; undefined when absent. */
function wholeParam(url: URL, name: string, min: number, max: number): number | string | undefined {
  const raw = url.searchParams.get(name);
  if (raw === null) return undefined;
  const n = /^\d{1,16}$/.test(raw) ? Number(raw) : Number.NaN;
  if (!Number.isSafeInteger(n) || n < min || n > max)
    return `expected ${name} to be a whole number from ${min} to ${max}, got ${JSON.stringify(raw)}`;
  return n;
}

function actions(text: string, plane: ControlPlane): HttpAnswer {
  // As for a frame: deeper JSON could overflow the stack where an event is serialised (RangeError).
  if (jsonTextDeeperThan(text, MAX_JSON_DEPTH))
    return fail(400, 'RTSIM_CONTROL_BAD_REQUEST', `expected a body nested at most ${MAX_JSON_DEPTH} levels deep`);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return fail(400, 'RTSIM_CONTROL_BAD_REQUEST', 'expected a JSON body { "connection"?: 1, "do": [ ...actions ] }');
  }
  if (body === null || typeof body !== 'object' || Array.isArray(body))
    return fail(400, 'RTSIM_CONTROL_BAD_REQUEST', 'expected a JSON object { "connection"?: 1, "do": [ ...actions ] }');
  const b = body as Record<string, unknown>;
  const extra = Object.keys(b).find((k) => k !== 'connection' && k !== 'do');
  if (extra !== undefined)
    return fail(400, 'RTSIM_CONTROL_BAD_REQUEST', `unknown field "${extra}"; expected connection and do`, extra);
  const connection = b['connection'];
  if (connection !== undefined && (!Number.isSafeInteger(connection) || (connection as number) < 1))
    return fail(
      400,
      'RTSIM_CONTROL_BAD_REQUEST',
      `expected connection to be a connection number (1 or more), got ${JSON.stringify(connection)}`,
      'connection',
    );
  if (!('do' in b)) return fail(400, 'RTSIM_CONTROL_BAD_REQUEST', 'expected a "do" list of actions', 'do');
  const list = b['do'];
  const at = connection as number | undefined;
  const issues = plane.simulator.actionIssues(list, at);
  if (issues.length > 0) {
    const message = issues.map((i) => `${fieldOf(i.path)}: ${i.message}${i.hint ? ` (${i.hint})` : ''}`).join('; ');
    const notOpen = issues[0]!.path.length === 0;
    return fail(
      notOpen ? 409 : 400,
      'RTSIM_SIM_BAD_ACTIONS',
      message,
      notOpen ? 'connection' : fieldOf(issues[0]!.path),
    );
  }
  // Journaled first, so the frames the actions send come after it.
  plane.journal.add({ kind: 'action', ...(at === undefined ? {} : { connection: at }), do: list as unknown[] });
  const seq = plane.journal.last;
  plane.simulator.act(list, at);
  return ok({ done: (list as unknown[]).length, seq });
}

/** A path in the `do` list as `do[0].latency.ms`; empty: the connection. */
function fieldOf(path: readonly (string | number)[]): string {
  if (path.length === 0) return 'connection';
  return path.reduce<string>((out, p) => (typeof p === 'number' ? `${out}[${p}]` : `${out}.${p}`), 'do');
}

function ok(body: unknown): HttpAnswer {
  return { status: 200, body: JSON.stringify(body) };
}

function fail(status: number, code: string, message: string, field?: string): HttpAnswer {
  const body: ControlErrorBody = { error: { code, message, ...(field === undefined ? {} : { field }) } };
  return { status, body: JSON.stringify(body) };
}
