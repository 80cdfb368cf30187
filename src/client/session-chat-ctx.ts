/**
 * The chat-context operations of a session (§5.10, §5.11, §6.1): the events that make the
 * server conversation match a context, the futures their acknowledgements settle, and what
 * becomes of the mirror and the queued operations when a socket ends (§5.3).
 */
import type { ClientEvent } from '../protocol/index.js';
import {
  type ChatContext,
  ChatMessage,
  RemoteChatContext,
  toWireItem,
  updateChatCtxOps,
  type ChatCtxOp,
  type ChatItem,
} from './chat/index.js';
import { Deferred } from './deferred.js';
import { ClientErrorCode, RealtimeError } from './errors.js';
import { rebaseQueued, stillQueued } from './rebase-queue.js';
import type { SendQueue } from './send-queue.js';
import type { SessionCore } from './session-core.js';
import type { StillQueued } from './session-state.js';

/** How long `updateChatCtx` waits for the server's acknowledgements (§5.11). */
export const UPDATE_CHAT_CTX_TIMEOUT_MS = 5000;

/** What the chat-context operations need from their session. */
export type ChatCtxHost = Pick<SessionCore, 'state' | 'clock' | 'ids' | 'logger' | 'send' | 'isClosed' | 'closedError'>;

/** The client event of one operation of the §6.1 diff. */
export function opEvent(host: Pick<SessionCore, 'ids' | 'logger'>, op: ChatCtxOp): ClientEvent {
  if (op.kind === 'delete') {
    return { type: 'conversation.item.delete', item_id: op.itemId, event_id: host.ids.next('chat_ctx_delete_') };
  }
  return {
    type: 'conversation.item.create',
    event_id: host.ids.next('chat_ctx_create_'),
    previous_item_id: op.previousItemId,
    item: toWireItem(op.item, { onSkip: (reason) => host.logger.warn(reason) }),
  };
}

/**
 * Sends the deletes and creates that make the server conversation match `chatCtx`, and
 * settles when all are acknowledged; rejects after {@link UPDATE_CHAT_CTX_TIMEOUT_MS}, on a
 * drop or on close. One call at a time: the session chains them.
 */
export async function syncChatCtx(host: ChatCtxHost, chatCtx: ChatContext): Promise<void> {
  if (host.isClosed()) throw host.closedError('updateChatCtx');
  const ops = updateChatCtxOps(host.state.mirror, chatCtx);
  if (ops.length === 0) return;
  const futures: Deferred<void>[] = [];
  for (const op of ops) {
    const future = new Deferred<void>();
    if (op.kind === 'delete') host.state.itemDeletes.set(op.itemId, future);
    else host.state.itemCreates.set(op.item.id, future);
    futures.push(future);
    host.send(opEvent(host, op));
  }
  await new Promise<void>((resolve, reject) => {
    const timer = host.clock.setTimeout(
      () => {
        const error = new RealtimeError(
          ClientErrorCode.timeout,
          `update_chat_ctx timed out: expected ${futures.length} acknowledgement(s) (conversation.item.added / ` +
            `.deleted) within ${UPDATE_CHAT_CTX_TIMEOUT_MS} ms, got ${futures.filter((f) => f.done).length}`,
        );
        for (const future of futures) future.reject(error);
        reject(error);
      },
      UPDATE_CHAT_CTX_TIMEOUT_MS,
      'update_chat_ctx timeout',
    );
    Promise.all(futures.map((f) => f.promise)).then(
      () => {
        host.clock.clearTimeout(timer);
        resolve();
      },
      (error: unknown) => {
        host.clock.clearTimeout(timer);
        reject(error);
      },
    );
  });
}

/**
 * The text path of `truncate` (§5.10): the message's content becomes `transcript`, through a
 * delete and a create nobody awaits. Nothing is sent when `messageId` names no message.
 */
export function replaceMessageText(
  host: Pick<SessionCore, 'state' | 'ids' | 'logger' | 'send'>,
  messageId: string,
  transcript: string,
): void {
  const next = host.state.mirror.toChatContext(host.ids);
  const index = next.indexById(messageId);
  const current = next.items[index];
  if (current?.type !== 'message') return;
  next.items[index] = new ChatMessage({
    id: current.id,
    role: current.role,
    content: [transcript],
    ...(current.createdAt !== undefined ? { createdAt: current.createdAt } : {}),
  });
  for (const op of updateChatCtxOps(host.state.mirror, next)) {
    // A delete nobody awaits, registered so that an empty deleted item_id (§8.4) settles it.
    if (op.kind === 'delete' && !host.state.itemDeletes.has(op.itemId)) {
      const unawaited = new Deferred<void>();
      unawaited.promise.catch(() => {});
      host.state.itemDeletes.set(op.itemId, unawaited);
    }
    host.send(opEvent(host, op));
  }
}

/**
 * The creates of a reconnect burst (§5.3): the mirror re-created from an empty conversation.
 * The burst's items are noted in `state.burstItems`; the previous set is returned, to put back
 * if the burst fails.
 */
export function burstCreates(host: Pick<SessionCore, 'state' | 'ids' | 'logger'>): {
  events: ClientEvent[];
  oldBurst: Set<string>;
} {
  const state = host.state;
  // The mirror became what a burst re-creates when the last socket ended (rebaseOntoBurst), and
  // nothing changes it while disconnected. Beyond the reference, which empties it here and lets
  // the acknowledgements refill it: until they came, chatCtx read empty and an updateChatCtx
  // diffed against nothing re-created items at "root". The acknowledgements confirm it.
  const keep = state.mirror.toChatContext();
  const events = updateChatCtxOps(new RemoteChatContext(), keep).map((op) => opEvent(host, op));
  const oldBurst = state.burstItems;
  state.burstItems = new Set(keep.items.map((i) => i.id));
  return { events, oldBurst };
}

/**
 * What a socket's end does to the chat context: the mirror becomes what the reconnect burst
 * will re-create, the operations still queued are rebased onto it, and a delete of an item
 * the new socket will never have is settled. Returns the calls whose requests are still queued.
 */
export function rebaseOntoBurst(
  host: Pick<SessionCore, 'state' | 'ids' | 'logger'>,
  queue: SendQueue<ClientEvent>,
): StillQueued {
  const state = host.state;
  // Beyond the reference: from now on the mirror is what the reconnect burst will re-create,
  // so calls made before it diff against that, not against items the burst leaves out.
  const before = state.mirror.items;
  state.mirror = burstMirror(state.mirror);
  // Beyond the reference: what this socket left queued was computed against the old mirror;
  // rebased onto the burst's conversation, it names no item the burst leaves out.
  const kept = state.mirror.items.map((i) => i.id);
  // Every item the new socket will have comes from the burst, as text.
  state.textOnly = new Set(kept);
  const create = (item: ChatItem, previousItemId: string): ClientEvent =>
    opEvent(host, { kind: 'create', item, previousItemId });
  queue.rewrite((events) => rebaseQueued(events, { before, kept, create }));
  const queued = stillQueued(queue.snapshot());
  // Beyond the reference: a delete of an item the new socket will never have (the burst
  // leaves it out, and the rebase dropped its queued delete) has done what it asked.
  for (const [id, future] of state.itemDeletes) {
    if (queued.deletes.has(id) || state.textOnly.has(id)) continue;
    future.resolve();
    state.itemDeletes.delete(id);
  }
  return queued;
}

/** The part of a mirror a reconnect burst re-creates (§5.3): no function calls, instructions or empty messages. */
function burstMirror(mirror: RemoteChatContext): RemoteChatContext {
  const kept = new RemoteChatContext();
  const ctx = mirror
    .toChatContext()
    .copy({ excludeFunctionCall: true, excludeInstructions: true, excludeEmptyMessage: true });
  for (const item of ctx.items) kept.insert(null, item);
  return kept;
}
