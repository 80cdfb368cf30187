/**
 * Replies and says (§5.8, xAI `force_message`): the request each call sends, the pending
 * future the server's `response.created` settles (server-handlers.ts matches it), and the
 * timeout that fails it when none comes.
 */
import type { ConversationItem, ResponseCreateParams } from '../protocol/index.js';
import { toToolDefinition } from './chat/index.js';
import { Deferred } from './deferred.js';
import { ClientErrorCode, RealtimeError } from './errors.js';
import type { GenerationCreatedEvent } from './generation.js';
import type { ToolChoiceOption } from './options.js';
import type { SessionCore } from './session-core.js';
import type { PendingReply } from './session-state.js';
import { validTools, type ToolsInput } from './session-tools.js';
import { toWireToolChoice } from './session-update.js';

/** How long `generateReply` waits for its `response.created` (§5.8). */
export const GENERATE_REPLY_TIMEOUT_MS = 5000;
/** How long `say` waits for the `response.created` of its `force_message` (upstream 2026-08-10). */
export const SAY_TIMEOUT_MS = 10000;

/** Per-response options of {@link RealtimeSession.generateReply} (sent in `response.create`). */
export interface GenerateReplyOptions {
  /** Function tools for this response only, instead of the session's. */
  tools?: ToolsInput;
  /** `tool_choice` for this response only; `null` sends `"auto"`. */
  toolChoice?: ToolChoiceOption | null;
}

/** Options of {@link RealtimeSession.say}. */
export interface SayOptions {
  /**
   * Whether the user's speech may interrupt the message (xAI `force_message.interruptible`); not sent when not given.
   */
  interruptible?: boolean;
  /** A voice for this message only (xAI `force_message.voice`); not sent when not given. */
  voice?: string;
}

/**
 * The xAI `force_message` item: the service speaks `content` verbatim, with a whole response
 * lifecycle and no `response.create` (shape as the upstream plugin sends it, 2026-08-10).
 */
interface ForceMessageItem {
  type: 'force_message';
  role: 'assistant';
  content: [{ type: 'output_text'; text: string }];
  interruptible?: boolean;
  voice?: string;
}

/** What replies and says need from their session. */
export type RepliesHost = Pick<SessionCore, 'state' | 'clock' | 'ids' | 'logger' | 'send' | 'isClosed' | 'closedError'>;

/** Sends a `response.create` and waits for the `response.created` that echoes its event id. */
export function requestReply(
  host: RepliesHost,
  instructions: string | undefined,
  options: GenerateReplyOptions,
): Promise<GenerationCreatedEvent> {
  if (host.isClosed()) return Promise.reject(host.closedError('generateReply'));
  const eventId = host.ids.next('response_create_');
  const reply: PendingReply = { deferred: new Deferred<GenerationCreatedEvent>(), timer: undefined };
  host.state.replies.set(eventId, reply);
  const response: ResponseCreateParams = {
    instructions: instructions ? instructions : null,
    metadata: { client_event_id: eventId },
  };
  if (options.tools !== undefined) response.tools = validTools(options.tools, host.logger).map(toToolDefinition);
  if (options.toolChoice !== undefined) response.tool_choice = toWireToolChoice(options.toolChoice);
  host.send({ type: 'response.create', event_id: eventId, response });
  reply.timer = host.clock.setTimeout(
    () => {
      reply.timer = undefined;
      reply.deferred.reject(
        new RealtimeError(
          ClientErrorCode.timeout,
          `generate_reply timed out: expected response.created with metadata.client_event_id "${eventId}" ` +
            `within ${GENERATE_REPLY_TIMEOUT_MS} ms, got none`,
          { eventId },
        ),
      );
    },
    GENERATE_REPLY_TIMEOUT_MS,
    'generate_reply timeout',
  );
  return reply.deferred.promise.then((created) => created);
}

/** Sends a `force_message` item and waits for the next `response.created` without a client event id. */
export function requestSay(host: RepliesHost, text: string, options: SayOptions): Promise<GenerationCreatedEvent> {
  if (host.isClosed()) return Promise.reject(host.closedError('say'));
  const eventId = host.ids.next('say_');
  const reply: PendingReply = { deferred: new Deferred<GenerationCreatedEvent>(), timer: undefined };
  host.state.replies.set(eventId, reply);
  host.state.pendingSays.push(eventId);
  const item: ForceMessageItem = { type: 'force_message', role: 'assistant', content: [{ type: 'output_text', text }] };
  if (options.interruptible !== undefined) item.interruptible = options.interruptible;
  if (options.voice !== undefined) item.voice = options.voice;
  // The protocol catalogue does not list xAI's force_message item type.
  host.send({ type: 'conversation.item.create', event_id: eventId, item: item as unknown as ConversationItem });
  reply.timer = host.clock.setTimeout(
    () => {
      reply.timer = undefined;
      host.state.replies.delete(eventId);
      host.state.pendingSays.splice(host.state.pendingSays.indexOf(eventId), 1);
      reply.deferred.reject(
        new RealtimeError(
          ClientErrorCode.timeout,
          `say timed out: expected a response.created for force_message ` +
            `"${eventId}" within ${SAY_TIMEOUT_MS} ms, got none`,
          { eventId },
        ),
      );
    },
    SAY_TIMEOUT_MS,
    'say timeout',
  );
  return reply.deferred.promise.then((created) => created);
}
