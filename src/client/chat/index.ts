/**
 * Chat model of the realtime client (reference §2.5, §6, §7; agents-js names): chat
 * contexts, the remote mirror, the chat-context diff, wire conversion and tools.
 */
export {
  ChatContext,
  ChatMessage,
  FunctionCall,
  FunctionCallOutput,
  type AudioContent,
  type ChatContent,
  type ChatContentJSON,
  type ChatContextCopyOptions,
  type ChatContextJSON,
  type ChatContextJSONOptions,
  type ChatItem,
  type ChatItemJSON,
  type ChatRole,
  type ImageContent,
} from './chat-context.js';
export { fromWireItem, toWireItem, type ToWireOptions, type WireItem } from './convert.js';
export { computeChatCtxDiff, updateChatCtxOps, type ChatCtxDiff, type ChatCtxOp } from './diff.js';
export { RemoteChatContext, ROOT_ITEM_ID } from './remote-chat-context.js';
export { toToolDefinition, validateTool, type FunctionTool, type FunctionToolDefinition } from './tools.js';
