/**
 * Shared set-up of the replay tests: a folder of transcripts, a simulator replaying one of
 * them through the test driver, and clean shutdown after each test.
 */
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import type { ReplayIssue, TranscriptReplayConfig } from '../../../src/simulator/index.js';
import type { TranscriptRecord } from '../../../src/transcript/index.js';
import { Harness } from '../driver.js';
import { checkAllTraffic } from '../traffic-check.js';
import { Recordings } from './recording.js';

/** Per-file state; call {@link useReplay} at the top of a test file. */
export interface ReplayTest {
  /** Writes `records` (after the open of connection 1) and starts a simulator replaying them. */
  replay(
    records: readonly TranscriptRecord[],
    options?: Omit<TranscriptReplayConfig, 'file'> & {
      server?: Record<string, unknown>;
      script?: unknown[];
      checkTraffic?: boolean;
      openFirst?: boolean;
    },
  ): Promise<Harness>;
  /** Stops the simulator (reporting what was unused) and returns every issue. */
  issues(): Promise<ReplayIssue[]>;
}

export function useReplay(): ReplayTest {
  checkAllTraffic();
  let recordings: Recordings;
  let h: Harness | undefined;
  let stopped = false;
  beforeAll(async () => {
    recordings = await Recordings.create();
  });
  afterAll(async () => {
    await recordings.cleanup();
  });
  afterEach(async () => {
    if (!h) return;
    if (!stopped) await h.stop();
    expect(h.clock.pendingTimers()).toBe(0);
    h = undefined;
    stopped = false;
  });
  let count = 0;
  return {
    async replay(records, options = {}) {
      const { server, script, checkTraffic, openFirst, ...transcript } = options;
      const file = await recordings.write(`t${++count}`, records, openFirst === undefined ? {} : { openFirst });
      h = await Harness.start(
        { server: { ...server, transcript: { file, ...transcript } }, ...(script ? { script: script as never } : {}) },
        checkTraffic === undefined ? {} : { checkTraffic },
      );
      return h;
    },
    async issues() {
      if (!h) throw new Error('no replay running');
      if (!stopped) await h.stop();
      stopped = true;
      return h.sim.replayIssues();
    },
  };
}
