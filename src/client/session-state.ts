import type { Clock, TimerHandle } from '../clock/index.js';
import type { Modality } from '../protocol/index.js';
import { RemoteChatContext, type FunctionTool } from './chat/index.js';
import type { Deferred } from './deferred.js';
import type { GenerationCreatedEvent, ResponseGeneration } from './generation.js';

/** A `generateReply` waiting for its `response.created` (§5.8). */
export interface PendingReply {
  readonly deferred: Deferred<GenerationCreatedEvent>;
  timer: TimerHandle | undefined;
}

/**
 * The mutable state the session's calls and the server-event handlers share: the remote
 * mirror, the response in flight, the futures, the instructions and tools.
 */
export class SessionState {
  mirror = new RemoteChatContext();
  generation: ResponseGeneration | undefined;
  /** By `response.create` event id. Timed-out entries stay until a matching response (§5.8 step 6). */
  readonly replies = new Map<string, PendingReply>();
  /** Event ids of `say` calls waiting for their `response.created`, oldest first (matched FIFO). */
  readonly pendingSays: string[] = [];
  /** By item id (§5.11). */
  readonly itemCreates = new Map<string, Deferred<void>>();
  /** By item id, in the order the deletes were sent (§8.4 settles the oldest). */
  readonly itemDeletes = new Map<string, Deferred<void>>();
  instructions: string | undefined;
  tools: FunctionTool[] = [];
  /**
   * Items a reconnect burst re-created that the server has not acknowledged yet. They are in
   * the mirror already, so their `conversation.item.added` confirms them instead of adding.
   */
  burstItems = new Set<string>();
  /**
   * Items that a reconnect burst re-creates (or re-created) as text: from the end of the socket
   * that left them in the mirror, they have no audio part to truncate (§5.10 beyond the reference).
   */
  textOnly = new Set<string>();
  /**
   * Assistant items whose transcript is in the mirror (§8.1 fix). Kept for the session, not
   * per response: a transcript.done that comes after response.done must not add it again.
   */
  readonly transcriptSynced = new Set<string>();
  /**
   * A response ended as failed because one of its frames could not be handled; its later
   * frames are dropped quietly until its `response.done` (which still gives metrics) or the
   * next `response.created`, so one bad frame gives one `error`. `id` is unknown when
   * `response.created` was the bad frame.
   */
  failedResponse: { id: string | undefined; createdMs: number; firstTokenMs: number | undefined } | undefined;
  /**
   * Frames of a response other than the one in flight (by `response_id`), ignored: they are
   * never applied to the current generation (issue 11). Counted for the session.
   */
  foreignResponseFrames = 0;
  /** User items whose final transcript was emitted (`userTranscripts: 'turn'`). */
  readonly finalTranscripts = new Set<string>();
  /**
   * Items left out of the mirror (server-side tool calls, unsupported types), by id, with the
   * place they would have taken; items chained after them go there instead.
   */
  readonly leftOut = new Map<string, string | null | undefined>();
  /**
   * The `previous_item_id` each `conversation.item.create` the client sent on this socket asked
   * for, by item id, oldest first, noted as it goes on the wire: one id can be in flight twice
   * (a burst's create, then a delete and a create again), and the server answers them in order.
   */
  readonly createdAfter = new Map<string, (string | null | undefined)[]>();

  constructor(private readonly clock: Clock) {}

  /** Notes where a create the client sends asked its item to go. */
  recordCreate(id: string, previousItemId: string | null | undefined): void {
    const asked = this.createdAfter.get(id);
    if (asked) asked.push(previousItemId);
    else this.createdAfter.set(id, [previousItemId]);
  }

  /** The place the oldest unacknowledged create of `id` asked for, consumed; none if there is none. */
  takeCreate(id: string): { previousItemId: string | null | undefined } | undefined {
    const asked = this.createdAfter.get(id);
    if (!asked || asked.length === 0) return undefined;
    const previousItemId = asked.shift();
    if (asked.length === 0) this.createdAfter.delete(id);
    return { previousItemId };
  }

  /** Ends the response in flight, if any, without metrics (§8.8 fix). */
  endGeneration(fallback: readonly Modality[]): void {
    this.generation?.close(fallback);
    this.generation = undefined;
  }

  /**
   * Fails every pending future with `error` (§8.8 fix) and forgets them, except those `keep`
   * names: calls whose request is still queued, so it goes out on the next socket and its
   * answer can come there.
   */
  failPending(error: Error, keep: StillQueued = NOTHING_QUEUED): void {
    for (const [eventId, reply] of this.replies) {
      if (keep.eventIds.has(eventId)) continue;
      this.clock.clearTimeout(reply.timer);
      reply.deferred.reject(error);
      this.replies.delete(eventId);
    }
    const says = this.pendingSays.filter((id) => keep.eventIds.has(id));
    this.pendingSays.length = 0;
    this.pendingSays.push(...says);
    for (const [id, future] of this.itemCreates) {
      if (keep.creates.has(id)) continue;
      future.reject(error);
      this.itemCreates.delete(id);
    }
    for (const [id, future] of this.itemDeletes) {
      if (keep.deletes.has(id)) continue;
      future.reject(error);
      this.itemDeletes.delete(id);
    }
    this.createdAfter.clear();
  }
}

/** The requests still in the send queue: event ids, created item ids, deleted item ids. */
export interface StillQueued {
  eventIds: ReadonlySet<string>;
  creates: ReadonlySet<string>;
  deletes: ReadonlySet<string>;
}

const NOTHING_QUEUED: StillQueued = { eventIds: new Set(), creates: new Set(), deletes: new Set() };
