/**
 * The server's conversation: items in order, with OpenAI's `previous_item_id` rules
 * (`"root"` = first, absent or `null` = last, an unknown id is an error).
 */
import type { ConversationItem } from '../protocol/index.js';
import type { RequestError } from './request-error.js';
import { requestError } from './request-error.js';

/** Where an item landed: the id of the item before it, `null` at the head. */
export type InsertResult = { ok: true; previousItemId: string | null } | { ok: false; error: RequestError };

/** The ordered items of one conversation. */
export class Conversation {
  private list: ConversationItem[] = [];
  /** Milliseconds of audio behind each item (user input or assistant output). */
  private readonly audio = new Map<string, number>();

  constructor(readonly id: string) {}

  /** The items in order. */
  items(): readonly ConversationItem[] {
    return this.list;
  }

  /** The item with this id. */
  get(id: string): ConversationItem | undefined {
    return this.list.find((i) => i.id === id);
  }

  /** The last item, if any. */
  last(): ConversationItem | undefined {
    return this.list[this.list.length - 1];
  }

  /** Id of the item before `id`, `null` for the first. */
  previousOf(id: string): string | null {
    const at = this.list.findIndex((i) => i.id === id);
    return at > 0 ? (this.list[at - 1]?.id ?? null) : null;
  }

  /** Inserts an item that has an id. */
  insert(item: ConversationItem & { id: string }, previousItemId: string | null | undefined): InsertResult {
    if (this.get(item.id)) {
      return {
        ok: false,
        error: requestError(
          'item_already_exists',
          `Item with id '${item.id}' already exists in the conversation.`,
          'item.id',
        ),
      };
    }
    let at: number;
    if (previousItemId === undefined || previousItemId === null) at = this.list.length;
    else if (previousItemId === 'root') at = 0;
    else {
      const prev = this.list.findIndex((i) => i.id === previousItemId);
      if (prev < 0) {
        return {
          ok: false,
          error: requestError(
            'item_not_found',
            `Invalid 'previous_item_id': no item with id '${previousItemId}' in the conversation.`,
            'previous_item_id',
          ),
        };
      }
      at = prev + 1;
    }
    this.list.splice(at, 0, item);
    return { ok: true, previousItemId: at > 0 ? (this.list[at - 1]?.id ?? null) : null };
  }

  /** Replaces an item in place (same id), e.g. when a response finishes it. */
  replace(item: ConversationItem & { id: string }): void {
    const at = this.list.findIndex((i) => i.id === item.id);
    if (at >= 0) this.list[at] = item;
  }

  /** Deletes an item; an unknown id is an error. */
  delete(id: string): RequestError | undefined {
    const at = this.list.findIndex((i) => i.id === id);
    if (at < 0)
      return requestError(
        'item_not_found',
        `Invalid 'item_id': no item with id '${id}' in the conversation.`,
        'item_id',
      );
    this.list.splice(at, 1);
    this.audio.delete(id);
    return undefined;
  }

  /** Records how much audio an item carries. */
  setAudioMs(id: string, ms: number): void {
    this.audio.set(id, ms);
  }

  /** Milliseconds of audio of an item (0 when none). */
  audioMs(id: string): number {
    return this.audio.get(id) ?? 0;
  }

  /** Copies items and audio lengths from a stored conversation (resumption). */
  restore(items: readonly ConversationItem[], audio: ReadonlyMap<string, number>): void {
    this.list = [...items];
    for (const [id, ms] of audio) this.audio.set(id, ms);
  }

  /** Audio lengths by item id (for resumption). */
  audioLengths(): ReadonlyMap<string, number> {
    return this.audio;
  }
}
