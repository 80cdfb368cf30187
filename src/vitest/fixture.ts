import path from 'node:path';
import { test as base } from 'vitest';
import type { TestAPI } from 'vitest';
import { RtSimKit } from './kit.js';

/** The fixtures rt-sim adds to vitest's `test`. */
export interface RtSimFixtures {
  /** Fake xAI servers and scenario runs for this test, closed when it ends. */
  rtsim: RtSimKit;
}

/**
 * The `rtsim` fixture, to add to a `test` of your own:
 * `export const test = base.extend<RtSimFixtures>({ rtsim: rtsimFixture })`.
 */
export const rtsimFixture = async (
  { task }: { task: { file?: { filepath?: string } } },
  use: (kit: RtSimKit) => Promise<void>,
): Promise<void> => {
  const file = task.file?.filepath;
  const kit = new RtSimKit(file ? path.dirname(file) : process.cwd());
  try {
    await use(kit);
  } finally {
    await kit.close();
  }
};

type RtSimTest = TestAPI<RtSimFixtures>;

let extended: RtSimTest | undefined;
/** vitest's extended `test`, made on first use: `extend` needs a running vitest, an import does not. */
const real = (): RtSimTest => (extended ??= base.extend<RtSimFixtures>({ rtsim: rtsimFixture }));

/**
 * vitest's `test` with the `rtsim` fixture: `test('…', async ({ rtsim }) => { … })`, with
 * `test.skip`, `test.each`, `test.extend` and the rest as usual.
 */
export const test: RtSimTest = new Proxy(function rtsimTest() {} as unknown as RtSimTest, {
  apply: (_target, thisArg, args: unknown[]) =>
    Reflect.apply(real() as unknown as (...a: unknown[]) => unknown, thisArg, args),
  get: (_target, property) => Reflect.get(real(), property),
});
