import type { RealtimeSession } from '../client/index.js';
import type { SocketLike } from '../link/index.js';
import type { Failure } from './report.js';

/**
 * Checks §5.19's raw events against the client's sockets: one `openai_server_event_received`
 * for every JSON-object text frame a socket delivered to the client, one
 * `openai_client_event_queued` for every frame the client sent. The harness drops the raw
 * events from the golden (the frames are there already), so without this check a client
 * that stopped emitting them, or emitted them twice, would pass every scenario.
 */
export class RawEventCheck {
  /**
   * Per socket, in order of creation: JSON frames delivered, raw events emitted before it, and
   * whether the client closed it while it was the newest socket.
   */
  readonly #sockets: { frames: number; receivedAtStart: number; closedWhileNewest: boolean; dead: boolean }[] = [];
  #sends = 0;
  #received = 0;
  #queued = 0;

  /** Counts what `socket` carries; call it as the socket is created, before the client listens. */
  watch(socket: SocketLike): SocketLike {
    const entry = { frames: 0, receivedAtStart: this.#received, closedWhileNewest: false, dead: false };
    this.#sockets.push(entry);
    const close = socket.close.bind(socket);
    socket.close = (code, reason) => {
      if (this.#sockets.at(-1) === entry) entry.closedWhileNewest = true;
      close(code, reason);
    };
    socket.addEventListener('message', (e) => {
      if (typeof e.data !== 'string' || entry.dead) return;
      try {
        const v = JSON.parse(e.data) as unknown;
        if (typeof v === 'object' && v !== null && !Array.isArray(v)) entry.frames++;
      } catch {
        // Not JSON: the client dies on it (R2.5), emits no raw event for it and reads nothing
        // more from this socket, even a frame delivered in the same instant.
        entry.dead = true;
      }
    });
    const send = socket.send.bind(socket);
    socket.send = (data) => {
      this.#sends++;
      send(data);
    };
    return socket;
  }

  attach(session: RealtimeSession): void {
    session.onAny((name) => {
      if (name === 'openai_server_event_received') this.#received++;
      else if (name === 'openai_client_event_queued') this.#queued++;
    });
  }

  /** A failure per direction whose counts differ. */
  failures(): Failure[] {
    const out: Failure[] = [];
    const frames = this.#framesRead();
    if (this.#received !== frames) {
      out.push({
        kind: 'raw-events',
        message:
          `the client emitted ${this.#received} "openai_server_event_received" event(s) for the ${frames} JSON ` +
          `server event(s) its sockets delivered: expected one per event (§5.19)`,
      });
    }
    if (this.#queued !== this.#sends) {
      out.push({
        kind: 'raw-events',
        message:
          `the client emitted ${this.#queued} "openai_client_event_queued" event(s) for the ${this.#sends} ` +
          `frame(s) it sent: expected one per frame (§5.19)`,
      });
    }
    return out;
  }

  /**
   * The frames the client read: all of them, except on a socket it gave up unread — closed
   * by the client before any newer socket existed, with no raw event emitted until the next
   * one came (a reconnect burst whose send failed: its frames stayed unread, as the
   * reference's do). The last socket always counts, so a client that emits no raw event at
   * all still fails.
   */
  #framesRead(): number {
    let frames = 0;
    this.#sockets.forEach((s, i) => {
      const next = this.#sockets[i + 1];
      const unread = next !== undefined && s.closedWhileNewest && next.receivedAtStart === s.receivedAtStart;
      if (!unread) frames += s.frames;
    });
    return frames;
  }
}
