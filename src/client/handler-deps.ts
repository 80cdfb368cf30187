/**
 * What the server-event handlers (server-handlers.ts, conversation-handlers.ts) read and
 * change, in a file of its own so that the two handler files need not import each other's
 * types.
 */
import type { Clock } from '../clock/index.js';
import type { IdSource, Modality } from '../protocol/index.js';
import type { TypedEmitter } from './emitter.js';
import type { RealtimeModelError } from './errors.js';
import type { RealtimeSessionEvents } from './events.js';
import type { Logger } from './logger.js';
import type { ClientBehaviour, SessionOptions } from './options.js';
import type { SessionState } from './session-state.js';

/** Who the handlers act for. */
export interface ModelInfo {
  label: string;
  model: string;
  provider: string;
  modalities: readonly Modality[];
}

/** What the server-event handlers read and change. */
export interface HandlerDeps {
  state: SessionState;
  emitter: TypedEmitter<RealtimeSessionEvents>;
  clock: Clock;
  logger: Logger;
  ids: IdSource;
  model: ModelInfo;
  /** Read live: `updateOptions` changes it. */
  options: SessionOptions;
  /** Choices between the reference's behaviour and the live service's (fixed per model). */
  behaviour: ClientBehaviour;
}

/** Builds the payload of the session's `error` event (§5.18 E4). */
export function modelError(
  deps: Pick<HandlerDeps, 'clock' | 'model'>,
  error: Error,
  recoverable: boolean,
): RealtimeModelError {
  return {
    type: 'realtime_model_error',
    timestamp: deps.clock.now() / 1000,
    label: deps.model.label,
    error,
    recoverable,
  };
}
