/**
 * Calls every listener even if one throws, then rethrows the first error: one faulty
 * observer must not hide an event from the others, and the fault must still surface (on the
 * virtual clock it rejects `run`).
 */
export function callAll<A extends unknown[]>(listeners: readonly ((...args: A) => void)[], ...args: A): void {
  let failure: { error: unknown } | undefined;
  for (const listener of [...listeners]) {
    try {
      listener(...args);
    } catch (error) {
      failure ??= { error };
    }
  }
  if (failure) throw failure.error;
}
