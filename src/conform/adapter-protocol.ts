/**
 * The adapter protocol of `rt-sim conform` (docs/conform.md): line-delimited JSON over the
 * adapter's stdin and stdout. rt-sim sends commands, each with an `id`; the adapter answers
 * each with a reply naming that id, and reports what its client surfaced as events.
 */

/** The commands rt-sim sends, by name, with their data. */
export interface AdapterCommands {
  connect: { url: string; apiKey: string; options: Record<string, unknown> };
  push_audio: { file: string; rate: number; channels: number; frameMs: number; realtime: boolean };
  commit: Record<string, never>;
  generate_reply: { instructions?: string };
  interrupt: Record<string, never>;
  truncate: { messageId?: string; audioEndMs: number };
  update_chat_ctx: { items: unknown[]; append: boolean };
  update_tools: { tools: unknown[] };
  update_instructions: { instructions: string };
  update_options: { options: Record<string, unknown> };
  clear_audio: Record<string, never>;
  say: { text: string; interruptible?: boolean; voice?: string };
  close: Record<string, never>;
}

/** The `error.code` of a reply by which an adapter says its client cannot do a command at all. */
export const UNSUPPORTED = 'unsupported';

/** A command's name. */
export type AdapterCommandName = keyof AdapterCommands;

/** The events an adapter may report. */
export const ADAPTER_EVENTS = [
  'response_started',
  'audio',
  'transcript',
  'function_call',
  'error',
  'reconnected',
  'chat_ctx',
  'metrics',
  'done',
  'speech_started',
  'speech_stopped',
  'input_transcript',
  'session_failed',
] as const;

/** An adapter event's name. */
export type AdapterEventName = (typeof ADAPTER_EVENTS)[number];

/** An event as the adapter reported it: its name and the rest of the line. */
export interface AdapterEvent {
  event: AdapterEventName;
  data: Record<string, unknown>;
}

/** The adapter's answer to command `id`. */
export interface AdapterReply {
  id: number;
  ok: boolean;
  /**
   * In the reply to `connect`: the events this adapter reports, when it reports only some (its
   * client surfaces no metrics, say). Expectations on the others are then not applicable.
   */
  events?: string[];
  error?: { code?: string; message: string };
}

/** One stdout line, read: a reply, an event, or a protocol error saying what is wrong with it. */
export type AdapterLine =
  | { kind: 'reply'; reply: AdapterReply }
  | { kind: 'event'; event: AdapterEvent }
  | { kind: 'bad'; problem: string };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Reads one line of the adapter's stdout. */
export function parseAdapterLine(line: string): AdapterLine {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return { kind: 'bad', problem: `not a JSON line: ${clip(line)}` };
  }
  if (!isObject(value)) return { kind: 'bad', problem: `not a JSON object: ${clip(line)}` };
  if ('event' in value) {
    const { event, ...data } = value;
    if (!(ADAPTER_EVENTS as readonly unknown[]).includes(event))
      return { kind: 'bad', problem: `unknown event ${clip(JSON.stringify(event))}` };
    return { kind: 'event', event: { event: event as AdapterEventName, data } };
  }
  const { id, ok, error, events } = value;
  if (typeof id !== 'number' || typeof ok !== 'boolean')
    return { kind: 'bad', problem: `neither an event nor a reply {id, ok}: ${clip(line)}` };
  if (ok && events !== undefined) {
    if (!Array.isArray(events) || !events.every((e) => (ADAPTER_EVENTS as readonly unknown[]).includes(e)))
      return { kind: 'bad', problem: `"events" of a reply is not a list of adapter events: ${clip(line)}` };
    return { kind: 'reply', reply: { id, ok, events: events as string[] } };
  }
  if (ok) return { kind: 'reply', reply: { id, ok } };
  const message = isObject(error) && typeof error['message'] === 'string' ? error['message'] : 'no message';
  const code = isObject(error) && typeof error['code'] === 'string' ? error['code'] : undefined;
  return { kind: 'reply', reply: { id, ok, error: { message, ...(code === undefined ? {} : { code }) } } };
}

/** A line cut to 120 characters for a message. */
export function clip(line: string): string {
  return line.length > 120 ? `${line.slice(0, 117)}...` : line;
}
