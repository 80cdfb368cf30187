import type { Clock } from '../clock/index.js';
import type { Failure } from './report.js';
import { withoutPrefix } from '../errors/index.js';

/** What a rejection's reason says, with the first line of its stack below the message. */
function describeReason(reason: unknown): string {
  if (!(reason instanceof Error)) return JSON.stringify(String(reason));
  const where = (reason.stack ?? '').split('\n').find((l) => l.trimStart().startsWith('at '));
  const code = (reason as { code?: unknown }).code;
  const name = typeof code === 'string' ? `${reason.name} ${code}` : reason.name;
  return `${name}: ${withoutPrefix(reason.message)}${where ? ` (${where.trim()})` : ''}`;
}

/**
 * Records the promises that reject with no handler while a run is in progress (Node's
 * `unhandledRejection`), each with the virtual time it was noticed at. Scenarios run one at
 * a time in a process, so a rejection seen between `start` and `stop` belongs to this run.
 */
export class RejectionWatch {
  readonly #clock: Clock;
  readonly #seen: { t: number; reason: unknown }[] = [];
  readonly #listener = (reason: unknown): void => {
    this.#seen.push({ t: this.#clock.now(), reason });
  };

  constructor(clock: Clock) {
    this.#clock = clock;
  }

  start(): void {
    process.on('unhandledRejection', this.#listener);
  }

  /** Stops listening; one failure per rejection seen. */
  stop(): Failure[] {
    process.off('unhandledRejection', this.#listener);
    return this.#seen.map(({ t, reason }) => ({
      kind: 'unhandled-rejection',
      message: `a promise rejected with no handler at virtual time ${t} ms: ${describeReason(reason)}`,
    }));
  }
}
