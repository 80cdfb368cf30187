/**
 * Public API of `src/link`: WebSocket-shaped sockets for the client and connection handlers
 * for the server, over memory (on a clock) or real WebSockets. Other folders import only
 * from here.
 */
export {
  ReadyState,
  type ReadyStateValue,
  type SocketData,
  type SocketMessageEvent,
  type SocketCloseEvent,
  type SocketErrorEvent,
  type SocketOpenEvent,
  type SocketEventMap,
  type SocketLike,
  type ConnectRequest,
  type SocketFactory,
} from './socket.js';
export type {
  HandshakeRequest,
  HandshakeDecision,
  ServerConnection,
  ConnectionHandler,
  HttpRequest,
  HttpAnswer,
} from './server.js';
export { ABNORMAL_CLOSE_CODE, NO_STATUS_CODE } from './close-code.js';
export { SocketEventTarget, type SocketEvent } from './socket-event-target.js';
export { createMemoryLink, type MemoryLink, type MemoryLinkOptions, type LinkDirection } from './memory.js';
export { MemorySocket } from './memory-socket.js';
export { startWsServer, type WsServerHandle, type WsServerOptions } from './ws-server.js';
export { createClockedLoopbackLink, type ClockedLoopbackLink, type HoldingClock } from './clocked-loopback.js';
export { wsSocketFactory, globalWebSocketFactory, WsSocket } from './ws-client.js';
export { protocolErrorCode } from './protocol-error.js';
