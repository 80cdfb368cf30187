import cliProgress from 'cli-progress';
import { RealClock } from '../clock/index.js';
import type { CliIo } from './io.js';

/** Lines as work finishes, and on a terminal a bar once the work has taken long enough. */
export interface Progress {
  /** Prints a finished line (ending in a newline) above the bar, or plainly. */
  line(text: string): void;
  /** `done` of the total units are finished. */
  tick(done: number): void;
  /** Removes the bar; later output is plain. */
  stop(): void;
}

/** Runs shorter than this print lines only; a longer run on a terminal also gets a bar. */
export const PROGRESS_DELAY_MS = 2000;

/**
 * A progress reporter for `total` units. Without a terminal (`io.terminal`) it only prints
 * lines: pipes and CI logs get no control characters. On a terminal the bar appears after
 * `delayMs` of wall time, so short runs stay quiet.
 */
export function createProgress(io: CliIo, total: number, opts: { delayMs: number; label: string }): Progress {
  const terminal = io.terminal;
  const wall = new RealClock();
  const started = wall.now();
  let bars: cliProgress.MultiBar | undefined;
  let bar: cliProgress.SingleBar | undefined;
  let done = 0;
  let stopped = false;
  const ensureBar = (): void => {
    if (bars || stopped || !terminal || wall.now() - started < opts.delayMs) return;
    bars = new cliProgress.MultiBar(
      {
        stream: terminal,
        format: `${opts.label} {bar} {value}/{total}`,
        hideCursor: true,
        clearOnComplete: true,
        barsize: 30,
      },
      cliProgress.Presets.shades_classic,
    );
    bar = bars.create(total, Math.min(done, total));
  };
  return {
    line(text) {
      ensureBar();
      if (bars) bars.log(text);
      else io.stdout(text);
    },
    tick(n) {
      done = n;
      ensureBar();
      bar?.update(Math.min(n, total));
    },
    stop() {
      stopped = true;
      bars?.stop();
      bars = undefined;
      bar = undefined;
    },
  };
}
