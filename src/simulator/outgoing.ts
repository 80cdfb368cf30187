/**
 * A server event as the simulator builds it: any event of the catalogue, with its
 * `event_id` left for the outbound path to mint.
 */
import type { ServerEvent } from '../protocol/index.js';
import type { ServerToolEvent } from './server-tools.js';

type WithoutEventId<E> = E extends unknown ? Omit<E, 'event_id'> & { event_id?: string } : never;

/** A server event before its `event_id` is minted. */
export type OutgoingEvent = WithoutEventId<ServerEvent> | ServerToolEvent;
