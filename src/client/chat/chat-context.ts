import type { AudioFrame } from '../audio/index.js';
import { createSequentialIdSource, RtSimError, type IdSource } from '../../protocol/index.js';

/**
 * Ids for contexts built without an id source: one process-wide counter (`item_000000000001`,
 * …), unique and free of randomness. Sessions pass their seeded source instead.
 */
const fallbackIds: IdSource = createSequentialIdSource();

/** Who speaks a message. `developer` is sent to the server as `system` (reference §2.5). */
export type ChatRole = 'user' | 'assistant' | 'system' | 'developer';

/** An image in a message: a `data:` URL (sent) or an external URL (skipped when sent, §2.5). */
export interface ImageContent {
  type: 'image_content';
  /** `data:<mime>;base64,<b64>` or an `http(s)` URL. */
  image: string;
  mimeType?: string;
}

/** Audio in a user message: 24 kHz mono PCM16 frames, sent concatenated (§2.5). */
export interface AudioContent {
  type: 'audio_content';
  frames: AudioFrame[];
  transcript?: string;
}

/** One part of a message. */
export type ChatContent = string | ImageContent | AudioContent;

/** A message item (agents-js `ChatMessage`). */
export class ChatMessage {
  readonly type = 'message' as const;
  readonly id: string;
  role: ChatRole;
  /** Mutable on purpose: handlers append transcripts to mirror items in place (§6.2). */
  content: ChatContent[];
  /** Clock time (ms) the item was made, when the maker had a clock. */
  createdAt?: number;

  constructor(init: { id: string; role: ChatRole; content: ChatContent[]; createdAt?: number }) {
    this.id = init.id;
    this.role = init.role;
    this.content = init.content;
    if (init.createdAt !== undefined) this.createdAt = init.createdAt;
  }

  /** The string parts joined with `"\n"`; undefined when there is none (§6.1 `text_content`). */
  get textContent(): string | undefined {
    const texts = this.content.filter((c): c is string => typeof c === 'string');
    return texts.length === 0 ? undefined : texts.join('\n');
  }
}

/** A model's request to call a tool. `args` is the JSON text the model produced. */
export class FunctionCall {
  readonly type = 'function_call' as const;
  readonly id: string;
  callId: string;
  name: string;
  args: string;
  createdAt?: number;

  constructor(init: { id: string; callId: string; name: string; args: string; createdAt?: number }) {
    this.id = init.id;
    this.callId = init.callId;
    this.name = init.name;
    this.args = init.args;
    if (init.createdAt !== undefined) this.createdAt = init.createdAt;
  }
}

/** The result of a tool call. `name` is `""` when it came from the server (§7). */
export class FunctionCallOutput {
  readonly type = 'function_call_output' as const;
  readonly id: string;
  callId: string;
  name: string;
  output: string;
  isError: boolean;
  createdAt?: number;

  constructor(init: {
    id: string;
    callId: string;
    name?: string;
    output: string;
    isError?: boolean;
    createdAt?: number;
  }) {
    this.id = init.id;
    this.callId = init.callId;
    this.name = init.name ?? '';
    this.output = init.output;
    this.isError = init.isError ?? false;
    if (init.createdAt !== undefined) this.createdAt = init.createdAt;
  }
}

/** Any item of a chat context. */
export type ChatItem = ChatMessage | FunctionCall | FunctionCallOutput;

/** Filters of {@link ChatContext.copy}. */
export interface ChatContextCopyOptions {
  /** Leave out function calls and their outputs. */
  excludeFunctionCall?: boolean;
  /** Leave out system and developer messages. */
  excludeInstructions?: boolean;
  /** Leave out messages with no content parts. */
  excludeEmptyMessage?: boolean;
}

/** Filters of {@link ChatContext.toJSON}. */
export interface ChatContextJSONOptions {
  excludeTimestamp?: boolean;
  excludeImage?: boolean;
  excludeAudio?: boolean;
  excludeFunctionCall?: boolean;
}

/** JSON form of a content part: audio is summarised (frame shapes, no samples). */
export type ChatContentJSON =
  | string
  | { type: 'image_content'; image: string; mimeType?: string }
  | {
      type: 'audio_content';
      transcript: string | null;
      frames: { sampleRate: number; numChannels: number; samplesPerChannel: number }[];
    };

/** JSON form of an item. */
export type ChatItemJSON =
  | { type: 'message'; id: string; role: ChatRole; content: ChatContentJSON[]; createdAt?: number }
  | { type: 'function_call'; id: string; callId: string; name: string; args: string; createdAt?: number }
  | {
      type: 'function_call_output';
      id: string;
      callId: string;
      name: string;
      output: string;
      isError: boolean;
      createdAt?: number;
    };

/** JSON form of a chat context (goldens record it). */
export interface ChatContextJSON {
  items: ChatItemJSON[];
}

/**
 * An ordered conversation (agents-js `ChatContext`). Ids are unique within a context: the
 * chat-context diff (§6.1) compares items by id.
 */
export class ChatContext {
  /** The items in order. Mutable; keep ids unique. */
  items: ChatItem[];
  private readonly ids: IdSource;

  /**
   * @param ids where new item ids come from (`item_` + 12 hex); defaults to a process-wide
   *   counter. Sessions pass their seeded source so runs are reproducible.
   * @throws RtSimError `RTSIM_CHAT_DUPLICATE_ID` when two items share an id.
   */
  constructor(items: ChatItem[] = [], ids: IdSource = fallbackIds) {
    this.ids = ids;
    const seen = new Set<string>();
    for (const item of items) {
      if (seen.has(item.id)) throw duplicateId(item.id);
      seen.add(item.id);
    }
    this.items = [...items];
  }

  /** An empty context. */
  static empty(ids?: IdSource): ChatContext {
    return new ChatContext([], ids);
  }

  /** Appends a message (in `createdAt` order when given, like {@link insert}) and returns it. */
  addMessage(init: {
    role: ChatRole;
    content: ChatContent | ChatContent[];
    id?: string;
    createdAt?: number;
  }): ChatMessage {
    const message = new ChatMessage({
      id: init.id ?? this.ids.next('item_'),
      role: init.role,
      content: Array.isArray(init.content) ? init.content : [init.content],
      ...(init.createdAt !== undefined ? { createdAt: init.createdAt } : {}),
    });
    this.insert(message);
    return message;
  }

  /**
   * Adds items. An item with `createdAt` goes after the last item made at or before it (items
   * without a time count as earlier); an item without `createdAt` is appended.
   *
   * @throws RtSimError `RTSIM_CHAT_DUPLICATE_ID` when an id is already present.
   */
  insert(item: ChatItem | ChatItem[]): void {
    for (const it of Array.isArray(item) ? item : [item]) {
      this.assertNewId(it.id);
      const at = it.createdAt;
      if (at === undefined) {
        this.items.push(it);
        continue;
      }
      let index = this.items.length;
      while (index > 0) {
        const before = this.items[index - 1]?.createdAt;
        if (before === undefined || before <= at) break;
        index--;
      }
      this.items.splice(index, 0, it);
    }
  }

  /** The item with this id, if any. */
  getById(id: string): ChatItem | undefined {
    return this.items.find((it) => it.id === id);
  }

  /** Position of the item with this id, or -1. */
  indexById(id: string): number {
    return this.items.findIndex((it) => it.id === id);
  }

  /** A new context over the same item objects (shallow), optionally filtered. */
  copy(opts: ChatContextCopyOptions = {}): ChatContext {
    const items = this.items.filter((it) => {
      if (opts.excludeFunctionCall && (it.type === 'function_call' || it.type === 'function_call_output')) return false;
      if (it.type === 'message') {
        if (opts.excludeInstructions && (it.role === 'system' || it.role === 'developer')) return false;
        if (opts.excludeEmptyMessage && it.content.length === 0) return false;
      }
      return true;
    });
    return new ChatContext(items, this.ids);
  }

  /** Plain JSON of the items, with audio summarised as frame shapes. */
  toJSON(opts: ChatContextJSONOptions = {}): ChatContextJSON {
    const items: ChatItemJSON[] = [];
    for (const it of this.items) {
      const time = !opts.excludeTimestamp && it.createdAt !== undefined ? { createdAt: it.createdAt } : {};
      if (it.type === 'message') {
        const content: ChatContentJSON[] = [];
        for (const c of it.content) {
          if (typeof c === 'string') content.push(c);
          else if (c.type === 'image_content') {
            if (!opts.excludeImage)
              content.push({
                type: 'image_content',
                image: c.image,
                ...(c.mimeType !== undefined ? { mimeType: c.mimeType } : {}),
              });
          } else if (!opts.excludeAudio) {
            content.push({
              type: 'audio_content',
              transcript: c.transcript ?? null,
              frames: c.frames.map((f) => ({
                sampleRate: f.sampleRate,
                numChannels: f.numChannels,
                samplesPerChannel: f.samplesPerChannel,
              })),
            });
          }
        }
        items.push({ type: 'message', id: it.id, role: it.role, content, ...time });
      } else if (opts.excludeFunctionCall) {
      } else if (it.type === 'function_call') {
        items.push({ type: 'function_call', id: it.id, callId: it.callId, name: it.name, args: it.args, ...time });
      } else {
        items.push({
          type: 'function_call_output',
          id: it.id,
          callId: it.callId,
          name: it.name,
          output: it.output,
          isError: it.isError,
          ...time,
        });
      }
    }
    return { items };
  }

  private assertNewId(id: string): void {
    if (this.items.some((it) => it.id === id)) throw duplicateId(id);
  }
}

function duplicateId(id: string): RtSimError {
  return new RtSimError(
    'RTSIM_CHAT_DUPLICATE_ID',
    `chat context: item ids must be unique, got a second item with id "${id}"`,
    { id },
  );
}
