/**
 * The server side of a link: what the simulator sees of each connection, whatever the
 * transport (in-memory, `ws` on loopback, msw).
 */

/** The opening handshake as the server received it. Header names are lower-case. */
export interface HandshakeRequest {
  url: string;
  headers: Record<string, string>;
  protocols: string[];
}

/** The server's answer to a handshake. */
export type HandshakeDecision =
  | { accept: true; protocol?: string }
  | {
      accept: false;
      status: number;
      body?: string;
      /**
       * Never answer: the handshake is left pending until the client gives up (a connect
       * timeout, R2.5). rt-sim's memory and `ws` links honour it; a transport that cannot
       * refuses with `status` instead.
       */
      hold?: boolean;
    };

/** One accepted connection, seen from the server. */
export interface ServerConnection {
  readonly request: HandshakeRequest;
  /** Sends one text frame to the client. Ignored once closed. */
  send(text: string): void;
  /** Starts a clean close with `code` and `reason`. */
  close(code?: number, reason?: string): void;
  /** Drops the connection with no close frame: the client sees code 1006. */
  terminate(): void;
  onMessage(listener: (text: string) => void): void;
  onClose(listener: (code: number, reason: string) => void): void;
  /**
   * Sends one binary frame. Optional: the xAI protocol is text-only, but rt-sim's own
   * links (memory, `ws`) carry binary frames so a fault can send one.
   */
  sendBinary?(data: Uint8Array): void;
  /**
   * Sends one text frame whose payload is not UTF-8 (the bytes FF FE), as a broken server or
   * proxy can: a real client fails the connection (`ws`: an `error` "Invalid WebSocket frame:
   * invalid UTF-8 sequence", a close frame 1007 to the server, a `close` 1006 for itself).
   * Optional: only rt-sim's own links (memory, `ws`) can send one.
   */
  sendInvalidUtf8?(): void;
  /** Listens for binary frames from the client; without a listener they are dropped. */
  onBinary?(listener: (data: Uint8Array) => void): void;
  /**
   * Listens for a frame the transport refused and failed the connection for, with the
   * close code it sent (1007 invalid UTF-8 in a text frame, 1009 over `maxPayload`, 1002
   * other protocol errors); `onClose` follows. Optional: only real sockets have them.
   */
  onProtocolError?(listener: (code: number, message: string) => void): void;
  /**
   * Makes the client's next `count` sends on this connection throw, as a socket whose write
   * failed. Optional: only rt-sim's own links (memory, clocked `ws`) can reach into the
   * client's end; a send-side failure has no wire form a real server could produce.
   */
  failClientSends?(count: number): void;
}

/** A plain HTTP request (no WebSocket upgrade), body read in full. Header names are lower-case. */
export interface HttpRequest {
  method: string;
  /** Path and query, as sent. */
  url: string;
  headers: Record<string, string>;
  body: string;
}

/** The answer to a plain HTTP request; a body that looks like JSON is sent as `application/json`. */
export interface HttpAnswer {
  status: number;
  body: string;
}

/** Handles the connections of one server, whatever transport carries them. */
export interface ConnectionHandler {
  handshake(request: HandshakeRequest): HandshakeDecision;
  connection(conn: ServerConnection): void;
  /**
   * Answers a plain HTTP request (a REST endpoint beside the WebSocket one). Optional;
   * `undefined` leaves the transport's own answer (426 from the `ws` server).
   */
  http?(request: HttpRequest): HttpAnswer | undefined;
}
