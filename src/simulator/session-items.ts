/**
 * The conversation item family of a session (reference §4.3): `conversation.item.create`,
 * `delete` and `truncate`, the `mcp_list_tools` items a newly declared mcp server gets, and
 * the items of a resumed conversation replayed to the new connection.
 */
import type { ConversationItem, ToolDefinition } from '../protocol/index.js';
import { bytesPerSample, formatRate } from './audio-format.js';
import { checkItemContent } from './content-check.js';
import { requestError } from './request-error.js';
import type { StoredConversation } from './resumption.js';
import type { ServerToolItem } from './server-tools.js';
import { listMcpTools } from './server-tools.js';
import type { SessionCore } from './session-host.js';
import { truncateRefusal } from './truncate-refusal.js';

/** What the item family needs from its session. */
export type ItemsHost = Pick<SessionCore, 'ids' | 'server' | 'conversation' | 'state' | 'emit' | 'refuse'> & {
  /** xAI's `force_message` item: not stored, spoken as a response. */
  forceMessage(item: Record<string, unknown>, eventId: string | undefined): void;
};

/** The conversation items of one session, as the client edits them. */
export class SessionItems {
  constructor(private readonly host: ItemsHost) {}

  /** `conversation.item.create`: stores a message or function call item, input audio measured and not echoed. */
  create(
    item: ConversationItem | { type: string },
    previousItemId: string | null | undefined,
    eventId: string | undefined,
  ): void {
    const host = this.host;
    if (item.type === 'force_message') return host.forceMessage(item as Record<string, unknown>, eventId);
    if (item.type !== 'message' && item.type !== 'function_call' && item.type !== 'function_call_output') {
      return host.refuse(
        requestError('invalid_value', `Invalid 'item.type': '${item.type}' is not a supported item type.`, 'item.type'),
        eventId,
      );
    }
    const known = item as ConversationItem;
    const badContent = checkItemContent(known);
    if (badContent) return host.refuse(badContent, eventId);
    let audioMs = 0;
    const stored = structuredClone(known) as ConversationItem & { id: string };
    stored.id = known.id ?? host.ids.next('item_');
    stored.object = 'realtime.item';
    stored.status = 'completed';
    if (stored.type === 'message') {
      const format = host.state().inputFormat;
      for (const part of stored.content) {
        if (part.type === 'input_audio' && part.audio !== undefined) {
          const bytes = Buffer.from(part.audio, 'base64').length;
          audioMs += (Math.floor(bytes / bytesPerSample(format)) * 1000) / formatRate(format);
          // The service does not echo audio bytes back.
          delete part.audio;
        }
      }
    }
    const placed = host.conversation.insert(stored, previousItemId);
    if (!placed.ok) return host.refuse(placed.error, eventId);
    if (audioMs > 0) host.conversation.setAudioMs(stored.id, Math.round(audioMs));
    const previous = host.server.xaiQuirks?.nullPreviousItemId ? null : placed.previousItemId;
    host.emit({ type: 'conversation.item.added', previous_item_id: previous, item: structuredClone(stored) });
  }

  /** `conversation.item.delete`. */
  delete(itemId: string, eventId: string | undefined): void {
    const error = this.host.conversation.delete(itemId);
    if (error) return this.host.refuse(error, eventId);
    this.host.emit({
      type: 'conversation.item.deleted',
      item_id: this.host.server.xaiQuirks?.emptyDeletedItemId ? '' : itemId,
    });
  }

  /** `conversation.item.truncate`: shortens an assistant message's audio to what the user heard. */
  truncate(itemId: string, contentIndex: number, audioEndMs: number, eventId: string | undefined): void {
    const host = this.host;
    const item = host.conversation.get(itemId);
    if (!item)
      return host.refuse(
        requestError(
          'item_not_found',
          `Invalid 'item_id': no item with id '${itemId}' in the conversation.`,
          'item_id',
        ),
        eventId,
      );
    if (item.type !== 'message' || item.role !== 'assistant') {
      return host.refuse(
        requestError(
          'invalid_value',
          `Invalid 'item_id': only assistant messages can be truncated, '${itemId}' is not one.`,
          'item_id',
        ),
        eventId,
      );
    }
    const part = item.content[contentIndex];
    if (!part || (part.type !== 'output_audio' && part.type !== 'audio')) {
      return host.refuse(
        requestError(
          'invalid_value',
          `Invalid 'content_index': item '${itemId}' has no audio part at index ${contentIndex}.`,
          'content_index',
        ),
        eventId,
      );
    }
    if (host.server.refuseTruncate) return host.emit(truncateRefusal(audioEndMs));
    const audioMs = host.conversation.audioMs(itemId);
    if (audioEndMs > audioMs) {
      return host.refuse(
        requestError(
          'invalid_value',
          `Invalid 'audio_end_ms': ${audioEndMs} ms is longer than the item's ${audioMs} ms of audio.`,
          'audio_end_ms',
        ),
        eventId,
      );
    }
    host.conversation.setAudioMs(itemId, audioEndMs);
    host.emit({
      type: 'conversation.item.truncated',
      item_id: itemId,
      content_index: contentIndex,
      audio_end_ms: audioEndMs,
    });
  }

  /** An mcp tool the session newly declares gets its `mcp_list_tools` item (OpenAI Realtime; xAI 2026). */
  listNewMcpServers(before: readonly ToolDefinition[]): void {
    const host = this.host;
    const labelOf = (t: ToolDefinition): unknown => (t as { server_label?: unknown }).server_label;
    const known = new Set(before.filter((t) => t.type === 'mcp').map(labelOf));
    for (const tool of host.state().tools) {
      if (tool.type !== 'mcp' || known.has(labelOf(tool))) continue;
      known.add(labelOf(tool));
      const label = String(labelOf(tool) ?? '');
      listMcpTools(tool, host.server.mcpTools?.[label] ?? [], {
        ids: host.ids,
        emit: (e) => host.emit(e),
        added: (item) => {
          const placed = host.conversation.insert(asItem(item), undefined);
          const previous = placed.ok && !host.server.xaiQuirks?.nullPreviousItemId ? placed.previousItemId : null;
          host.emit({ type: 'conversation.item.added', previous_item_id: previous, item: asItem(item) });
        },
        done: (item) => {
          host.conversation.replace(asItem(item));
          host.emit({ type: 'conversation.item.done', item: asItem(item) });
        },
      });
    }
  }

  /** What resumption keeps of the conversation when the connection ends. */
  snapshot(endedAt: number): StoredConversation {
    const conversation = this.host.conversation;
    return { items: structuredClone([...conversation.items()]), audio: new Map(conversation.audioLengths()), endedAt };
  }

  /** Replays a resumed conversation's items before any live traffic of the new connection. */
  replayHistory(stored: StoredConversation): void {
    const host = this.host;
    const live = [...host.conversation.items()];
    host.conversation.restore([...stored.items, ...live], stored.audio);
    let previous: string | null = null;
    for (const item of stored.items) {
      host.emit({
        type: 'conversation.item.added',
        previous_item_id: host.server.xaiQuirks?.nullPreviousItemId ? null : previous,
        item: structuredClone(item),
      });
      previous = item.id ?? null;
    }
  }
}

/** Provider-tool items travel where conversation items do; the catalogue lets their type through. */
function asItem(item: ServerToolItem): ConversationItem & { id: string } {
  return structuredClone(item) as unknown as ConversationItem & { id: string };
}
