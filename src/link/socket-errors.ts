import { RtSimError } from '../protocol/index.js';
import type { CloseProblem } from './close-code.js';

const STATE_NAMES = ['CONNECTING', 'OPEN', 'CLOSING', 'CLOSED'] as const;

/**
 * What WHATWG `WebSocket.send` throws before the socket opens: a `DOMException` named
 * `InvalidStateError` (with the message `ws` uses).
 */
export function notOpenError(readyState: number): DOMException {
  const name = STATE_NAMES[readyState] ?? String(readyState);
  return new DOMException(`WebSocket is not open: readyState ${readyState} (${name})`, 'InvalidStateError');
}

/** What WHATWG `WebSocket.close` throws for a code or reason it cannot send. */
export function badCloseError(problem: CloseProblem): DOMException {
  return new DOMException(problem.message, problem.name);
}

/** What a server-side `close` throws for a code or reason it cannot send. */
export function badServerCloseError(problem: CloseProblem): RtSimError {
  return new RtSimError('RTSIM_LINK_BAD_CLOSE', `server close: ${problem.message}`);
}

/** What a client's `send` throws on rt-sim's links while a `failClientSends` fault is armed: a write that failed. */
export function clientSendError(): RtSimError {
  return new RtSimError(
    'RTSIM_LINK_SEND_FAILED',
    'send failed: the write to the socket did not go through (a failClientSends fault)',
  );
}
