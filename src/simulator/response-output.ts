/**
 * The output of one response: its items in output order, as `response.done` lists them, each
 * announced (`response.output_item.added` / `.done`) and placed in the conversation when the
 * response is in it.
 */
import type { ConversationItem } from '../protocol/index.js';
import type { XaiQuirks } from './config.js';
import type { Conversation } from './conversation.js';
import type { OutgoingEvent } from './outgoing.js';

/** An output item: every item a response makes has its id. */
export type OutputItem = ConversationItem & { id: string };

/** What the output needs from its session. */
export interface OutputHost {
  readonly conversation: Conversation;
  readonly quirks: XaiQuirks;
  emit(event: OutgoingEvent): void;
}

/** The output items of one response. */
export class ResponseOutput {
  private readonly items: OutputItem[] = [];

  constructor(
    private readonly host: OutputHost,
    private readonly responseId: string,
    private readonly inConversation: boolean,
  ) {}

  /** How many items the response has output so far. */
  get length(): number {
    return this.items.length;
  }

  /** The output index of the item `id`, -1 when it is not one. */
  indexOf(id: string): number {
    return this.items.findIndex((i) => i.id === id);
  }

  /** Announces a new item (and adds it to the conversation). */
  add(item: OutputItem): void {
    const outputIndex = this.items.length;
    this.items.push(item);
    this.host.emit({
      type: 'response.output_item.added',
      response_id: this.responseId,
      output_index: outputIndex,
      item: structuredClone(item),
    });
    if (!this.inConversation) return;
    const placed = this.host.conversation.insert(structuredClone(item), undefined);
    const previous = placed.ok && !this.host.quirks.nullPreviousItemId ? placed.previousItemId : null;
    this.host.emit({ type: 'conversation.item.added', previous_item_id: previous, item: structuredClone(item) });
  }

  /** Announces an item's final state (and records it in the conversation, with its audio length). */
  finish(item: OutputItem, audioMs: number): void {
    const outputIndex = this.indexOf(item.id);
    this.items[outputIndex] = item;
    this.host.emit({
      type: 'response.output_item.done',
      response_id: this.responseId,
      output_index: outputIndex,
      item: structuredClone(item),
    });
    if (!this.inConversation) return;
    this.host.conversation.replace(structuredClone(item));
    if (audioMs > 0) this.host.conversation.setAudioMs(item.id, audioMs);
  }

  /** Records an item's final state without announcing it. */
  settle(item: OutputItem, audioMs: number): void {
    this.items[this.indexOf(item.id)] = item;
    if (!this.inConversation) return;
    this.host.conversation.replace(structuredClone(item));
    if (audioMs > 0) this.host.conversation.setAudioMs(item.id, audioMs);
  }

  /** A copy of the items, for `response.done`. */
  snapshot(): OutputItem[] {
    return this.items.map((i) => structuredClone(i));
  }
}
