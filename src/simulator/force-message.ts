/**
 * xAI's `force_message` item: the client hands the server words to speak verbatim, and
 * the server plays a whole response for them without a `response.create`.
 *
 * The shape follows public 2026 clients of the live service:
 * `{ type: "force_message", role: "assistant", interruptible?, voice?, content: [{ type: "output_text", text }] }`.
 * The simulator is strict about it; what the service does with a malformed one is not
 * known, so these refusals are the simulator's choice (docs/deviations.md).
 */
import { XAI_VOICES } from '../protocol/index.js';
import type { RequestError } from './request-error.js';
import { requestError } from './request-error.js';

/** A checked `force_message`. */
export interface ForceMessage {
  text: string;
  /** `false`: server VAD does not cancel it when the user speaks. Default true. */
  interruptible: boolean;
  /** The voice asked for, if any (checked against the session's voices). */
  voice: string | null;
}

const PART_TYPES = ['output_text', 'text'];

function invalid(param: string, message: string): RequestError {
  return requestError('invalid_value', `Invalid '${param}': ${message}`, param);
}

/** Checks a `force_message` item and reads what to speak, or says why it is refused. */
export function readForceMessage(
  item: Record<string, unknown>,
  extraVoices: readonly string[],
): { ok: true; message: ForceMessage } | { ok: false; error: RequestError } {
  const { role, content, interruptible, voice } = item;
  if (role !== undefined && role !== 'assistant')
    return {
      ok: false,
      error: invalid('item.role', `a force_message is spoken by the assistant, got role '${String(role)}'.`),
    };
  if (interruptible !== undefined && typeof interruptible !== 'boolean') {
    return { ok: false, error: invalid('item.interruptible', 'expected true or false.') };
  }
  if (voice !== undefined && voice !== null) {
    const known = [...XAI_VOICES, ...extraVoices.map((v) => v.toLowerCase())];
    if (typeof voice !== 'string' || !known.includes(voice.toLowerCase())) {
      return {
        ok: false,
        error: invalid(
          'item.voice',
          `${JSON.stringify(voice)} is not a supported voice. ` +
            `Supported values are: ${known.map((v) => `'${v}'`).join(', ')}.`,
        ),
      };
    }
  }
  const parts = Array.isArray(content) ? (content as unknown[]) : [];
  let text = '';
  for (const [i, part] of parts.entries()) {
    const p = part !== null && typeof part === 'object' ? (part as Record<string, unknown>) : {};
    if (!PART_TYPES.includes(String(p['type'])) || typeof p['text'] !== 'string') {
      return { ok: false, error: invalid(`item.content[${i}]`, "expected a part { type: 'output_text', text }.") };
    }
    text += p['text'];
  }
  if (text === '')
    return { ok: false, error: invalid('item.content', 'a force_message needs at least one part with text.') };
  return {
    ok: true,
    message: { text, interruptible: interruptible !== false, voice: typeof voice === 'string' ? voice : null },
  };
}
