import { RtSimError, type IdSource } from '../../protocol/index.js';
import { ChatContext, type ChatItem } from './chat-context.js';

interface Node {
  item: ChatItem;
  prev: Node | null;
  next: Node | null;
}

/** The `previous_item_id` that means "first in the conversation" on the server side. */
export const ROOT_ITEM_ID = 'root';

/**
 * The client's mirror of the server conversation (reference §6.2): a doubly linked list of the
 * server's items plus an id map, updated from `conversation.item.added` / `.deleted`.
 *
 * rt-sim fix of §8.3: a null or undefined `previousItemId` appends after the current tail (xAI
 * sends null for every item, and the reference inserted each at the head, reversing the
 * mirror); the explicit `"root"` inserts at the head, as it means on the server.
 */
export class RemoteChatContext {
  private head: Node | null = null;
  private tail: Node | null = null;
  private readonly byId = new Map<string, Node>();

  /**
   * Links `item` after `previousItemId`: null/undefined → after the tail, `"root"` → at the head.
   *
   * @throws RtSimError `RTSIM_CHAT_DUPLICATE_ID` when the id is already present;
   *   `RTSIM_CHAT_UNKNOWN_PREVIOUS` when `previousItemId` is not in the mirror.
   */
  insert(previousItemId: string | null | undefined, item: ChatItem): void {
    if (this.byId.has(item.id)) {
      throw new RtSimError(
        'RTSIM_CHAT_DUPLICATE_ID',
        `remote chat context: item "${item.id}" already exists; expected a new id`,
        {
          id: item.id,
        },
      );
    }
    let prev: Node | null;
    if (previousItemId === null || previousItemId === undefined) {
      prev = this.tail;
    } else if (previousItemId === ROOT_ITEM_ID) {
      prev = null;
    } else {
      const found = this.byId.get(previousItemId);
      if (!found) {
        throw new RtSimError(
          'RTSIM_CHAT_UNKNOWN_PREVIOUS',
          `remote chat context: previous_item_id "${previousItemId}" of item "${item.id}" is not in the ` +
            `mirror; expected null, "root" or a known id`,
          { id: item.id, previousItemId },
        );
      }
      prev = found;
    }
    const next = prev ? prev.next : this.head;
    const node: Node = { item, prev, next };
    if (prev) prev.next = node;
    else this.head = node;
    if (next) next.prev = node;
    else this.tail = node;
    this.byId.set(item.id, node);
  }

  /**
   * Unlinks the item.
   *
   * @throws RtSimError `RTSIM_CHAT_UNKNOWN_ITEM` when the id is not in the mirror.
   */
  delete(itemId: string): void {
    const node = this.byId.get(itemId);
    if (!node) {
      throw new RtSimError(
        'RTSIM_CHAT_UNKNOWN_ITEM',
        `remote chat context: cannot delete item "${itemId}": it is not in the mirror`,
        {
          id: itemId,
        },
      );
    }
    if (node.prev) node.prev.next = node.next;
    else this.head = node.next;
    if (node.next) node.next.prev = node.prev;
    else this.tail = node.prev;
    this.byId.delete(itemId);
  }

  /** The item with this id (the live object: handlers mutate it in place), if any. */
  get(itemId: string): ChatItem | undefined {
    return this.byId.get(itemId)?.item;
  }

  /** True when the id is in the mirror. */
  has(itemId: string): boolean {
    return this.byId.has(itemId);
  }

  /** The id of the item before this one: null for the first, undefined when the id is unknown. */
  previousId(itemId: string): string | null | undefined {
    const node = this.byId.get(itemId);
    if (!node) return undefined;
    return node.prev ? node.prev.item.id : null;
  }

  /** The items from head to tail (the same objects). */
  get items(): ChatItem[] {
    const out: ChatItem[] = [];
    for (let n = this.head; n; n = n.next) out.push(n.item);
    return out;
  }

  /** Number of items. */
  get size(): number {
    return this.byId.size;
  }

  /** A ChatContext over the same item objects, in order. */
  toChatContext(ids?: IdSource): ChatContext {
    return new ChatContext(this.items, ids);
  }
}
