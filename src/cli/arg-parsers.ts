/**
 * The parsers of the flags' values: each turns the text of one flag into its value, or throws
 * commander's InvalidArgumentError with what was expected (exit 2).
 */
import { InvalidArgumentError } from 'commander';

/** `--seed`: a 32-bit unsigned seed. */
export function parseSeed(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) > 0xffffffff)
    throw new InvalidArgumentError('expected a whole number from 0 to 4294967295.');
  return Number(value);
}

/** `--port`: 0 (a free one) to 65535. */
export function parsePort(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) > 65535)
    throw new InvalidArgumentError('expected a port number from 0 to 65535.');
  return Number(value);
}

/** `--duration`: whole milliseconds, at least 1. */
export function parseDuration(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) < 1)
    throw new InvalidArgumentError('expected a whole number of milliseconds, at least 1.');
  return Number(value);
}

/** `run --repeat`: 1 to 1000 runs. */
export function parseRepeat(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > 1000)
    throw new InvalidArgumentError('expected a whole number of runs from 1 to 1000.');
  return Number(value);
}

/** The most worker threads `run --workers` and `fuzz --workers` take. */
export const MAX_WORKERS = 256;

/** `run --workers` and `fuzz --workers`: 1 (this thread, no pool) to {@link MAX_WORKERS} threads. */
export function parseWorkers(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > MAX_WORKERS)
    throw new InvalidArgumentError(`expected a whole number of worker threads from 1 to ${MAX_WORKERS}.`);
  return Number(value);
}

/** Bound of `conform --concurrency`: each scenario at once has its own server and adapter process. */
export const MAX_CONFORM_CONCURRENCY = 16;

/** `conform --concurrency`: scenarios played at once. */
export function parseConcurrency(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > MAX_CONFORM_CONCURRENCY)
    throw new InvalidArgumentError(`expected a whole number of scenarios from 1 to ${MAX_CONFORM_CONCURRENCY}.`);
  return Number(value);
}

/** Bounds of `serve --ring` and `--keep-closed`: their product bounds what the verdict holds. */
export const MAX_RING = 100_000;
/** Bound of `serve --keep-closed`. */
export const MAX_KEEP_CLOSED = 10_000;

/** `serve --ring`: frames kept per connection. */
export function parseRing(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) > MAX_RING)
    throw new InvalidArgumentError(`expected a whole number of frames from 0 to ${MAX_RING}.`);
  return Number(value);
}

/** Most entries `serve --journal` may keep. */
export const MAX_JOURNAL = 1_000_000;

/** `serve --journal`: entries the control API's journal keeps. */
export function parseJournal(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) > MAX_JOURNAL)
    throw new InvalidArgumentError(`expected a whole number of entries from 0 to ${MAX_JOURNAL}.`);
  return Number(value);
}

/** `serve --keep-closed`: closed connections kept. */
export function parseKeepClosed(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) > MAX_KEEP_CLOSED)
    throw new InvalidArgumentError(`expected a whole number of connections from 0 to ${MAX_KEEP_CLOSED}.`);
  return Number(value);
}

/** `fuzz --runs`: 1 to 1000000 cases. */
export function parseRuns(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > 1_000_000)
    throw new InvalidArgumentError('expected a whole number of runs from 1 to 1000000.');
  return Number(value);
}

/** `fuzz --path`: a fast-check path, `12:3:0`. */
export function parseFuzzPath(value: string): string {
  if (!/^\d+(:\d+)*$/.test(value))
    throw new InvalidArgumentError('expected a fast-check path such as 12:3:0, as a failure prints it.');
  return value;
}

/** `compare --tolerance-ms`: whole milliseconds, 0 or more. */
export function parseTolerance(value: string): number {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError('expected a whole number of milliseconds, 0 or more.');
  return Number(value);
}
