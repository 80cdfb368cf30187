/**
 * What a simulator reports to its observers (`onFrame`, `onConnection`, `onClose`): frames at
 * its edge, handshake outcomes and ended connections.
 */
import type { CloseInitiator } from './session.js';

/** One frame crossing the simulator's edge. */
export interface SimFrame {
  /** 1-based number of the accepted connection. */
  connection: number;
  /** `in`: client → simulator (before upstream faults); `out`: simulator → client (after all faults). */
  direction: 'in' | 'out';
  /** Clock time. */
  time: number;
  text: string;
}

/** The outcome of a handshake. `attempt` counts handshakes (1-based), `connection` accepted ones. */
export type SimConnectionEvent =
  | { accepted: true; connection: number; attempt: number; time: number; url: string }
  | {
      accepted: false;
      connection: null;
      attempt: number;
      time: number;
      url: string;
      status: number;
      reason: string;
      held?: true;
    };

/** A connection ended. */
export interface SimCloseEvent {
  connection: number;
  time: number;
  /** Close code as the simulator saw it (1006 for a dropped connection). */
  code: number;
  reason: string;
  /**
   * Who ended it: the client, the simulator (script `close`, lifetime limit, `close()`), or a
   * fault (resetPeer, timeout, limitData).
   */
  initiator: CloseInitiator;
}
