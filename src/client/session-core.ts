/**
 * What the family modules of a `RealtimeSession` (chat-context operations, replies and says,
 * the socket lifecycle) may use of it: the state they share, its output and whether it is
 * closed. Each module takes a `Pick` of this, so none depends on the session class and none
 * reaches more of it than it needs.
 */
import type { Clock } from '../clock/index.js';
import type { ClientEvent, IdSource } from '../protocol/index.js';
import type { TypedEmitter } from './emitter.js';
import type { RealtimeError } from './errors.js';
import type { RealtimeSessionEvents } from './events.js';
import type { Logger } from './logger.js';
import type { SessionState } from './session-state.js';

/** The shared part of one session, as its family modules see it. */
export interface SessionCore {
  readonly state: SessionState;
  readonly clock: Clock;
  readonly ids: IdSource;
  readonly logger: Logger;
  /** The session itself, as the emitter of the §5.19 events. */
  readonly emitter: TypedEmitter<RealtimeSessionEvents>;
  /** Queues a client event for the wire; after close or death it is dropped (R2.2). */
  send(event: ClientEvent): void;
  /** True once `close()` was called or the session died. */
  isClosed(): boolean;
  /** What a call made on a closed session rejects with, naming the call and why it is closed. */
  closedError(call: string): RealtimeError;
}
