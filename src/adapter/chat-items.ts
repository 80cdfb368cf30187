/**
 * The chat items of an `update_chat_ctx` command (docs/conform.md) as rt-sim's client holds
 * them: messages with text, function calls and their outputs.
 */
import { type ChatItem, ChatMessage, FunctionCall, FunctionCallOutput } from '../client/index.js';

/** Makes the ids of items the command gives none. */
export type NextId = () => string;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown, fallback = ''): string => (typeof v === 'string' ? v : fallback);

/** One item of the command; throws on one it cannot read. */
export function toChatItem(spec: unknown, nextId: NextId): ChatItem {
  if (!isObject(spec)) throw new Error(`a chat item is a mapping, got ${JSON.stringify(spec)}`);
  const id = str(spec['id'], nextId());
  const createdAt = typeof spec['createdAt'] === 'number' ? { createdAt: spec['createdAt'] } : {};
  const call = spec['functionCall'];
  if (isObject(call))
    return new FunctionCall({
      id,
      callId: str(call['callId'], `call_${id}`),
      name: str(call['name']),
      args: str(call['arguments']),
      ...createdAt,
    });
  const output = spec['functionOutput'];
  if (isObject(output))
    return new FunctionCallOutput({
      id,
      callId: str(output['callId']),
      name: str(output['name']),
      output: str(output['output']),
      isError: output['isError'] === true,
      ...createdAt,
    });
  const role = spec['role'];
  if (role !== 'user' && role !== 'assistant' && role !== 'system' && role !== 'developer')
    throw new Error(`a chat item needs a role, functionCall or functionOutput, got ${JSON.stringify(spec)}`);
  const text = str(spec['text'], str(spec['transcript']));
  return new ChatMessage({ id, role, content: text === '' ? [] : [text], ...createdAt });
}
