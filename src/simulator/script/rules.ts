/**
 * The `script:` block of a scenario: rules of the form "when this happens, do these
 * things". Rules share one named state across all connections of a simulator, and their
 * occurrence counts run across connections too, so "the 3rd audio delta" means the 3rd of
 * the whole run, not of each connection.
 */
import type {
  BandwidthToxic,
  FailureSpec,
  LatencyToxic,
  LimitDataToxic,
  ReplyConfig,
  ResetPeerToxic,
  SlicerToxic,
  SlowCloseToxic,
  TimeoutToxic,
  Direction,
} from '../config.js';

/** How a field of an event is compared. A bare value must be equal (deep equality for objects). */
export type Matcher =
  | string
  | number
  | boolean
  | null
  | { equals: unknown }
  | { regex: string }
  | { exists: boolean }
  | { oneOf: unknown[] };

/** Fires on an event crossing the simulator: a client event received or a server event about to be sent. */
export interface EventTrigger {
  event: string;
  /** Default: `client` when `event` is a client event type of the catalogue, else `server`. */
  from?: 'client' | 'server';
  /** Dot paths into the event (`response.metadata.client_event_id`, `item.content.0.type`) and what they must be. */
  match?: Record<string, Matcher>;
  /** Fire on the nth matching occurrence only (1-based, counted across the run). Default: every one. */
  count?: number;
  /** Only on the nth accepted connection (1-based). */
  connection?: number;
}

/** Fires `afterMs` after a connection opened (each connection, or only the nth). */
export interface TimeTrigger {
  afterMs: number;
  connection?: number;
}

/** Fires when the script's state becomes `enterState`. */
export interface StateTrigger {
  enterState: string;
}

/** Fires on a handshake attempt, before the simulator decides on it. */
export interface HandshakeTrigger {
  handshake: true;
  /** Only on the nth attempt (1-based). */
  count?: number;
}

/** Fires when a connection is accepted, before `conversation.created` is sent. */
export interface ConnectTrigger {
  connect: true;
  /** Only on the nth accepted connection (1-based). */
  count?: number;
}

/** What makes a rule fire. */
export type Trigger = EventTrigger | TimeTrigger | StateTrigger | HandshakeTrigger | ConnectTrigger;

/** Which outgoing events a protocol fault affects, and how many. */
export interface EventSelector {
  /** Event type. Default: the triggering server event's type, or any event for other triggers. */
  event?: string;
  /** How many events (default 1); `all` for every one from now on. */
  count?: number | 'all';
}

/** An `error` event to send. */
export interface ErrorSpec {
  message: string;
  /** Default `invalid_request_error`. */
  type?: string;
  code?: string | null;
  param?: string | null;
  event_id?: string | null;
}

/** One action of a rule's `do:` list; they run in order. */
export type Action =
  /** Sends a server event (an `event_id` is minted when absent). It bypasses server-event triggers. */
  | { send: Record<string, unknown> }
  /** Sends raw text as one frame, unchecked (malformed-frame tests). */
  | { sendRaw: string }
  /** Sends the text's UTF-8 bytes as one binary frame, unchecked (a client skips non-text frames). */
  | { sendBinary: string }
  /** Makes the client's next `count` sends throw, as a failed write (rt-sim's own links only). */
  | { failClientSends: { count?: number } }
  /** Sends one text frame that is not UTF-8 (FF FE), as a broken server or proxy can (rt-sim's own links only). */
  | { sendInvalidUtf8: Record<string, never> }
  /** Sends an `error` event. */
  | { error: ErrorSpec }
  /** Waits before the next action of the list. */
  | { delay: number }
  /** Closes the connection cleanly with a code and reason. */
  | { close: { code?: number; reason?: string } }
  | { latency: LatencyToxic }
  | { bandwidth: BandwidthToxic }
  | { slicer: SlicerToxic }
  | { timeout: TimeoutToxic }
  | { resetPeer: ResetPeerToxic }
  | { slowClose: SlowCloseToxic }
  | { limitData: LimitDataToxic }
  /** Removes the wire faults installed on this connection (one direction, or both). */
  | { clearFaults: { direction?: Direction } }
  /** The next response(s) end with `status: failed`. */
  | { failNextResponse: FailureSpec & { count?: number } }
  /** Refuses the next handshake(s) with an HTTP status. */
  | { refuseHandshake: { status: number; body?: string; count?: number } }
  | { holdHandshake: { count?: number } }
  | { drop: EventSelector }
  | { duplicate: EventSelector & { times?: number } }
  | { delayEvent: EventSelector & { ms: number } }
  | { reorder: EventSelector & { by?: number } }
  /** Never answers: client events (of one type, or all) are swallowed. */
  | { hang: { event?: string; count?: number | 'all' } }
  | { setState: string }
  /** Starts a server-initiated response, as server VAD would. */
  | { respond: ReplyConfig }
  /** As if the client had sent a `force_message` item (xAI 2026): the server speaks `text`. */
  | { forceMessage: { text: string; interruptible?: boolean; voice?: string } }
  /** Sends recorded server events, each `afterMs` after the previous one. */
  | { replay: { events: { afterMs?: number; event: Record<string, unknown> }[] } | { file: string } };

/** One rule of the script. */
export interface ScriptRule {
  /** A name for reports. */
  name?: string;
  when: Trigger;
  do?: Action[];
  /** Fire at most once in the run. */
  once?: boolean;
  /** Only while the script's state is this (or one of these). The initial state is `initial`. */
  state?: string | string[];
  /** Moves the script to this state after the rule's actions are started. */
  setState?: string;
}

/** The script's state before any rule sets one. */
export const INITIAL_STATE = 'initial';

/** Names of actions that need a connection (they cannot run on a handshake trigger). */
export const CONNECTION_ACTIONS = [
  'send',
  'sendRaw',
  'sendBinary',
  'failClientSends',
  'sendInvalidUtf8',
  'error',
  'close',
  'latency',
  'bandwidth',
  'slicer',
  'timeout',
  'resetPeer',
  'slowClose',
  'limitData',
  'clearFaults',
  'drop',
  'duplicate',
  'delayEvent',
  'reorder',
  'hang',
  'respond',
  'forceMessage',
  'replay',
] as const;

/** Every action name. */
export const ACTION_NAMES = [
  ...CONNECTION_ACTIONS,
  'delay',
  'failNextResponse',
  'refuseHandshake',
  'holdHandshake',
  'setState',
] as const;
/** One of {@link ACTION_NAMES}. */
export type ActionName = (typeof ACTION_NAMES)[number];
