/**
 * Hostile server frames into the rt-sim client (issue 11, "Tests that stay"): a fake server
 * on the in-memory link and a virtual clock feeds 10,000 seeded frames to a client with a
 * `generateReply` pending: before the reply's `response.created`, inside its response, or
 * instead of any answer. Every frame is ignored (liberal client) or surfaces an `error`
 * event; a server `error` always surfaces; text that is not JSON kills the session (R2.5).
 * The pending reply always settles (at the latest by its 5 s timeout, in virtual time),
 * nothing goes unhandled, and after each round a good reply still works. A failure names
 * the seed and the frame index that reproduce it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GENERATE_REPLY_TIMEOUT_MS } from '../../../src/client/session.js';
import { silentLogger, type RealtimeModelError, type RealtimeSession } from '../../../src/client/index.js';
import type { PeerConnection, ReceivedFrame } from '../../client/peer.js';
import { setup } from '../../client/peer.js';
import {
  assistantItem,
  contentPartAdded,
  itemAdded,
  outputItemAdded,
  playAudioResponse,
  responseCreated,
} from '../../client/server-events.js';
import { hostileRandom, hostileSeed, preview, ProcessGuard, where } from './hostile.js';
import { hostileServerFrame, type InFlight } from './server-frames.js';

const FRAMES = Number(process.env['HOSTILE_FRAMES'] ?? 10_000);
/** The count as a test name shows it (10,000). */
const FRAMES_SHOWN = FRAMES.toLocaleString('en');
const PER_ROUND = 20;

const guard = new ProcessGuard();
beforeAll(() => guard.install());
afterAll(() => guard.uninstall());

/** How a pending promise ended, once it has. */
function track<T>(promise: Promise<T>): {
  settled: Promise<void>;
  outcome: () => 'pending' | 'resolved' | 'rejected';
  value: () => T | undefined;
} {
  let outcome: 'pending' | 'resolved' | 'rejected' = 'pending';
  let value: T | undefined;
  const settled = promise.then(
    (v) => {
      outcome = 'resolved';
      value = v;
    },
    () => {
      outcome = 'rejected';
    },
  );
  return { settled, outcome: () => outcome, value: () => value };
}

describe('hostile server frames into the client', () => {
  it(`ignores or reports ${FRAMES_SHOWN} seeded hostile frames, hangs no pending reply and keeps working`, async () => {
    const seed = hostileSeed('into the client');
    const random = hostileRandom(seed, 'into-client');
    let answer: ((frame: ReceivedFrame, pc: PeerConnection) => void) | undefined;
    const s = setup({
      idleTimeoutMs: null,
      logger: silentLogger,
      peer: { onEvent: (frame, pc) => answer?.(frame, pc) },
    });
    const { clock, peer } = s;
    const run = <T>(p: Promise<T>, ms: number): Promise<T> => clock.run(p, { maxMs: clock.now() + ms });

    let session: RealtimeSession | undefined;
    let errors: RealtimeModelError[] = [];
    const tally = { ignored: 0, error: 0, fatal: 0, sessions: 0, rounds: 0, timedOut: 0, resolved: 0, rejected: 0 };
    const open = (): RealtimeSession => {
      const next = s.model.session();
      const mine: RealtimeModelError[] = [];
      errors = mine;
      next.on('error', (e) => mine.push(e));
      tally.sessions++;
      return next;
    };

    let index = 0;
    for (let round = 0; index < FRAMES; round++) {
      tally.rounds++;
      if (!session || session.closed) session = open();
      const current = session;
      const mode = random.int(0, 2);
      const responseId = `resp_r${round}`;
      const itemId = `item_r${round}`;
      const creates = peer.ofType('response.create').length;
      const reply = track(current.generateReply());
      const asked = await run(peer.waitFor('response.create', creates + 1), 10_000);
      const pc = peer.current;
      const clientEventId = String(asked.event['event_id']);
      const inFlight: InFlight = {};
      if (mode === 1) {
        pc.send(responseCreated(responseId, { client_event_id: clientEventId }));
        pc.send(outputItemAdded(responseId, assistantItem(itemId)));
        pc.send(itemAdded(assistantItem(itemId)));
        pc.send(contentPartAdded(responseId, itemId));
        Object.assign(inFlight, { responseId, itemId });
        await clock.advance(0);
      }
      let died = false;
      for (let n = 0; n < PER_ROUND && index < FRAMES; n++, index++) {
        const frame = hostileServerFrame(random, index, inFlight);
        const tag = { index, kind: frame.kind, preview: preview(frame.data) };
        const before = errors.length;
        if (typeof frame.data === 'string') pc.sendText(frame.data);
        else pc.conn.sendBinary?.(frame.data);
        await clock.advance(0);
        guard.check(() => where(seed, tag));
        const raised = errors.slice(before);
        const fatal = raised.some((e) => !e.recoverable);
        if (frame.expect === 'fatal' && !fatal)
          throw new Error(
            `${where(seed, tag)}: expected a non-recoverable error event, got ${raised.length} recoverable`,
          );
        if (frame.expect !== 'fatal' && fatal)
          throw new Error(
            `${where(seed, tag)}: a bad frame killed the session: ${raised.find((e) => !e.recoverable)?.error.message}`,
          );
        if (frame.expect === 'error' && raised.length === 0)
          throw new Error(`${where(seed, tag)}: a server error frame surfaced no error event`);
        if (frame.expect === 'ignore' && raised.length > 0)
          throw new Error(`${where(seed, tag)}: an unknown event type raised an error: ${raised[0]!.error.message}`);
        if (fatal) tally.fatal++;
        else if (raised.length > 0) tally.error++;
        else tally.ignored++;
        if (fatal) {
          died = true;
          index++;
          break;
        }
      }
      if (!died && mode === 0)
        playAudioResponse(pc, { responseId, itemId, metadata: { client_event_id: clientEventId } });
      if (!died && mode === 1) playRest(pc, responseId, itemId);
      // The reply settles: answered, failed, or timed out, never left pending.
      try {
        await run(reply.settled, GENERATE_REPLY_TIMEOUT_MS + 1_000);
      } catch (error) {
        throw new Error(
          `seed ${seed}, round ${round} (frames #${index - PER_ROUND}–#${index - 1}, mode ${mode}): the ` +
            `pending generateReply never settled: ${(error as Error).message}`,
        );
      }
      if (reply.outcome() === 'resolved') tally.resolved++;
      else tally.rejected++;
      if (mode === 2 && !died && reply.outcome() === 'rejected') tally.timedOut++;
      guard.check(() => `round ${round} (seed ${seed})`);
      if (died) {
        expect(current.closed, `seed ${seed}, round ${round}: a dead session says so`).toBe(true);
        continue;
      }
      // The session goes on: a good reply after the hostile round is answered in full.
      const good = await goodReply(current, `resp_good${round}`, `item_good${round}`).catch((error: unknown) => {
        throw new Error(
          `seed ${seed}, round ${round} (frames #${index - PER_ROUND}–#${index - 1}, mode ${mode}): the good ` +
            `reply after them failed: ${(error as Error).message}`,
        );
      });
      expect(good, `seed ${seed}, round ${round}`).toBe('Hello.');
    }
    if (session && !session.closed) await run(session.close(), 10_000);
    guard.check(() => 'the end of the run');
    console.log(`[hostile-frames] into the client: ${index} frames; ${JSON.stringify(tally)}`);
    expect(tally.error).toBeGreaterThan(0);
    expect(tally.fatal).toBeGreaterThan(0);
    expect(tally.ignored).toBeGreaterThan(0);

    /** A good reply: answered by the peer in full; resolves with its text. */
    async function goodReply(on: RealtimeSession, id: string, item: string): Promise<string> {
      answer = (frame, conn) => {
        if (frame.type !== 'response.create') return;
        answer = undefined;
        playAudioResponse(conn, {
          responseId: id,
          itemId: item,
          metadata: { client_event_id: String(frame.event['event_id']) },
        });
      };
      return run(
        (async () => {
          const generation = await on.generateReply();
          let text = '';
          for await (const message of generation.messageStream)
            for await (const delta of message.textStream) text += delta;
          return text;
        })(),
        GENERATE_REPLY_TIMEOUT_MS + 1_000,
      );
    }
  }, 120_000);
});

/** The rest of a response whose start mode 1 sent: deltas, done events, response.done. */
function playRest(pc: PeerConnection, responseId: string, itemId: string): void {
  const ref = { response_id: responseId, item_id: itemId, output_index: 0, content_index: 0 };
  pc.send({ type: 'response.output_audio_transcript.delta', ...ref, delta: 'Fine.' });
  pc.send({ type: 'response.output_audio.done', ...ref });
  pc.send({ type: 'response.output_audio_transcript.done', ...ref, transcript: 'Fine.' });
  pc.send({
    type: 'response.output_item.done',
    response_id: responseId,
    output_index: 0,
    item: assistantItem(itemId, 'completed'),
  });
  pc.send({
    type: 'response.done',
    response: { id: responseId, object: 'realtime.response', status: 'completed', output: [] },
  });
}
