import { inspect } from 'node:util';
import type { Logger } from '../client/index.js';
import type { Clock } from '../clock/index.js';
import type { LogRecord } from './observation.js';
import { toJsonSafe } from './json-safe.js';

/** How many of the client's last log lines a run keeps. */
export const CLIENT_LOG_LINES = 30;
/** The longest a kept line may be; the rest is cut. */
const LINE_CHARS = 400;
/**
 * How many warnings and errors a run's observation records; the rest are counted. A client
 * that warns on every frame of a long run must not grow the golden file without bound.
 */
export const MAX_LOG_RECORDS = 200;

/**
 * The client's log during a run, kept rather than written: a run of the bundled suite makes
 * its client warn and err on purpose (bad frames, refused handshakes), and those lines on
 * stderr would bury the report. Warnings and errors are what an application sees of a
 * client's log by default (debug and info are dropped by the console sink), so they are
 * behaviour: the first {@link MAX_LOG_RECORDS} go into the observation (the golden file's
 * `log`), and the last {@link CLIENT_LOG_LINES}, one line each with the virtual time, into
 * a failed scenario's report. The client redacts credentials before it logs (`redactingLogger`).
 */
export class ClientLog implements Logger {
  readonly #lines: string[] = [];
  readonly #records: LogRecord[] = [];
  #total = 0;

  constructor(private readonly clock: Clock) {}

  debug(): void {}
  info(): void {}

  warn(message: string, fields?: Record<string, unknown>): void {
    this.#keep('warn', message, fields);
  }

  error(message: string, fields?: Record<string, unknown>): void {
    this.#keep('error', message, fields);
  }

  /**
   * The warnings and errors as records, oldest first, fields made JSON-safe (an error as its
   * name, code, message, details and cause); when more came than {@link MAX_LOG_RECORDS}, a
   * last record says how many were left out.
   */
  records(): LogRecord[] {
    const left = this.#total - this.#records.length;
    if (left === 0) return [...this.#records];
    const last = this.#records.at(-1);
    return [...this.#records, { t: last?.t ?? 0, level: 'warn', message: `(${left} later line(s) not recorded)` }];
  }

  /** The kept lines, oldest first, after a line saying how many came before them. */
  lines(): string[] {
    const dropped = this.#total - this.#lines.length;
    return dropped > 0 ? [`(${dropped} earlier line(s) not kept)`, ...this.#lines] : [...this.#lines];
  }

  #keep(level: 'warn' | 'error', message: string, fields: Record<string, unknown> | undefined): void {
    this.#total++;
    if (this.#records.length < MAX_LOG_RECORDS) {
      const record: LogRecord = { t: this.clock.now(), level, message };
      if (fields !== undefined) record.fields = toJsonSafe(fields) as Record<string, unknown>;
      this.#records.push(record);
    }
    const detail =
      fields === undefined
        ? ''
        : ` ${inspect(withoutStacks(fields), { depth: 3, breakLength: Infinity, compact: true })}`;
    const line = `${Math.round(this.clock.now())} ms ${level}: ${message}${detail}`.replace(/\s*\n\s*/g, ' ');
    this.#lines.push(line.length > LINE_CHARS ? `${line.slice(0, LINE_CHARS - 1)}…` : line);
    if (this.#lines.length > CLIENT_LOG_LINES) this.#lines.shift();
  }
}

/** `fields` with each error (to two levels) as its name, code and message: a stack says nothing of the run. */
function withoutStacks(fields: Record<string, unknown>, depth = 0): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) {
    if (value instanceof Error) {
      const code = (value as { code?: unknown }).code;
      out[key] = `${value.name}${typeof code === 'string' ? ` ${code}` : ''}: ${value.message}`;
    } else if (depth < 1 && typeof value === 'object' && value !== null && !Array.isArray(value)) {
      out[key] = withoutStacks(value as Record<string, unknown>, depth + 1);
    } else {
      out[key] = value;
    }
  }
  return out;
}
