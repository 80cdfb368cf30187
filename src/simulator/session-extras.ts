/**
 * xAI 2026 session fields the simulator accepts and echoes beside the OpenAI-style ones
 * (reference §1.9 "2026 additions"): `reasoning.effort`, `replace` (a pronunciation map)
 * and `audio.{input,output}.transport`. Each is echoed only once a `session.update` set
 * it, so sessions that never send them echo what they did before. The catalogue already
 * checks their values (`none`|`high`, a string map, `json`|`binary`).
 */
import type { AudioTransport, SessionConfig } from '../protocol/index.js';

/** The 2026 fields of a session, unset until an update names them. */
export interface SessionExtras {
  /** Echoed only; its effect on replies is not modelled. */
  reasoningEffort?: 'none' | 'high';
  /** Echoed only; the simulator speaks no real words to apply it to. */
  replace?: Record<string, string>;
  /** `binary`: raw audio bytes in binary WebSocket frames are appended to the input buffer. */
  inputTransport?: AudioTransport;
  /** `binary`: output audio goes as binary WebSocket frames instead of `response.output_audio.delta`. */
  outputTransport?: AudioTransport;
}

/** Merges the 2026 fields of `update` over `extras`. */
export function applyExtras(extras: SessionExtras, update: SessionConfig): SessionExtras {
  const next: SessionExtras = { ...extras };
  if (update.reasoning?.effort !== undefined) next.reasoningEffort = update.reasoning.effort;
  if (update.replace !== undefined) next.replace = { ...update.replace };
  if (update.audio?.input?.transport !== undefined) next.inputTransport = update.audio.input.transport;
  if (update.audio?.output?.transport !== undefined) next.outputTransport = update.audio.output.transport;
  return next;
}

/** Adds the set 2026 fields to a `session` echo (mutates and returns it). */
export function echoExtras(echo: SessionConfig, extras: SessionExtras): SessionConfig {
  if (extras.reasoningEffort !== undefined) echo.reasoning = { effort: extras.reasoningEffort };
  if (extras.replace !== undefined) echo.replace = { ...extras.replace };
  if (extras.inputTransport !== undefined && echo.audio?.input) echo.audio.input.transport = extras.inputTransport;
  if (extras.outputTransport !== undefined && echo.audio?.output) echo.audio.output.transport = extras.outputTransport;
  return echo;
}
