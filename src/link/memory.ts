import type { Clock } from '../clock/index.js';
import type { DownFrame, UpFrame } from './memory-frame.js';
import { MemoryServerConnection } from './memory-server-connection.js';
import { MemorySocket } from './memory-socket.js';
import { OrderedDelivery } from './ordered-delivery.js';
import { clientSendError } from './socket-errors.js';
import type { ConnectionHandler, HandshakeDecision, HandshakeRequest } from './server.js';
import type { ConnectRequest, SocketFactory } from './socket.js';

/** Which way a frame travels: `upstream` is client → server, `downstream` server → client. */
export type LinkDirection = 'upstream' | 'downstream';

/** Options of {@link createMemoryLink}. */
export interface MemoryLinkOptions {
  /** Carries every frame, open, close and refusal: latency is time on this clock. */
  clock: Clock;
  /**
   * One-way delay in ms (default 0), fixed or drawn per frame. However it varies, frames in
   * one direction never overtake each other.
   */
  latencyMs?: number | ((direction: LinkDirection) => number);
  /**
   * Hands the client every server frame due at one instant in one go, synchronously, as `ws`
   * emits the frames of one TCP segment (default false: one timer per frame, the event loop
   * settling between them). With it the handshake answer and the events a server sends on
   * accepting arrive in one tick: `open`, then `message`s, before an awaiting client resumes.
   */
  coalesce?: boolean;
}

/** An in-memory link: a socket factory for the client and a count for the test. */
export interface MemoryLink {
  socketFactory: SocketFactory;
  /** Connections the handler accepted that are not closed yet on the server side. */
  connections(): number;
}

/**
 * Connects clients to `handler` with no I/O at all: each socket from `socketFactory` is the
 * client end of a pipe whose frames travel on `opts.clock`.
 *
 * Timeline of one connection with latency L: at t the client opens; at t+L the handler
 * sees the handshake (header names lower-cased) and, if it accepts, gets the connection and
 * may send at once; at t+2L the client gets `open` (or, if refused, `error` with
 * `Unexpected server response: <status>` then `close` 1006). Closes follow RFC 6455:
 * the closing side's frame travels, the other side echoes it, each reports the close once.
 * Deterministic under a `VirtualClock`.
 */
export function createMemoryLink(handler: ConnectionHandler, opts: MemoryLinkOptions): MemoryLink {
  const { clock } = opts;
  let open = 0;
  const latency = (direction: LinkDirection): number => {
    const ms = typeof opts.latencyMs === 'function' ? opts.latencyMs(direction) : opts.latencyMs;
    return ms ?? 0;
  };

  const socketFactory: SocketFactory = (req: ConnectRequest) => {
    const url = checkUrl(req.url);
    const protocols = [...(req.protocols ?? [])];
    let server: MemoryServerConnection | undefined;
    let handshakeArrived = false;
    let abortedBeforeHandshake = false;

    const down = new OrderedDelivery<DownFrame>(
      clock,
      () => latency('downstream'),
      (frame) => socket.receive(frame),
      opts.coalesce === true,
    );
    const answer = (): void => {
      const request: HandshakeRequest = { url, headers: lowerCaseNames(req.headers), protocols: [...protocols] };
      let decision: HandshakeDecision;
      try {
        decision = handler.handshake(request);
      } catch (error) {
        down.push({ kind: 'refuse', status: 500, body: '' });
        throw error;
      }
      // A held handshake is never answered: the client's connect timeout is what ends it.
      if (!decision.accept && decision.hold === true) return;
      if (!decision.accept) {
        down.push({ kind: 'refuse', status: decision.status, body: decision.body ?? '' });
        return;
      }
      open++;
      server = new MemoryServerConnection(
        request,
        (frame) => down.push(frame),
        clock,
        () => open--,
      );
      // As with `ws`, a subprotocol is only answered to a client that asked for one.
      down.push({ kind: 'accept', protocol: protocols.length > 0 ? (decision.protocol ?? '') : '' });
      handler.connection(server);
    };
    const up = new OrderedDelivery<UpFrame>(
      clock,
      () => latency('upstream'),
      (frame) => {
        if (frame.kind !== 'handshake') return server?.receive(frame);
        handshakeArrived = true;
        // A client that gave up before its handshake arrived never reaches the server.
        if (!abortedBeforeHandshake) answer();
      },
    );
    const socket = new MemorySocket(
      url,
      protocols,
      (frame) => {
        if (frame.kind === 'reset' && !handshakeArrived) abortedBeforeHandshake = true;
        if ((frame.kind === 'text' || frame.kind === 'binary') && server?.takeClientSendFailure())
          throw clientSendError();
        up.push(frame);
      },
      clock,
    );
    up.push({ kind: 'handshake' });
    return socket;
  };

  return { socketFactory, connections: () => open };
}

/** WHATWG `new WebSocket(url)` throws a `SyntaxError` for anything but a ws/wss URL. */
function checkUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new DOMException(`expected an absolute ws:// or wss:// URL, got "${url}"`, 'SyntaxError');
  }
  if (parsed.protocol !== 'ws:' && parsed.protocol !== 'wss:') {
    throw new DOMException(`expected a ws:// or wss:// URL, got "${url}"`, 'SyntaxError');
  }
  return url;
}

/** HTTP header names are case-insensitive; servers see them lower-cased, repeats joined. */
function lowerCaseNames(headers: Readonly<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    const key = name.toLowerCase();
    out[key] = out[key] === undefined ? value : `${out[key]}, ${value}`;
  }
  return out;
}
