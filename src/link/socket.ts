/**
 * The subset of the WHATWG `WebSocket` interface that rt-sim uses. The `ws` package's
 * `WebSocket`, Node's global `WebSocket`, msw's interceptor and rt-sim's in-memory link all
 * satisfy it, so the client runs unchanged over any of them.
 */

/** `WebSocket.readyState` values. */
export const ReadyState = { CONNECTING: 0, OPEN: 1, CLOSING: 2, CLOSED: 3 } as const;
export type ReadyStateValue = (typeof ReadyState)[keyof typeof ReadyState];

/** Payload of a `message` event: text frames are strings, binary frames bytes. */
export type SocketData = string | ArrayBuffer | Uint8Array;

export interface SocketMessageEvent {
  readonly type: 'message';
  readonly data: unknown;
}
export interface SocketCloseEvent {
  readonly type: 'close';
  readonly code: number;
  readonly reason: string;
  readonly wasClean: boolean;
}
export interface SocketErrorEvent {
  readonly type: 'error';
  readonly message?: string;
  readonly error?: unknown;
}
export interface SocketOpenEvent {
  readonly type: 'open';
}

/** The events of a {@link SocketLike}, by name: open, message, close, error. */
export interface SocketEventMap {
  open: SocketOpenEvent;
  message: SocketMessageEvent;
  close: SocketCloseEvent;
  error: SocketErrorEvent;
}

/** A WebSocket-shaped connection, as the client sees it. */
export interface SocketLike {
  readonly url: string;
  readonly readyState: number;
  readonly protocol: string;
  send(data: string | ArrayBuffer | ArrayBufferView): void;
  close(code?: number, reason?: string): void;
  addEventListener<K extends keyof SocketEventMap>(type: K, listener: (event: SocketEventMap[K]) => void): void;
  removeEventListener<K extends keyof SocketEventMap>(type: K, listener: (event: SocketEventMap[K]) => void): void;
}

/** What a client asks for when it opens a socket. */
export interface ConnectRequest {
  url: string;
  headers: Record<string, string>;
  protocols?: string[];
}

/**
 * Opens a socket. The client looks its factory up at connect time, so a test can swap the
 * transport between connections.
 */
export type SocketFactory = (request: ConnectRequest) => SocketLike;
