import type { ClientEvent } from '../protocol/index.js';
import type { ChatItem } from './chat/index.js';
import type { StillQueued } from './session-state.js';

/** What {@link rebaseQueued} needs to know about the conversation a socket leaves behind. */
export interface RebaseInput {
  /** The mirror as the ended socket left it, in order (function calls included). */
  before: readonly ChatItem[];
  /** The ids the reconnect burst will re-create, in order (§5.3). */
  kept: readonly string[];
  /** A `conversation.item.create` of `item` after `previousItemId`, as the session builds one. */
  create(item: ChatItem, previousItemId: string): ClientEvent;
}

/**
 * Rebases the events still queued when a socket ends onto the conversation its reconnect
 * burst re-creates (beyond the reference; R2.7 sends them after the burst as they are). They
 * were computed against the old mirror, so they may name items the burst leaves out (§5.3:
 * function calls, instructions, empty messages), which the server answers with `item_not_found`.
 * Walking the queue in order over the conversation they will meet:
 * - a create after an item that is not there goes after the nearest earlier item of the old
 *   mirror that is, or at `root`; after an item the old mirror never had either (a create the
 *   ended socket never answered), at the tail;
 * - a `function_call_output` whose call is not there is preceded by a create of that call, so
 *   the output still answers a call the model can see;
 * - a delete of an item that is not there is dropped;
 * - an audio truncate is dropped: the burst re-creates messages as text, so no item the new
 *   socket will have has an audio part to cut (the server refuses it with `invalid_value`).
 * Every other event is kept as it is, in its place.
 */
export function rebaseQueued(events: readonly ClientEvent[], input: RebaseInput): ClientEvent[] {
  const conv = [...input.kept];
  const order = input.before.map((i) => i.id);
  const tail = (): string => conv[conv.length - 1] ?? 'root';
  const anchor = (previous: string): string => {
    // Not in the old mirror either: a create the ended socket never got answered, most likely
    // the latest append, so the item stays an append.
    if (!order.includes(previous)) return tail();
    for (let i = order.indexOf(previous); i >= 0; i--) if (conv.includes(order[i]!)) return order[i]!;
    return 'root';
  };
  const place = (id: string, previous: string | null | undefined): void => {
    remove(conv, id);
    if (previous === 'root') conv.unshift(id);
    else if (typeof previous === 'string' && conv.includes(previous)) conv.splice(conv.indexOf(previous) + 1, 0, id);
    else conv.push(id);
  };
  const out: ClientEvent[] = [];
  for (const event of events) {
    // The burst re-creates messages as text, so no item the new socket will have carries
    // audio: an audio truncate there is always refused.
    if (event.type === 'conversation.item.truncate') continue;
    if (event.type === 'conversation.item.delete') {
      if (!conv.includes(event.item_id)) continue;
      remove(conv, event.item_id);
      out.push(event);
      continue;
    }
    if (event.type !== 'conversation.item.create' || typeof event.item.id !== 'string') {
      out.push(event);
      continue;
    }
    let previous = event.previous_item_id;
    if (typeof previous === 'string' && previous !== 'root' && !conv.includes(previous)) previous = anchor(previous);
    const item = event.item as { type?: unknown; call_id?: unknown };
    const call =
      item.type === 'function_call_output'
        ? input.before.find((i) => i.type === 'function_call' && i.callId === item.call_id && !conv.includes(i.id))
        : undefined;
    if (call) {
      const callPrevious = typeof previous === 'string' ? previous : tail();
      out.push(input.create(call, callPrevious));
      place(call.id, callPrevious);
      previous = call.id;
    }
    place(event.item.id, previous);
    out.push(previous === event.previous_item_id ? event : { ...event, previous_item_id: previous });
  }
  return out;
}

/**
 * The requests in `events` whose answer can still come: `response.create` and `say` event ids,
 * the ids of items created and deleted. Their calls stay pending when a socket ends.
 */
export function stillQueued(events: readonly ClientEvent[]): StillQueued {
  const eventIds = new Set<string>();
  const creates = new Set<string>();
  const deletes = new Set<string>();
  for (const event of events) {
    if (event.event_id !== undefined) eventIds.add(event.event_id);
    if (event.type === 'conversation.item.create' && typeof event.item.id === 'string') creates.add(event.item.id);
    if (event.type === 'conversation.item.delete') deletes.add(event.item_id);
  }
  return { eventIds, creates, deletes };
}

function remove(list: string[], id: string): void {
  const at = list.indexOf(id);
  if (at >= 0) list.splice(at, 1);
}
