/**
 * A connection replaying its recorded twin (`server.transcript`): the recorded server's
 * frames go out verbatim through the script's triggers and the faults, the client's frames
 * are matched by the player, and the connection ends as the recorded one did.
 */
import type { Clock } from '../clock/index.js';
import { parseClientEvent } from '../protocol/index.js';
import type { JsonObject } from '../transcript/index.js';
import type { ConnectionPlayer, TranscriptReplay } from './replay/index.js';
import type { SessionWires } from './session-wires.js';

/** What a replayed connection needs from its session. */
export interface ReplayHost {
  readonly wires: Pick<SessionWires, 'sendDown' | 'sendEvent'>;
  isOpen(): boolean;
  /** Runs the script's client-event triggers and hangs; true when the event goes on. */
  admit(event: { type: string }): boolean;
  /** Runs the script's server-event triggers. */
  serverEvent(event: { type: string }): void;
  close(code: number, reason: string): void;
  drop(why: string): void;
}

/** The close to send for a recorded close `code`, or `'drop'` for one no endpoint sends (1006 and the like). */
export function replayedClose(code: number): number | 'drop' {
  // 1005 (no code) cannot be sent: a plain normal close is the nearest.
  if (code === 1005) return 1000;
  const sendable = (code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1014) || (code >= 3000 && code <= 4999);
  return sendable ? code : 'drop';
}

/** One connection played from a transcript instead of by the session logic. */
export class ReplayedConnection {
  private readonly player: ConnectionPlayer;

  constructor(
    transcript: TranscriptReplay,
    connection: number,
    clock: Clock,
    private readonly host: ReplayHost,
  ) {
    this.player = transcript.attach(connection, clock, {
      send: (frame) => this.send(frame),
      close: (code, reason) => this.close(code, reason),
    });
  }

  /** Sends what the recorded server sent first, greeting and pings included. */
  start(): void {
    this.player.start();
  }

  /** Stops the player: the connection is gone. */
  end(): void {
    this.player.end();
  }

  /** A client frame: script triggers and `hang` as usual, then the player matches it. */
  receive(text: string): void {
    const parsed = parseClientEvent(text);
    if (parsed.ok && !this.host.admit(parsed.event)) return;
    this.player.receive(text);
  }

  /** A recorded server frame, sent verbatim (no `event_id` minted, no catalogue check). */
  private send(frame: JsonObject | string): void {
    const host = this.host;
    if (!host.isOpen()) return;
    if (typeof frame === 'string') return host.wires.sendDown({ kind: 'text', text: frame });
    const type = typeof frame['type'] === 'string' ? frame['type'] : '(no type)';
    host.serverEvent({ ...frame, type });
    if (!host.isOpen()) return;
    host.wires.sendEvent(type, JSON.stringify(frame));
  }

  /** The recorded server ended the connection; a code no endpoint may send is replayed as the drop it stood for. */
  private close(code: number, reason: string): void {
    const sent = replayedClose(code);
    if (sent === 'drop') this.host.drop('replayed drop');
    else this.host.close(sent, reason);
  }
}
