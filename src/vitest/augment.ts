/**
 * rt-sim's matchers in vitest's types (module augmentation); the runtime side is
 * `rt-sim/vitest/setup`, which registers them.
 */
import 'vitest';

/** The matchers `rt-sim/vitest/setup` adds; the subject is a fake server, a run or an observation. */
export interface RtSimMatchers<R = unknown> {
  /**
   * The observation equals `__golden__/<name>.json` beside the test (default name: the test's);
   * honours `vitest -u`. Await it.
   */
  toMatchGolden(name?: string): Promise<R>;
  /** The client sent a frame of `type` whose body holds `partial`. */
  toHaveSent(type: string, partial?: Record<string, unknown>): R;
  /** The fake server sent the client a frame of `type` whose body holds `partial`. */
  toHaveReceived(type: string, partial?: Record<string, unknown>): R;
  /** The client's chat context is exactly these items, each holding the fields given. */
  toHaveChatContext(items: readonly Record<string, unknown>[]): R;
  /** The client reconnected `times` times (default: at least once). */
  toHaveReconnected(times?: number): R;
}

declare module 'vitest' {
  // biome-ignore lint/suspicious/noExplicitAny: declaration merging needs vitest's own `T = any`
  interface Matchers<T = any> extends RtSimMatchers<T> {}
}
