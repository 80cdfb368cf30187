/**
 * The frames a session builds for the client: each event gets its `event_id` (minted unless
 * given), the profile's shape, and, in strict mode, a check against the protocol catalogue,
 * so a simulator bug fails loudly instead of teaching the client a frame no server sends.
 */
import { withoutPrefix } from '../errors/index.js';
import type { IdSource, ServerEvent } from '../protocol/index.js';
import { RtSimError, parseServerEvent } from '../protocol/index.js';
import type { OutgoingEvent } from './outgoing.js';
import type { Shaper } from './profile/index.js';
import type { RequestError } from './request-error.js';
import type { ErrorSpec } from './script/rules.js';
import { isServerToolEventType } from './server-tools.js';

/** How a session stamps its outgoing events. */
export interface StampOptions {
  readonly ids: IdSource;
  /** Shapes events the session built; scripted ones go out as written. */
  readonly shaper: Shaper | undefined;
  readonly strict: boolean;
  /** Named in the strict-mode error. */
  readonly connection: number;
}

/** Mints the `event_id` (unless given), shapes the event if asked, serialises; in strict mode checks the frame. */
export function stampEvent(
  event: OutgoingEvent | Record<string, unknown>,
  options: StampOptions,
): { event: ServerEvent; text: string } {
  const { type, event_id: given, ...rest } = event as Record<string, unknown>;
  const minted = {
    type,
    event_id: typeof given === 'string' ? given : options.ids.next('event_'),
    ...rest,
  } as ServerEvent;
  const full = options.shaper ? options.shaper.shape(minted) : minted;
  const text = JSON.stringify(full);
  if (options.strict) {
    const parsed = parseServerEvent(text);
    if (!parsed.ok || (!parsed.known && !isServerToolEventType(type))) {
      const why = parsed.ok ? `an unknown event type "${String(type)}"` : withoutPrefix(parsed.error.message);
      throw new RtSimError(
        'RTSIM_SIM_INVALID_FRAME',
        `simulator (strict): expected every outgoing frame to parse with the protocol catalogue, got ${why}`,
        {
          connection: options.connection,
          frame: full,
        },
      );
    }
  }
  return { event: full, text };
}

/** The `error` event answering a bad client request; `eventId` is the offending frame's. */
export function requestErrorEvent(error: RequestError, eventId: string | undefined): OutgoingEvent {
  return {
    type: 'error',
    error: {
      type: 'invalid_request_error',
      code: error.code,
      message: error.message,
      param: error.param ?? null,
      event_id: eventId ?? null,
    },
  };
}

/** The `error` event of a script's `error` action, with the defaults a real one carries. */
export function scriptedErrorEvent(error: ErrorSpec): Record<string, unknown> {
  return {
    type: 'error',
    error: {
      type: error.type ?? 'invalid_request_error',
      code: error.code ?? null,
      message: error.message,
      param: error.param ?? null,
      event_id: error.event_id ?? null,
    },
  };
}
