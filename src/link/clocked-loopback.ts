import type { Clock } from '../clock/index.js';
import { callAll } from './call-all.js';
import type { ConnectionHandler, HandshakeRequest, ServerConnection } from './server.js';
import { ReadyState, type SocketData, type SocketFactory, type SocketLike } from './socket.js';
import { SocketEventTarget, type SocketEvent } from './socket-event-target.js';
import { closeProblem } from './close-code.js';
import { badCloseError, clientSendError } from './socket-errors.js';
import { loopbackWsSocketFactory } from './ws-client.js';
import { startWsServer } from './ws-server.js';

/** A clock that can be kept still while real I/O is in flight (`VirtualClock`). */
export interface HoldingClock extends Clock {
  hold(opts?: { blockTimers?: boolean }): () => void;
}

/** A `ws` server on loopback whose traffic runs on a virtual clock. */
export interface ClockedLoopbackLink {
  /** Opens sockets to the loopback server, whatever host the requested URL names. */
  readonly socketFactory: SocketFactory;
  /** `ws://127.0.0.1:PORT/v1/realtime`. */
  readonly url: string;
  /** Connections the server has open. */
  connections(): number;
  /** Stops the server (open sockets are terminated). */
  close(): Promise<void>;
}

/** Tells the server which client socket a handshake comes from; removed before the handler sees it. */
const LINK_HEADER = 'x-rtsim-link';

/**
 * One direction of a connection. A frame is sent for real at once, and its delivery is a
 * 0 ms timer set at send time, as on the in-memory link (`OrderedDelivery`), so it lands in
 * the same order among the other timers due at that instant. Until the frame has crossed
 * the loopback, a timer-blocking hold keeps the clock from firing anything, so the timer
 * always finds it there. Other events (open, close) wait behind undelivered frames.
 */
class Inbox<F, O> {
  readonly #items: ({ frame: F } | { other: O })[] = [];
  #transit: (() => void)[] = [];

  constructor(
    private readonly clock: HoldingClock,
    private readonly onFrame: (frame: F) => void,
    private readonly onOther: (other: O) => void,
  ) {}

  /** The sender's side: the frame is about to go out. */
  expect(): void {
    this.#transit.push(this.clock.hold({ blockTimers: true }));
    this.clock.setTimeout(() => this.#deliver(), 0);
  }

  /** The receiver's side: a frame crossed the loopback. */
  arrive(frame: F): void {
    this.#items.push({ frame });
    this.#transit.shift()?.();
  }

  /** An open, error or close: passed on once the frames before it are delivered. */
  event(other: O): void {
    if (this.#items.length === 0) this.onOther(other);
    else this.#items.push({ other });
  }

  /** The connection is gone: frames still in transit never arrive. */
  lost(): void {
    for (const release of this.#transit.splice(0)) release();
  }

  #deliver(): void {
    const head = this.#items[0];
    if (head === undefined || !('frame' in head)) return; // lost with the connection
    this.#items.shift();
    this.onFrame(head.frame);
    while (this.#items[0] !== undefined && 'other' in this.#items[0])
      this.onOther((this.#items.shift() as { other: O }).other);
  }
}

/**
 * Serves `handler` over real WebSockets on 127.0.0.1 and opens client sockets to it, with
 * the in-memory link's timing on a virtual clock: every frame is delivered by a 0 ms timer
 * set when it was sent, and the clock stands still while it crosses the loopback. A run
 * over real sockets then sees the same virtual times, in the same order, as one in memory.
 * Handshakes and closes are held too (the clock does not jump while they are in flight).
 */
export async function createClockedLoopbackLink(
  handler: ConnectionHandler,
  opts: { clock: HoldingClock },
): Promise<ClockedLoopbackLink> {
  const { clock } = opts;
  const clients = new Map<string, ClockedClientSocket>();
  // The handler sees the URL the client asked for, as on the in-memory link, not the loopback's.
  const asked = (request: HandshakeRequest): HandshakeRequest => {
    const client = clients.get(request.headers[LINK_HEADER] ?? '');
    return { ...withoutLinkHeader(request), ...(client ? { url: client.askedUrl } : {}) };
  };
  const server = await startWsServer(
    {
      handshake: (request) => {
        const decision = handler.handshake(asked(request));
        // A held handshake gets no answer: time must run on for the client's connect timeout.
        if (!decision.accept && decision.hold === true)
          clients.get(request.headers[LINK_HEADER] ?? '')?.handshakeHeld();
        return decision;
      },
      connection(conn) {
        const client = clients.get(conn.request.headers[LINK_HEADER] ?? '');
        handler.connection(client ? client.pair(conn, asked(conn.request)) : conn);
      },
    },
    { anyPath: true },
  ); // Every path reaches the handler, as on the in-memory link: the simulator refuses (and records) the wrong ones.
  const base = new URL(server.url);
  let next = 0;

  const socketFactory: SocketFactory = (request) => {
    const id = String(++next);
    const target = new URL(request.url);
    target.protocol = base.protocol;
    target.host = base.host;
    const client = new ClockedClientSocket(
      clock,
      request.url,
      loopbackWsSocketFactory,
      {
        ...request,
        url: target.href,
        headers: { ...request.headers, [LINK_HEADER]: id },
      },
      () => clients.delete(id),
    );
    clients.set(id, client);
    return client;
  };

  return { socketFactory, url: server.url, connections: () => server.connections(), close: () => server.close() };
}

function withoutLinkHeader(request: HandshakeRequest): HandshakeRequest {
  const headers = { ...request.headers };
  delete headers[LINK_HEADER];
  return { ...request, headers };
}

/** The client end of one connection, and the bookkeeping both ends share. */
class ClockedClientSocket extends SocketEventTarget implements SocketLike {
  readonly #socket: SocketLike;
  /** Frames and events for the client. */
  readonly down: Inbox<SocketEvent, SocketEvent>;
  /** Frames for the server, set once it has the connection. */
  up: Inbox<{ text?: string; binary?: Uint8Array }, { code: number; reason: string }> | undefined;
  #opening: (() => void) | undefined;
  #closing: (() => void) | undefined;
  /** The client's close frame is on its way to the server, which has not seen it yet: timers wait. */
  #closeInTransit: (() => void) | undefined;
  #clientClosed = false;
  /** close() was called on an open socket; the real close frame goes out on the clock. */
  #closeAsked = false;
  #serverClosed = true;
  /** Sends still to fail (`ServerConnection.failClientSends`). */
  failSends = 0;

  constructor(
    private readonly clock: HoldingClock,
    /** The URL the client asked for, before it was pointed at the loopback server. */
    readonly askedUrl: string,
    open: SocketFactory,
    request: Parameters<SocketFactory>[0],
    private readonly forget: () => void,
  ) {
    super();
    this.down = new Inbox<SocketEvent, SocketEvent>(
      clock,
      (e) => this.dispatch(e),
      (e) => this.dispatch(e),
    );
    this.#opening = clock.hold();
    const socket = open(request);
    this.#socket = socket;
    socket.addEventListener('message', (e) => this.down.arrive(e));
    socket.addEventListener('open', (e) => {
      this.#release('opening');
      this.down.event(e);
    });
    socket.addEventListener('error', (e) => this.down.event(e));
    socket.addEventListener('close', (e) => {
      this.#clientClosed = true;
      this.down.event(e);
      this.#settleClose();
    });
  }

  /** The server holds this socket's handshake: no answer is coming, so the clock may move. */
  handshakeHeld(): void {
    this.#release('opening');
  }

  /** Wraps the server's end of this socket's connection. */
  pair(conn: ServerConnection, request: HandshakeRequest): ServerConnection {
    this.#serverClosed = false;
    return new ClockedServerConnection(conn, request, this, this.clock);
  }

  get url(): string {
    return this.#socket.url;
  }

  get readyState(): number {
    const state = this.#socket.readyState;
    return this.#closeAsked && state === ReadyState.OPEN ? ReadyState.CLOSING : state;
  }

  get protocol(): string {
    return this.#socket.protocol;
  }

  send(data: string | ArrayBuffer | ArrayBufferView): void {
    // Asked to close: the frame is dropped, as `ws` drops a send once CLOSING.
    if (this.#closeAsked) return;
    const open = this.#socket.readyState === ReadyState.OPEN;
    if (open && this.failSends > 0) {
      this.failSends--;
      throw clientSendError();
    }
    this.#socket.send(data as SocketData);
    if (open && this.up && !this.#serverClosed) this.up.expect();
  }

  /**
   * Closes as the in-memory link does: an open socket is CLOSING at once, and its close
   * frame goes out on a 0 ms timer set now, so the server reads it in the same order among
   * the timers due at this instant. Sent at once, it could reach the server before a frame
   * the server sends at this same virtual instant, which the server would then drop.
   */
  close(code?: number, reason?: string): void {
    if (this.#socket.readyState !== ReadyState.OPEN || this.#closeAsked) {
      this.#socket.close(code, reason);
      this.startClosing();
      return;
    }
    const problem = closeProblem(code, reason);
    if (problem) throw badCloseError(problem);
    this.#closeAsked = true;
    this.startClosing();
    this.clock.setTimeout(() => {
      if (this.#socket.readyState !== ReadyState.OPEN) return;
      // The in-memory server reads the close at this timer; here it crosses the loopback
      // first, and a timer fired meanwhile could have the server send what it would have dropped.
      if (!this.#serverClosed) this.#closeInTransit ??= this.clock.hold({ blockTimers: true });
      this.#socket.close(code, reason);
    }, 0);
  }

  /** Holds the clock from the first close on either side until both sides have seen one. */
  startClosing(): void {
    this.#closing ??= this.clock.hold();
    this.#settleClose();
  }

  serverClosed(): void {
    this.#serverClosed = true;
    this.#release('transit');
    this.startClosing();
  }

  #settleClose(): void {
    if (!this.#clientClosed || !this.#serverClosed) return;
    this.up?.lost();
    this.down.lost();
    this.#release('opening');
    this.#release('closing');
    this.#release('transit');
    this.forget();
  }

  #release(which: 'opening' | 'closing' | 'transit'): void {
    const release = which === 'opening' ? this.#opening : which === 'closing' ? this.#closing : this.#closeInTransit;
    if (which === 'opening') this.#opening = undefined;
    else if (which === 'closing') this.#closing = undefined;
    else this.#closeInTransit = undefined;
    release?.();
  }
}

/** The server end of one connection: frames to it are delivered like the client's. */
class ClockedServerConnection implements ServerConnection {
  readonly #messages: ((text: string) => void)[] = [];
  readonly #binaries: ((data: Uint8Array) => void)[] = [];
  readonly #closes: ((code: number, reason: string) => void)[] = [];
  #closed = false;

  constructor(
    private readonly conn: ServerConnection,
    readonly request: HandshakeRequest,
    private readonly client: ClockedClientSocket,
    clock: HoldingClock,
  ) {
    client.up = new Inbox(
      clock,
      (frame) => {
        if (frame.text !== undefined) callAll(this.#messages, frame.text);
        else if (frame.binary !== undefined) callAll(this.#binaries, frame.binary);
      },
      (close) => callAll(this.#closes, close.code, close.reason),
    );
    const up = client.up;
    conn.onMessage((text) => up.arrive({ text }));
    conn.onBinary?.((binary) => up.arrive({ binary }));
    conn.onClose((code, reason) => {
      this.#closed = true;
      up.event({ code, reason });
      client.serverClosed();
    });
  }

  send(text: string): void {
    if (!this.#closed) this.client.down.expect();
    this.conn.send(text);
  }

  failClientSends(count: number): void {
    this.client.failSends = count;
  }

  sendBinary(data: Uint8Array): void {
    if (!this.conn.sendBinary) return;
    if (!this.#closed) this.client.down.expect();
    this.conn.sendBinary(data);
  }

  sendInvalidUtf8(): void {
    if (!this.conn.sendInvalidUtf8) return;
    // The client fails the connection: what comes next is its error and close.
    this.client.startClosing();
    this.conn.sendInvalidUtf8();
  }

  close(code?: number, reason?: string): void {
    this.client.startClosing();
    this.conn.close(code, reason);
  }

  terminate(): void {
    this.client.startClosing();
    this.conn.terminate();
  }

  onMessage(listener: (text: string) => void): void {
    this.#messages.push(listener);
  }

  onBinary(listener: (data: Uint8Array) => void): void {
    this.#binaries.push(listener);
  }

  onClose(listener: (code: number, reason: string) => void): void {
    this.#closes.push(listener);
  }
}
