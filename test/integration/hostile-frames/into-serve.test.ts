/**
 * Hostile client frames into the fake server (issue 11, "Tests that stay"), over the
 * in-memory link on a virtual clock: 10,000 seeded frames of every kind. Each bad frame is
 * followed by a good probe (`input_audio_buffer.clear`) that must still be answered; the
 * bad one must get its `error` event (or its documented close code), and nothing may go
 * unhandled. A failure names the seed and the frame index that reproduce it.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { MAX_FRAME_BYTES } from '../../../src/protocol/index.js';
import { Harness, type Received, type TestClient } from '../../simulator/driver.js';
import { checkAllTraffic } from '../../simulator/traffic-check.js';
import { answerProblem } from './check-answer.js';
import { hostileClientFrame, type HostileClientFrame } from './client-frames.js';
import { answersPerFrame, hostileRandom, hostileSeed, preview, ProcessGuard, where } from './hostile.js';

checkAllTraffic();

/** Frames per run; `HOSTILE_FRAMES` may raise it for a longer local soak. */
const FRAMES = Number(process.env['HOSTILE_FRAMES'] ?? 10_000);
/** The count as a test name shows it (10,000). */
const FRAMES_SHOWN = FRAMES.toLocaleString('en');
/** Frames sent before the clock runs: the probes still split the answers frame by frame. */
const BATCH = 25;
const PROBE = JSON.stringify({ type: 'input_audio_buffer.clear', event_id: 'probe' });
const PROBE_ANSWER = 'input_audio_buffer.cleared';

const guard = new ProcessGuard();
beforeAll(() => guard.install());
afterAll(() => guard.uninstall());

let h: Harness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

/**
 * Sends each frame followed by the probe, runs the clock until every probe is answered (or
 * the connection closes), and returns what came back for each frame: the events after the
 * previous probe's answer up to and including its own. A frame whose probe went
 * unanswered gets no answer list (`undefined`).
 */
async function exchange(
  harness: Harness,
  c: TestClient,
  frames: readonly HostileClientFrame[],
): Promise<(Received[] | undefined)[]> {
  const before = c.received.length;
  for (const frame of frames) {
    for (const text of frame.setup ?? []) c.send(text);
    c.socket.send(frame.data);
    for (const text of frame.teardown ?? []) c.send(text);
    c.send(PROBE);
  }
  const answered = (): number => {
    let n = 0;
    for (let i = before; i < c.received.length; i++) if (c.received[i]!.type === PROBE_ANSWER) n++;
    return n;
  };
  await harness.run(
    c.until(() => c.closed !== undefined || answered() >= frames.length),
    10_000,
  );
  return answersPerFrame(c.received.slice(before), PROBE_ANSWER, frames.length);
}

/** The kind without its details, for the tally. */
function familyOf(kind: string): string {
  if (kind.startsWith('wrong type')) return 'wrong type';
  if (kind.startsWith('missing')) return 'missing field';
  if (kind.includes('deep')) return kind.includes('limit') ? 'at the depth limit' : 'too deep';
  if (kind.startsWith('append of')) return 'sizes';
  return kind;
}

describe('hostile client frames into serve (in-memory link)', () => {
  it(`answers ${FRAMES_SHOWN} seeded hostile frames each with an error event, and keeps serving`, async () => {
    const seed = hostileSeed('into serve, in-memory');
    const random = hostileRandom(seed, 'into-serve-memory');
    h = await Harness.start({});
    const c = await h.connect();
    const kinds = new Map<string, number>();
    let errors = 0;
    for (let start = 0; start < FRAMES; start += BATCH) {
      const frames = Array.from({ length: Math.min(BATCH, FRAMES - start) }, (_, i) =>
        hostileClientFrame(random, start + i),
      );
      const tagOf = (i: number): { index: number; kind: string; preview: string } => ({
        index: start + i,
        kind: frames[i]!.kind,
        preview: preview(frames[i]!.data),
      });
      let answers: (Received[] | undefined)[];
      try {
        answers = await exchange(h, c, frames);
      } catch (error) {
        throw new Error(
          `frames #${start}–#${start + frames.length - 1} (seed ${seed}): no answer: ${(error as Error).message}`,
        );
      }
      guard.check(() => `frames #${start}–#${start + frames.length - 1} (seed ${seed})`);
      for (const [i, frame] of frames.entries()) {
        const got = answers[i];
        kinds.set(familyOf(frame.kind), (kinds.get(familyOf(frame.kind)) ?? 0) + 1);
        // The last frame of the batch before a close is the one that closed it.
        const closed = got !== undefined && answers[i + 1] === undefined ? c.closed : undefined;
        const problem = answerProblem(frame.expect, got ?? [], closed);
        if (problem) throw new Error(`${where(seed, tagOf(i))}: ${problem}`);
        if (!got?.some((a) => a.type === PROBE_ANSWER))
          throw new Error(`${where(seed, tagOf(i))}: the following good frame went unanswered`);
        errors += got.filter((a) => a.type === 'error').length;
      }
      // Now and then let virtual time run: responses, VAD and timers do their work too.
      if (start % 500 === 500 - BATCH) {
        await h.advance(5_000);
        guard.check(() => `the pause after frame #${start + frames.length - 1} (seed ${seed})`);
        if (c.closed)
          throw new Error(
            `the connection closed (${c.closed.code}) while idle ` +
              `after frame #${start + frames.length - 1} (seed ${seed})`,
          );
      }
    }
    console.log(
      `[hostile-frames] into serve, in-memory: ${FRAMES} frames, ${errors} error events; ` +
        `kinds ${JSON.stringify(Object.fromEntries(kinds))}`,
    );
    expect(errors).toBeGreaterThan(FRAMES * 0.8);
    expect(kinds.size).toBeGreaterThanOrEqual(15);
  }, 120_000);

  it('closes with 1009 on frames just over MAX_FRAME_BYTES (text and binary), serves the next connection', async () => {
    h = await Harness.start({});
    const c = await h.connect();
    const head = '{"type":"input_audio_buffer.append","event_id":"big","audio":"';
    const over = `${head}${'A'.repeat(MAX_FRAME_BYTES - head.length - 1)}"}`;
    expect(Buffer.byteLength(over)).toBe(MAX_FRAME_BYTES + 1);
    c.send(over);
    await h.run(c.waitClosed());
    expect(c.closed?.code).toBe(1009);
    const d = await h.connect();
    d.socket.send(new Uint8Array(MAX_FRAME_BYTES + 1));
    await h.run(d.waitClosed());
    expect(d.closed?.code).toBe(1009);
    const e = await h.connect();
    e.send(PROBE);
    await h.run(e.waitFor(PROBE_ANSWER));
    guard.check(() => 'the frames over the limit');
  });
});
