import { inspect } from 'node:util';
import type { Logger } from '../client/index.js';
import type { Clock } from '../clock/index.js';

/** How many of the client's last log lines a run keeps. */
export const CLIENT_LOG_LINES = 30;
/** The longest a kept line may be; the rest is cut. */
const LINE_CHARS = 400;

/**
 * The client's log during a run, kept rather than written: a run of the bundled suite makes
 * its client warn and err on purpose (bad frames, refused handshakes), and those lines on
 * stderr would bury the report. The last {@link CLIENT_LOG_LINES} warnings and errors are
 * kept, one line each with the virtual time, and a failed scenario's report shows them.
 * The client redacts credentials before it logs (`redactingLogger`).
 */
export class ClientLog implements Logger {
  readonly #lines: string[] = [];
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

  /** The kept lines, oldest first, after a line saying how many came before them. */
  lines(): string[] {
    const dropped = this.#total - this.#lines.length;
    return dropped > 0 ? [`(${dropped} earlier line(s) not kept)`, ...this.#lines] : [...this.#lines];
  }

  #keep(level: 'warn' | 'error', message: string, fields: Record<string, unknown> | undefined): void {
    this.#total++;
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
