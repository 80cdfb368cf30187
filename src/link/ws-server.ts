import { createServer, STATUS_CODES, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { ConnectionHandler, HandshakeDecision, HandshakeRequest, HttpAnswer } from './server.js';
import { WsServerConnection } from './ws-server-connection.js';

/** Options of {@link startWsServer}. */
export interface WsServerOptions {
  /** Interface to bind; loopback unless told otherwise. Default `127.0.0.1`. */
  host?: string;
  /** Port; 0 (default) picks a free one. */
  port?: number;
  /** The one path that accepts WebSocket upgrades; others get a plain 404. Default `/v1/realtime`. */
  path?: string;
  /**
   * Hand upgrades to every path to the handler, which answers the wrong ones itself (the
   * simulator's JSON `not_found`, as the service sends). Default false: the plain 404 above.
   */
  anyPath?: boolean;
  /**
   * Largest frame accepted, in bytes; a bigger one closes the connection with 1009 before
   * the handler sees it. Default: `ws`'s own (100 MiB).
   */
  maxPayload?: number;
  /**
   * Frames a connection sends in one turn of the event loop leave in one socket write (the
   * socket is corked until the current task's microtasks have run). Order and content do not
   * change; a server of many sessions makes fewer system calls. Default false.
   */
  batchWrites?: boolean;
  /**
   * Called with what the handler throws. By default the error is rethrown as an uncaught
   * error, so a bug in a handler does not pass silently.
   */
  onError?: (error: unknown) => void;
}

/** A running server. */
export interface WsServerHandle {
  /** `ws://HOST:PORT/PATH`, ready for a client. */
  readonly url: string;
  readonly host: string;
  readonly port: number;
  /** Connections currently open. */
  connections(): number;
  /** Terminates open sockets (clients see 1006) and resolves once the port is released. */
  close(): Promise<void>;
}

/**
 * Serves `handler` over real WebSockets (the `ws` package behind a `node:http` server), so
 * any client in any language can talk to it. A refused handshake gets a real HTTP answer
 * with the decision's status and body; an upgrade to another path gets 404. A plain HTTP
 * request goes to the handler's optional `http` (REST endpoints), else gets 426.
 */
export async function startWsServer(handler: ConnectionHandler, opts: WsServerOptions = {}): Promise<WsServerHandle> {
  const host = opts.host ?? '127.0.0.1';
  const path = opts.path ?? '/v1/realtime';
  const report =
    opts.onError ??
    ((error: unknown) =>
      queueMicrotask(() => {
        throw error;
      }));
  // The handler picks the subprotocol before `ws` answers; `handleProtocols` reads it back.
  const chosenProtocol = new WeakMap<IncomingMessage, string>();
  /** Upgrade requests the handler holds (`hold: true`), never answered. */
  const held = new Set<Duplex>();
  const wss = new WebSocketServer({
    noServer: true,
    ...(opts.maxPayload === undefined ? {} : { maxPayload: opts.maxPayload }),
    handleProtocols: (_offered, req) => chosenProtocol.get(req) ?? false,
  });
  const http = createServer((req, res) => {
    const plain = (): void => {
      res.writeHead(426, { 'content-type': 'text/plain; charset=utf-8', connection: 'close' });
      res.end(`expected a WebSocket upgrade to ${path}`);
    };
    if (!handler.http) return plain();
    readBody(req, MAX_HTTP_BODY, (body) => {
      if (body === undefined) {
        res.writeHead(413, { 'content-type': 'text/plain; charset=utf-8', connection: 'close' });
        return res.end(`request body over ${MAX_HTTP_BODY} bytes`);
      }
      let answer: HttpAnswer | undefined;
      try {
        answer = handler.http?.({ method: req.method ?? 'GET', url: req.url ?? '/', headers: headersOf(req), body });
      } catch (error) {
        res.writeHead(500, { connection: 'close' });
        res.end();
        return report(error);
      }
      if (answer === undefined) return plain();
      res.writeHead(answer.status, {
        'content-type': looksLikeJson(answer.body) ? 'application/json' : 'text/plain; charset=utf-8',
      });
      res.end(answer.body);
    });
  });
  let port = 0;

  http.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    const pathname = pathOf(req.url);
    if (pathname !== path && !opts.anyPath) {
      return answerHttp(socket, 404, `no WebSocket endpoint at ${pathname}; expected ${path}`);
    }
    const request = handshakeRequest(req, host, port);
    let decision: HandshakeDecision;
    try {
      decision = handler.handshake(request);
    } catch (error) {
      answerHttp(socket, 500, '');
      return report(error);
    }
    if (!decision.accept && decision.hold === true) {
      // Never answered: the client gives up (its connect timeout) or the server closes it.
      held.add(socket);
      socket.on('close', () => held.delete(socket));
      return;
    }
    if (!decision.accept) return answerHttp(socket, decision.status, decision.body ?? '');
    if (decision.protocol !== undefined) chosenProtocol.set(req, decision.protocol);
    wss.handleUpgrade(req, socket, head, (ws) => {
      try {
        handler.connection(new WsServerConnection(request, ws, opts.batchWrites === true));
      } catch (error) {
        report(error);
      }
    });
  });

  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(opts.port ?? 0, host, () => {
      http.off('error', reject);
      resolve();
    });
  });
  port = (http.address() as AddressInfo).port;

  let closing: Promise<void> | undefined;
  const close = (): Promise<void> =>
    (closing ??= new Promise<void>((resolve, reject) => {
      for (const ws of wss.clients) ws.terminate();
      for (const socket of held) socket.destroy();
      wss.close();
      http.close((error) => (error ? reject(error) : resolve()));
      http.closeAllConnections();
    }));

  return {
    url: `ws://${host.includes(':') ? `[${host}]` : host}:${port}${path}`,
    host,
    port,
    connections: () => wss.clients.size,
    close,
  };
}

/** Largest plain HTTP request body read (the REST endpoints take small JSON bodies). */
const MAX_HTTP_BODY = 64 * 1024;

/** Reads a request body as UTF-8; `undefined` once it grows over `max` bytes. */
function readBody(req: IncomingMessage, max: number, done: (body: string | undefined) => void): void {
  const chunks: Buffer[] = [];
  let size = 0;
  let over = false;
  req.on('data', (chunk: Buffer) => {
    size += chunk.length;
    if (size > max) over = true;
    else chunks.push(chunk);
  });
  req.on('end', () => done(over ? undefined : Buffer.concat(chunks).toString('utf8')));
  req.on('error', () => req.destroy());
}

function headersOf(req: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return headers;
}

function pathOf(url: string | undefined): string {
  try {
    return new URL(url ?? '/', 'http://localhost').pathname;
  } catch {
    return url ?? '';
  }
}

/** The handshake as the client sent it: header names come lower-cased from `node:http`. */
function handshakeRequest(req: IncomingMessage, host: string, port: number): HandshakeRequest {
  const headers = headersOf(req);
  const protocols = (headers['sec-websocket-protocol'] ?? '')
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p !== '');
  return { url: `ws://${headers.host ?? `${host}:${port}`}${req.url ?? '/'}`, headers, protocols };
}

/** Answers an upgrade request with a plain HTTP response and closes the socket. */
function answerHttp(socket: Duplex, status: number, body: string): void {
  const bytes = Buffer.from(body, 'utf8');
  const type = looksLikeJson(body) ? 'application/json' : 'text/plain; charset=utf-8';
  const header =
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Unknown'}\r\n` +
    'Connection: close\r\n' +
    `Content-Type: ${type}\r\n` +
    `Content-Length: ${bytes.length}\r\n\r\n`;
  socket.once('finish', () => socket.destroy());
  socket.end(Buffer.concat([Buffer.from(header, 'latin1'), bytes]));
}

function looksLikeJson(body: string): boolean {
  const t = body.trimStart();
  return t.startsWith('{') || t.startsWith('[');
}
