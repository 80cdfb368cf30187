import path from 'node:path';
import { withoutPrefix } from '../errors/index.js';
import type { Failure, ScenarioResult } from './report.js';

/** Stack frames a crash's message keeps: enough to find the place, short enough to read. */
const FRAMES_SHOWN = 5;

/**
 * The failing result of a scenario file whose run threw, or whose worker thread died, instead
 * of giving a result: one `error` failure that says so with the error (its first stack
 * frames too), so the report goes on with the other files rather than ending the run.
 * `error` may have crossed a thread (a structured clone), so it is read as data.
 */
export function crashedResult(relFile: string, error: unknown, reproduce: string): ScenarioResult {
  const message = `the run threw instead of giving a result, so nothing was checked: ${describe(error)}`;
  return unrunResult(relFile, { kind: 'error', message }, reproduce);
}

/** The failing result of a scenario file that gave none of its own (it did not load, or its run threw). */
export function unrunResult(relFile: string, failure: Failure, reproduce: string): ScenarioResult {
  return {
    name: path.basename(relFile).replace(/\.ya?ml$/, ''),
    file: relFile,
    status: 'failed',
    wallMs: 0,
    simulatedMs: 0,
    seed: 0,
    failures: [failure],
    reproduce,
  };
}

/** `Name: message` and the first stack frames of an error, or the text of anything else thrown. */
function describe(error: unknown): string {
  if (typeof error !== 'object' || error === null) return String(error);
  const { name, message, stack } = error as { name?: unknown; message?: unknown; stack?: unknown };
  const text = typeof message === 'string' ? withoutPrefix(message) : String(error);
  const head = `${typeof name === 'string' ? name : 'Error'}: ${text}`;
  const frames = typeof stack === 'string' ? stack.split('\n').filter((l) => /^\s+at /.test(l)) : [];
  return [head, ...frames.slice(0, FRAMES_SHOWN).map((l) => `  ${l.trim()}`)].join('\n');
}
