/**
 * Conversation items as created by the client (reference §2.5) and echoed by the server in
 * `conversation.item.added` / `response.output_item.*` (§3 notes), where `object` and
 * `status` are added.
 *
 * The parser lets items and content parts of other types through untouched (xAI sends
 * `force_message`, MCP items…), so code that switches on `item.type` keeps a default branch.
 */

/** User text. */
export interface InputTextPart {
  type: 'input_text';
  text: string;
}

/** User audio; `transcript` is always present (maybe `null`) when the plugin sends it. */
export interface InputAudioPart {
  type: 'input_audio';
  /** Base64 PCM16; absent in server echoes. */
  audio?: string;
  transcript?: string | null;
}

/** User image as a data URL. */
export interface InputImagePart {
  type: 'input_image';
  image_url: string;
  detail?: 'auto' | 'low' | 'high';
}

/** Assistant text. */
export interface OutputTextPart {
  type: 'output_text';
  text: string;
}

/** Assistant audio; the server fills `transcript`. */
export interface OutputAudioPart {
  type: 'output_audio';
  audio?: string;
  transcript?: string | null;
}

/** Beta name of a text part. */
export interface TextPart {
  type: 'text';
  text: string;
}

/** Beta name of an audio part. */
export interface AudioPart {
  type: 'audio';
  audio?: string;
  transcript?: string | null;
}

/** Any content part of a message item. */
export type ContentPart =
  | InputTextPart
  | InputAudioPart
  | InputImagePart
  | OutputTextPart
  | OutputAudioPart
  | TextPart
  | AudioPart;

/** Lifecycle of a server item. */
export type ItemStatus = 'completed' | 'incomplete' | 'in_progress';

/** Who speaks a message. Developer messages are sent as `system` (reference §2.5). */
export type MessageRole = 'user' | 'assistant' | 'system';

interface ItemBase {
  /** Always set by the plugin (`item_<12hex>`) and by the server; optional on the wire. */
  id?: string;
  object?: 'realtime.item';
  status?: ItemStatus;
}

/** A message. */
export interface MessageItem extends ItemBase {
  type: 'message';
  role: MessageRole;
  content: ContentPart[];
}

/** A model's request to call a tool. `arguments` is a JSON string, `""` while in progress. */
export interface FunctionCallItem extends ItemBase {
  type: 'function_call';
  call_id: string;
  name: string;
  arguments: string;
}

/** The result of a tool call. */
export interface FunctionCallOutputItem extends ItemBase {
  type: 'function_call_output';
  call_id: string;
  output: string;
}

/** Any conversation item. */
export type ConversationItem = MessageItem | FunctionCallItem | FunctionCallOutputItem;

/** Item types the catalogue knows; others are passed through by the parser. */
export const ITEM_TYPES = [
  'message',
  'function_call',
  'function_call_output',
] as const satisfies readonly ConversationItem['type'][];

/** Content-part types the catalogue knows; others are passed through by the parser. */
export const CONTENT_PART_TYPES = [
  'input_text',
  'input_audio',
  'input_image',
  'output_text',
  'output_audio',
  'text',
  'audio',
] as const satisfies readonly ContentPart['type'][];
