/**
 * Hand-written transcripts for the replay tests: line 1 is the header, line 2 the `open`
 * of connection 1, and the n-th entry given (from 0) is on line n + 3, so tests can name
 * the lines they expect in reports.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {
  serializeHeader,
  serializeRecord,
  transcriptHeader,
  type JsonObject,
  type TranscriptRecord,
} from '../../../src/transcript/index.js';

/** A client frame at `t`. */
export const c2s = (t: number, frame: JsonObject | string, conn = 1): TranscriptRecord =>
  typeof frame === 'string' ? { t, conn, dir: 'c2s', text: frame } : { t, conn, dir: 'c2s', frame };
/** A server frame at `t`. */
export const s2c = (t: number, frame: JsonObject | string, conn = 1): TranscriptRecord =>
  typeof frame === 'string' ? { t, conn, dir: 's2c', text: frame } : { t, conn, dir: 's2c', frame };
/** The open of a connection. */
export const open = (conn: number): TranscriptRecord => ({
  t: 0,
  conn,
  kind: 'open',
  url: '/v1/realtime?model=grok-4-1-fast-non-reasoning',
  protocols: [],
  headers: {},
});
/** The close of a connection. */
export const close = (
  t: number,
  by: 'client' | 'server' | 'upstream-refused' | 'recorder',
  code = 1000,
  reason = '',
  conn = 1,
): TranscriptRecord => ({ t, conn, kind: 'close', code, reason, by });

/** A folder of transcripts for one test file; `cleanup` removes it. */
export class Recordings {
  private constructor(readonly dir: string) {}

  static async create(): Promise<Recordings> {
    return new Recordings(await mkdtemp(path.join(os.tmpdir(), 'rtsim-replay-')));
  }

  /** Writes a transcript with connection 1 opened first; `extra` records follow as given. Returns its path. */
  async write(
    name: string,
    records: readonly TranscriptRecord[],
    options: { openFirst?: boolean } = {},
  ): Promise<string> {
    const all = options.openFirst === false ? records : [open(1), ...records];
    const text = [
      serializeHeader(
        transcriptHeader({ recordedAt: '2026-01-05T10:00:00.000Z', upstream: 'wss://api.x.ai/v1/realtime' }),
      ),
      ...all.map(serializeRecord),
    ].join('\n');
    const file = path.join(this.dir, `${name}.rtsim.jsonl`);
    await writeFile(file, `${text}\n`);
    return file;
  }

  async cleanup(): Promise<void> {
    await rm(this.dir, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------- frames

export const conversationCreated = (): JsonObject => ({
  type: 'conversation.created',
  event_id: 'event_000000000001',
  conversation: { id: 'conv_00000000000a', object: 'realtime.conversation' },
});
export const sessionUpdate = (instructions: string): JsonObject => ({
  type: 'session.update',
  event_id: 'session_update_00000000001',
  session: { instructions },
});
export const sessionUpdated = (instructions: string, n = 2): JsonObject => ({
  type: 'session.updated',
  event_id: `event_00000000000${n}`,
  session: { id: 'sess_00000000000b', instructions },
});
export const ping = (timestamp: number): JsonObject => ({
  type: 'ping',
  event_id: `event_ping_${timestamp}`,
  timestamp,
});
export const responseCreate = (clientEventId: string): JsonObject => ({
  type: 'response.create',
  event_id: clientEventId,
  response: { metadata: { client_event_id: clientEventId } },
});
export const responseCreated = (clientEventId: string): JsonObject => ({
  type: 'response.created',
  event_id: 'event_000000000005',
  response: {
    id: 'resp_00000000000c',
    status: 'in_progress',
    output: [],
    metadata: { client_event_id: clientEventId },
  },
});
export const responseDone = (): JsonObject => ({
  type: 'response.done',
  event_id: 'event_000000000006',
  response: { id: 'resp_00000000000c', status: 'completed', output: [] },
});
export const userItem = (id: string, text: string): JsonObject => ({
  type: 'conversation.item.create',
  event_id: `chat_ctx_create_${id}`,
  previous_item_id: 'root',
  item: { id, type: 'message', role: 'user', content: [{ type: 'input_text', text }] },
});
export const itemAdded = (id: string, text: string): JsonObject => ({
  type: 'conversation.item.added',
  event_id: 'event_000000000003',
  previous_item_id: null,
  item: { id, type: 'message', role: 'user', content: [{ type: 'input_text', text }] },
});

/**
 * One recorded turn: conversation.created, then the client's session.update, user item and
 * response.create, answered by response.created and response.done (transcript lines 3–8).
 */
export const oneTurn = (): TranscriptRecord[] => [
  s2c(0, conversationCreated()),
  c2s(10, sessionUpdate('a')),
  c2s(20, userItem('item_rec0000000001', 'hi')),
  c2s(30, responseCreate('response_create_rec000000001')),
  s2c(40, responseCreated('response_create_rec000000001')),
  s2c(50, responseDone()),
];
