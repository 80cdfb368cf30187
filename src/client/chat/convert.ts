import {
  encodePcm16,
  isPlainObject,
  RtSimError,
  type ContentPart,
  type ConversationItem,
} from '../../protocol/index.js';
import {
  ChatMessage,
  FunctionCall,
  FunctionCallOutput,
  type ChatContent,
  type ChatItem,
  type ChatRole,
  type AudioContent,
} from './chat-context.js';

/**
 * A conversation item as `conversation.item.create` carries it (reference §2.5): the protocol's
 * `ConversationItem`, with the id always set.
 */
export type WireItem = ConversationItem & { id: string };

/** Options of {@link toWireItem}. */
export interface ToWireOptions {
  /** Told about content left out (external image URLs), as the reference logs a warning. */
  onSkip?: (reason: string) => void;
}

/**
 * Converts a chat item to its wire shape (reference §2.5): system and developer messages
 * become `system` with `input_text` parts, assistant messages `output_text` parts (only
 * string parts in both); user parts map in order to `input_text`, `input_image` (data URLs
 * only; external URLs are skipped) and `input_audio` (base64 of the frames' PCM concatenated,
 * expected 24 kHz mono, with `transcript` always present, null when absent).
 */
export function toWireItem(item: ChatItem, opts: ToWireOptions = {}): WireItem {
  switch (item.type) {
    case 'function_call':
      return { id: item.id, type: 'function_call', call_id: item.callId, name: item.name, arguments: item.args };
    case 'function_call_output':
      return { id: item.id, type: 'function_call_output', call_id: item.callId, output: item.output };
    case 'message':
      return messageToWire(item, opts);
  }
}

function messageToWire(item: ChatMessage, opts: ToWireOptions): WireItem {
  const strings = item.content.filter((c): c is string => typeof c === 'string');
  if (item.role === 'system' || item.role === 'developer') {
    return {
      id: item.id,
      type: 'message',
      role: 'system',
      content: strings.map((text) => ({ type: 'input_text', text })),
    };
  }
  if (item.role === 'assistant') {
    return {
      id: item.id,
      type: 'message',
      role: 'assistant',
      content: strings.map((text) => ({ type: 'output_text', text })),
    };
  }
  const content: ContentPart[] = [];
  for (const part of item.content) {
    if (typeof part === 'string') {
      content.push({ type: 'input_text', text: part });
    } else if (part.type === 'image_content') {
      if (part.image.startsWith('data:')) content.push({ type: 'input_image', image_url: part.image });
      else opts.onSkip?.(`item ${item.id}: external image URL skipped; only data: URLs are sent`);
    } else {
      content.push({ type: 'input_audio', audio: audioBase64(part), transcript: part.transcript ?? null });
    }
  }
  return { id: item.id, type: 'message', role: 'user', content };
}

function audioBase64(part: AudioContent): string {
  const all = new Int16Array(part.frames.reduce((n, f) => n + f.data.length, 0));
  let at = 0;
  for (const f of part.frames) {
    all.set(f.data, at);
    at += f.data.length;
  }
  return encodePcm16(all);
}

/**
 * Converts a server item (`conversation.item.added`) to a chat item (reference §7).
 * Messages keep: system/developer and assistant → each part's non-empty `text` (assistant
 * `output_audio` transcripts contribute nothing; handlers append them later); user →
 * `input_text` text, `input_image` URL as image content, `input_audio` transcript when present.
 *
 * @throws RtSimError `RTSIM_CHAT_UNSUPPORTED_ITEM` for another item type (e.g. xAI
 *   `force_message`; the reference warns and still resolves the create future), and
 *   `RTSIM_CHAT_BAD_ITEM` for a known type with missing fields (the reference's failed
 *   assert: the future is not resolved).
 */
export function fromWireItem(item: unknown): ChatItem {
  if (!isPlainObject(item)) throw bad(`expected an object, got ${item === null ? 'null' : typeof item}`);
  const type = item['type'];
  if (type !== 'message' && type !== 'function_call' && type !== 'function_call_output') {
    throw new RtSimError(
      'RTSIM_CHAT_UNSUPPORTED_ITEM',
      `conversation item: type must be message, function_call or function_call_output, got ${JSON.stringify(type)}`,
      { type, id: item['id'] },
    );
  }
  const id = requireString(item, 'id', type);
  if (type === 'function_call') {
    return new FunctionCall({
      id,
      callId: requireString(item, 'call_id', type),
      name: requireString(item, 'name', type),
      args: requireString(item, 'arguments', type),
    });
  }
  if (type === 'function_call_output') {
    return new FunctionCallOutput({
      id,
      callId: requireString(item, 'call_id', type),
      output: requireString(item, 'output', type),
      name: '',
      isError: false,
    });
  }
  const role = item['role'];
  if (role !== 'user' && role !== 'assistant' && role !== 'system' && role !== 'developer') {
    throw bad(`message ${id}: field "role" must be user, assistant, system or developer, got ${JSON.stringify(role)}`);
  }
  const parts = item['content'] ?? [];
  if (!Array.isArray(parts)) throw bad(`message ${id}: field "content" must be an array, got ${typeof parts}`);
  return new ChatMessage({ id, role, content: contentFromWire(role, parts) });
}

function contentFromWire(role: ChatRole, parts: unknown[]): ChatContent[] {
  const content: ChatContent[] = [];
  for (const part of parts) {
    if (!isPlainObject(part)) continue;
    if (role !== 'user') {
      const text = part['text'];
      if (typeof text === 'string' && text.length > 0) content.push(text);
      continue;
    }
    switch (part['type']) {
      case 'input_text':
      case 'text': {
        const text = part['text'];
        if (typeof text === 'string') content.push(text);
        break;
      }
      case 'input_image': {
        const url = part['image_url'];
        if (typeof url === 'string') {
          const mime = /^data:([^;,]+)[;,]/.exec(url)?.[1];
          content.push({ type: 'image_content', image: url, ...(mime !== undefined ? { mimeType: mime } : {}) });
        }
        break;
      }
      case 'input_audio': {
        const transcript = part['transcript'];
        if (typeof transcript === 'string') content.push(transcript);
        break;
      }
      default:
        break;
    }
  }
  return content;
}

function requireString(item: Record<string, unknown>, field: string, type: string): string {
  const value = item[field];
  if (typeof value !== 'string') {
    throw bad(`${type}: field "${field}" must be a string, got ${value === null ? 'null' : typeof value}`);
  }
  return value;
}

function bad(message: string): RtSimError {
  return new RtSimError('RTSIM_CHAT_BAD_ITEM', `conversation item: ${message}`);
}
