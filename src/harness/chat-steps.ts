/**
 * How an `updateChatCtx` step builds the context it hands to the client: as an agent builds
 * one, through the client's ChatContext API (constructor, `empty`, `copy`, `addMessage`,
 * `insert`), from the chat items a scenario writes.
 */
import { ChatContext, ChatMessage, FunctionCall, FunctionCallOutput } from '../client/index.js';
import type { ChatContent, ChatItem } from '../client/index.js';
import { SAMPLE_RATE } from '../protocol/index.js';
import type { IdSource } from '../protocol/index.js';
import { clipFrames, toneClip } from './audio-source.js';
import type { CallStep, ChatItemSpec } from './scenario.js';

/** The args of an `updateChatCtx` step. */
export type ChatCtxArgs = Extract<CallStep, { call: 'updateChatCtx' }>['args'];

/**
 * The context an `updateChatCtx` step hands over, built as an agent builds one: `items` into a
 * new context (`ChatContext.empty` for none), else a copy of the session's `sessionCtx` (filtered
 * by `copy`), then `add` through `addMessage` and `insert`. Ids are the harness's (seeded), so
 * runs stay reproducible.
 */
export function buildChatCtx(args: ChatCtxArgs, sessionCtx: ChatContext, ids: IdSource): ChatContext {
  const ctx =
    args.items === undefined
      ? sessionCtx.copy(args.copy ?? {})
      : args.items.length === 0
        ? ChatContext.empty(ids)
        : new ChatContext(
            args.items.map((i) => toChatItem(i, ids)),
            ids,
          );
  // A new context draws the ids of messages added without one from the harness's source, as
  // addMessage does; a copy of the session's would draw from the client's, so it is given one.
  const own = args.items !== undefined;
  for (const spec of args.add ?? []) {
    if ('role' in spec)
      ctx.addMessage({
        ...(spec.id === undefined && own ? {} : { id: spec.id ?? ids.next('item_') }),
        role: spec.role,
        content: loneOrList(messageContent(spec)),
        ...(spec.createdAt === undefined ? {} : { createdAt: spec.createdAt }),
      });
    else ctx.insert(toChatItem(spec, ids));
  }
  return ctx;
}

/**
 * A chat item from its spec. Fields the spec leaves out are left out of the constructor too,
 * as an agent leaves them: the client's defaults (an output's `name` and `isError`) apply.
 */
function toChatItem(spec: ChatItemSpec, ids: IdSource): ChatItem {
  const id = spec.id ?? ids.next('item_');
  const time = spec.createdAt === undefined ? {} : { createdAt: spec.createdAt };
  if ('role' in spec) return new ChatMessage({ id, role: spec.role, content: messageContent(spec), ...time });
  if ('functionCall' in spec) {
    const c = spec.functionCall;
    return new FunctionCall({ id, name: c.name, args: c.arguments, callId: c.callId ?? ids.next('call_'), ...time });
  }
  const o = spec.functionOutput;
  return new FunctionCallOutput({
    id,
    callId: o.callId,
    output: o.output,
    ...(o.name === undefined ? {} : { name: o.name }),
    ...(o.isError === undefined ? {} : { isError: o.isError }),
    ...time,
  });
}

/** A lone part given bare, as agents write `addMessage({ role, content: 'Hi' })`; more as a list. */
function loneOrList(content: ChatContent[]): ChatContent | ChatContent[] {
  const [only] = content;
  return content.length === 1 && only !== undefined ? only : content;
}

/** A message's parts: its text, then its audio as 24 kHz mono frames of `frameMs` (default 20). */
function messageContent(spec: Extract<ChatItemSpec, { role: string }>): ChatContent[] {
  const content: ChatContent[] = [];
  if (spec.text !== undefined) content.push(spec.text);
  if (spec.audio !== undefined) {
    const frames = [...clipFrames(toneClip(spec.audio, SAMPLE_RATE), spec.audio.frameMs)];
    content.push({
      type: 'audio_content',
      frames,
      ...(spec.transcript === undefined ? {} : { transcript: spec.transcript }),
    });
  }
  return content;
}
