/** How {@link runInOrder} runs its jobs. */
export interface InOrderOptions<R> {
  /** Jobs running at once, at least 1; 1 runs them one after another. */
  concurrency: number;
  /** Runs job `index`. A rejection rejects the whole run: turn failures into results first. */
  run: (index: number) => Promise<R>;
  /** Called with each result in index order, as soon as it and every earlier one are in. */
  onResult?: (result: R, index: number) => void;
  /** Whether no job after this result's should count (e.g. `--bail` on a failure). */
  stopAfter?: (result: R) => boolean;
}

/**
 * Runs jobs `0 … count-1` with at most `concurrency` of them at once, started in index order,
 * and hands out their results in index order whatever order they finish in: the results are
 * those of a one-at-a-time run. Once a result stops the run, no later job starts; the run
 * still waits for the earlier jobs (one of them may stop it sooner, as it would have one at a
 * time) and returns the results up to and including the first that stops it. Jobs after
 * that one that were already running are not waited for and their results are dropped:
 * whoever runs them elsewhere (a worker pool) ends them.
 */
export function runInOrder<R>(count: number, options: InOrderOptions<R>): Promise<R[]> {
  const concurrency = Math.max(1, Math.floor(options.concurrency));
  const results = new Map<number, R>();
  const out: R[] = [];
  /** No job at or beyond `limit` starts, and no result there counts. */
  let limit = count;
  let next = 0;
  let running = 0;
  return new Promise<R[]>((resolve, reject) => {
    const pump = (): void => {
      // The results that are in, from the next one due, in order.
      while (out.length < limit && results.has(out.length)) {
        const index = out.length;
        const result = results.get(index)!;
        results.delete(index);
        out.push(result);
        options.onResult?.(result, index);
        if (options.stopAfter?.(result) === true) limit = index + 1;
      }
      if (out.length >= limit) {
        resolve(out);
        return;
      }
      while (running < concurrency && next < limit) start(next++);
    };
    const start = (index: number): void => {
      running++;
      options.run(index).then(
        (result) => {
          running--;
          if (index >= limit) return;
          results.set(index, result);
          // A stop seen early spares the jobs after it; the earlier ones still decide.
          if (options.stopAfter?.(result) === true) limit = index + 1;
          try {
            pump();
          } catch (e) {
            reject(e);
          }
        },
        (e: unknown) => {
          running--;
          if (index < limit) reject(e);
        },
      );
    };
    try {
      pump();
    } catch (e) {
      reject(e);
    }
  });
}
