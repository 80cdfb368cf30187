/**
 * Hostile client frames into `serve` over a real loopback socket (issue 11): a seeded
 * sample of the in-memory run's kinds, plus what only a real socket carries: invalid
 * UTF-8 in a text frame, a 2,000-deep frame, a 16 MB frame and frames at and just over
 * MAX_FRAME_BYTES. Each case has a bound (a hang fails it), not a timing assertion.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { RealClock, createRandom } from '../../../src/clock/index.js';
import { MAX_FRAME_BYTES, parseServerEvent } from '../../../src/protocol/index.js';
import type { ServeHandle } from '../../../src/simulator/index.js';
import { createSimulator, serveSimulator } from '../../../src/simulator/index.js';
import { answerProblem, type Answer } from './check-answer.js';
import { hostileClientFrame, type HostileClientFrame } from './client-frames.js';
import { answersPerFrame, deepFrame, hostileRandom, hostileSeed, preview, ProcessGuard, where } from './hostile.js';
import { closeServersAfterEach } from '../../simulator/serve-cleanup.js';

const FRAMES = 400;
const BATCH = 20;
/** How long one exchange may take before it counts as a hang. */
const BOUND_MS = 10_000;
const KEY = 'sk-hostile';
const PROBE = JSON.stringify({ type: 'input_audio_buffer.clear', event_id: 'probe' });
const PROBE_ANSWER = 'input_audio_buffer.cleared';
const clock = new RealClock();

const guard = new ProcessGuard();
beforeAll(() => guard.install());
afterAll(() => guard.uninstall());

const { sockets, track } = closeServersAfterEach();

async function serve(): Promise<ServeHandle> {
  const sim = await createSimulator({
    clock: new RealClock(),
    random: createRandom(7),
    config: { server: { profile: 'xai-2025-12' } },
    apiKey: KEY,
    strict: true,
  });
  return track(await serveSimulator(sim, { port: 0 }));
}

/** A `ws` client that keeps every event and its close. */
class WsClient {
  readonly received: Answer[] = [];
  /** Frames from serve that do not parse with the catalogue (must stay empty). */
  readonly invalid: string[] = [];
  closed: { code: number; reason: string } | undefined;
  readonly #waiters: (() => void)[] = [];

  constructor(readonly ws: WebSocket) {
    ws.on('message', (data, isBinary) => {
      const text = isBinary ? '' : data.toString();
      const parsed = parseServerEvent(text);
      if (parsed.ok) this.received.push(parsed.event as Answer);
      else this.invalid.push(text);
      this.#wake();
    });
    ws.on('close', (code, reason) => {
      this.closed = { code, reason: reason.toString() };
      this.#wake();
    });
    ws.on('error', () => {});
  }

  static async open(url: string): Promise<WsClient> {
    const ws = new WebSocket(url, { headers: { Authorization: `Bearer ${KEY}` } });
    sockets.push(ws);
    const client = new WsClient(ws);
    await client.until(() => client.received.some((e) => e.type === 'conversation.created'), 'the greeting');
    return client;
  }

  #wake(): void {
    for (const w of this.#waiters.splice(0)) w();
  }

  /** Resolves once `test` holds or the socket closed; rejects after {@link BOUND_MS}. */
  until(test: () => boolean, what: string): Promise<void> {
    const stop = new AbortController();
    const bound = clock.sleep(BOUND_MS, stop.signal).then(() => {
      throw new Error(`no ${what} within ${BOUND_MS} ms: a hang`);
    });
    bound.catch(() => {});
    const done = new Promise<void>((resolve) => {
      const check = (): void => {
        if (test() || this.closed) resolve();
        else this.#waiters.push(check);
      };
      check();
    });
    return Promise.race([done, bound]).finally(() => stop.abort());
  }

  send(data: string | Uint8Array, binary = typeof data !== 'string'): void {
    this.ws.send(data, { binary });
  }
}

/** Sends each frame and a probe; the answers split at each probe's answer (see into-serve.test.ts). */
async function exchange(c: WsClient, frames: readonly HostileClientFrame[]): Promise<(Answer[] | undefined)[]> {
  const before = c.received.length;
  for (const frame of frames) {
    for (const text of frame.setup ?? []) c.send(text);
    c.send(frame.data);
    for (const text of frame.teardown ?? []) c.send(text);
    c.send(PROBE);
  }
  const answered = (): number => c.received.slice(before).filter((e) => e.type === PROBE_ANSWER).length;
  await c.until(() => answered() >= frames.length, `answer to ${frames.length} probes`);
  return answersPerFrame(c.received.slice(before), PROBE_ANSWER, frames.length);
}

describe('hostile client frames into serve (real loopback socket)', () => {
  it(`answers ${FRAMES} seeded hostile frames each with an error event, and keeps serving`, async () => {
    const seed = hostileSeed('into serve, loopback ws');
    const random = hostileRandom(seed, 'into-serve-ws');
    const { url } = await serve();
    const c = await WsClient.open(url);
    let errors = 0;
    for (let start = 0; start < FRAMES; start += BATCH) {
      const frames = Array.from({ length: BATCH }, (_, i) => hostileClientFrame(random, start + i));
      const answers = await exchange(c, frames);
      guard.check(() => `frames #${start}–#${start + BATCH - 1} (seed ${seed})`);
      for (const [i, frame] of frames.entries()) {
        const tag = { index: start + i, kind: frame.kind, preview: preview(frame.data) };
        const problem = answerProblem(
          frame.expect,
          answers[i] ?? [],
          answers[i + 1] === undefined ? c.closed : undefined,
        );
        if (problem) throw new Error(`${where(seed, tag)}: ${problem}`);
        if (!answers[i]?.some((a) => a.type === PROBE_ANSWER))
          throw new Error(`${where(seed, tag)}: the following good frame went unanswered`);
        errors += answers[i]!.filter((a) => a.type === 'error').length;
      }
    }
    expect(c.invalid).toEqual([]);
    expect(errors).toBeGreaterThan(FRAMES * 0.8);
  });

  it('answers a 2,000-deep frame (arrays and objects) with an error naming the limit, and keeps serving', async () => {
    const { url } = await serve();
    const c = await WsClient.open(url);
    for (const objects of [false, true]) {
      const [answer] = await exchange(c, [
        {
          kind: '2000 deep',
          data: deepFrame(2000, 'deep', objects),
          expect: { kind: 'error', codes: ['invalid_event'], eventId: 'deep' },
        },
      ]);
      expect(
        answerProblem({ kind: 'error', codes: ['invalid_event'], eventId: 'deep' }, answer ?? [], c.closed),
      ).toBeUndefined();
      expect(answer?.find((a) => a.type === 'error')?.error?.message).toContain('the limit is 64');
    }
    guard.check(() => 'the 2,000-deep frames');
  });

  it('closes with 1009 on 16 MB and on just over MAX_FRAME_BYTES; serves one of exactly the limit', async () => {
    const { url } = await serve();
    const head = '{"type":"input_audio_buffer.append","event_id":"big","audio":"';
    const appendOf = (bytes: number): string => `${head}${'A'.repeat(bytes - head.length - 2)}"}`;
    for (const size of [16_000_000, MAX_FRAME_BYTES + 1]) {
      const c = await WsClient.open(url);
      c.send(appendOf(size));
      await c.until(() => false, `close after a ${size}-byte frame`);
      expect(c.closed?.code, `${size} bytes`).toBe(1009);
    }
    const c = await WsClient.open(url);
    // Exactly the limit: base64 of whole 3-byte groups, so the audio decodes (to an even count).
    const audio = 'A'.repeat(Math.floor((MAX_FRAME_BYTES - head.length - 2) / 8) * 8);
    c.send(`${head}${audio}"}`);
    c.send(PROBE);
    await c.until(() => c.received.some((e) => e.type === PROBE_ANSWER), 'the probe after a frame at the limit');
    expect(c.closed).toBeUndefined();
    expect(c.received.filter((e) => e.type === 'error')).toEqual([]);
    guard.check(() => 'the frames at and over the limit');
  });

  it('closes with 1007 (invalid frame payload data) on non-UTF-8 text; serves the next connection', async () => {
    const { url } = await serve();
    const random = createRandom(hostileSeed('invalid UTF-8'));
    for (let n = 0; n < 20; n++) {
      const c = await WsClient.open(url);
      const bad = Buffer.concat([
        Buffer.from('{"type":"session.update","session":{"instructions":"'),
        Buffer.from([0xc3, 0x28, 0xff, 0xfe, 0xed, 0xa0, 0x80].slice(0, random.int(1, 7))),
        Buffer.from('"}}'),
      ]);
      c.send(bad, false);
      await c.until(() => false, 'close after invalid UTF-8');
      expect(c.closed?.code).toBe(1007);
    }
    const c = await WsClient.open(url);
    c.send(PROBE);
    await c.until(() => c.received.some((e) => e.type === PROBE_ANSWER), 'the probe');
    guard.check(() => 'the invalid UTF-8 frames');
  });
});
