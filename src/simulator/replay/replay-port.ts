import type { JsonObject } from '../../transcript/index.js';

/** What a player needs from its connection: the simulator's outbound path. */
export interface ReplayPort {
  /** Sends a recorded server frame (a JSON object is sent as `JSON.stringify(frame)`, text as is). */
  send(frame: JsonObject | string): void;
  /** Ends the connection as the recorded server did; 1006 drops it, 1005 closes without a code. */
  close(code: number, reason: string): void;
}
