/**
 * Conversation items as created by the client (reference §2.5) and echoed by the server in
 * `conversation.item.added` / `response.output_item.*` (§3 notes), where `object` and
 * `status` are added. The types are inferred from the schemas in `shared-schemas.ts`.
 *
 * The parser lets items and content parts of other types through untouched (xAI sends
 * `force_message`, MCP items…), so code that switches on `item.type` keeps a default branch.
 */
import type { z } from 'zod';
import type { contentPartSchema, itemSchema } from './shared-schemas.js';

/** Any content part of a message item. */
export type ContentPart = z.infer<typeof contentPartSchema>;

/** User text. */
export type InputTextPart = Extract<ContentPart, { type: 'input_text' }>;
/**
 * User audio (`audio` is base64 PCM16, absent in server echoes); `transcript` is always present
 * (maybe `null`) when the plugin sends it.
 */
export type InputAudioPart = Extract<ContentPart, { type: 'input_audio' }>;
/** User image as a data URL. */
export type InputImagePart = Extract<ContentPart, { type: 'input_image' }>;
/** Assistant text. */
export type OutputTextPart = Extract<ContentPart, { type: 'output_text' }>;
/** Assistant audio; the server fills `transcript`. */
export type OutputAudioPart = Extract<ContentPart, { type: 'output_audio' }>;
/** Beta name of a text part. */
export type TextPart = Extract<ContentPart, { type: 'text' }>;
/** Beta name of an audio part. */
export type AudioPart = Extract<ContentPart, { type: 'audio' }>;

/** Any conversation item. */
export type ConversationItem = z.infer<typeof itemSchema>;

/** A message. */
export type MessageItem = Extract<ConversationItem, { type: 'message' }>;
/** A model's request to call a tool. `arguments` is a JSON string, `""` while in progress. */
export type FunctionCallItem = Extract<ConversationItem, { type: 'function_call' }>;
/** The result of a tool call. */
export type FunctionCallOutputItem = Extract<ConversationItem, { type: 'function_call_output' }>;

/** Lifecycle of a server item. */
export type ItemStatus = NonNullable<MessageItem['status']>;

/** Who speaks a message. Developer messages are sent as `system` (reference §2.5). */
export type MessageRole = MessageItem['role'];

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
