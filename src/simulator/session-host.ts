/**
 * What the family modules of a session (input audio, items, responses) may use of it: its
 * output and the state they share. Each module takes a `Pick` of this, so none depends on
 * the session class and none reaches more of it than it needs.
 */
import type { Clock, TimerHandle } from '../clock/index.js';
import type { IdSource } from '../protocol/index.js';
import type { ServerConfig } from './config.js';
import type { Conversation } from './conversation.js';
import type { OutgoingEvent } from './outgoing.js';
import type { ReplySource } from './reply-source.js';
import type { RequestError } from './request-error.js';
import type { SessionState } from './session-config.js';

/** The shared part of one connection, as its family modules see it. */
export interface SessionCore {
  readonly clock: Clock;
  readonly ids: IdSource;
  readonly server: ServerConfig;
  readonly conversation: Conversation;
  readonly replies: ReplySource;
  /** False once the connection closed or started closing. */
  isOpen(): boolean;
  /** The effective session config; `session.update` replaces it, so it is read at each use. */
  state(): SessionState;
  /** Sends a built server event through triggers, protocol faults and the wire. */
  emit(event: OutgoingEvent): void;
  /** Answers a bad client request with an `invalid_request_error` naming its `event_id`. */
  refuse(error: RequestError, eventId: string | undefined): void;
  /** Runs `fn` after `ms` if the connection is still open; cleared when the session stops. */
  after(ms: number, fn: () => void): TimerHandle;
  clear(timer: TimerHandle): void;
}
