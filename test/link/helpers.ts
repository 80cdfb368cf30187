import type {
  ConnectionHandler,
  HandshakeDecision,
  HandshakeRequest,
  ServerConnection,
  SocketEventMap,
  SocketFactory,
  SocketLike,
} from '../../src/link/index.js';

/** A link under test, on whichever clock it runs. */
export interface LinkEnv {
  /** Where clients connect. */
  readonly url: string;
  readonly socketFactory: SocketFactory;
  connections(): number;
  /** Lets time pass until `p` settles (the virtual clock's `run`, or just `p` on real time). */
  run<T>(p: Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export type MakeLinkEnv = (handler: ConnectionHandler) => Promise<LinkEnv>;

type AnyEvent = SocketEventMap[keyof SocketEventMap];

/** Resolves when `check()` holds, re-checking whenever `poke` runs. */
class Waiters {
  readonly #waiting: { check: () => boolean; resolve: () => void }[] = [];

  until(check: () => boolean): Promise<void> {
    if (check()) return Promise.resolve();
    return new Promise((resolve) => this.#waiting.push({ check, resolve }));
  }

  poke(): void {
    for (const w of [...this.#waiting]) {
      if (w.check()) {
        this.#waiting.splice(this.#waiting.indexOf(w), 1);
        w.resolve();
      }
    }
  }
}

/** One accepted connection, with everything the server saw on it. */
export class ServerSide {
  readonly texts: string[] = [];
  readonly binaries: Uint8Array[] = [];
  closed: { code: number; reason: string } | undefined;
  closeCount = 0;
  readonly #waiters = new Waiters();

  constructor(readonly conn: ServerConnection) {
    conn.onMessage((text) => {
      this.texts.push(text);
      this.#waiters.poke();
    });
    conn.onBinary?.((data) => {
      this.binaries.push(data);
      this.#waiters.poke();
    });
    conn.onClose((code, reason) => {
      this.closed = { code, reason };
      this.closeCount++;
      this.#waiters.poke();
    });
  }

  until(check: (side: this) => boolean): Promise<void> {
    return this.#waiters.until(() => check(this));
  }
}

/** A handler whose answer the test sets, recording every handshake and connection. */
export class TestServer implements ConnectionHandler {
  decision: HandshakeDecision = { accept: true };
  /** Runs on each new connection, after it is recorded. */
  onConnection: ((side: ServerSide) => void) | undefined;
  readonly handshakes: HandshakeRequest[] = [];
  readonly sides: ServerSide[] = [];
  readonly #waiters = new Waiters();

  handshake(request: HandshakeRequest): HandshakeDecision {
    this.handshakes.push(request);
    return this.decision;
  }

  connection(conn: ServerConnection): void {
    const side = new ServerSide(conn);
    this.sides.push(side);
    this.onConnection?.(side);
    this.#waiters.poke();
  }

  /** The n-th connection (0-based), once it exists. */
  async side(n = 0): Promise<ServerSide> {
    await this.#waiters.until(() => this.sides.length > n);
    return this.sides[n]!;
  }
}

/** A client socket with a log of every event it dispatched. */
export class TestClient {
  readonly log: AnyEvent[] = [];
  readonly states: number[] = [];
  readonly #waiters = new Waiters();

  constructor(readonly socket: SocketLike) {
    this.states.push(socket.readyState);
    const record = (event: AnyEvent): void => {
      this.log.push(event);
      this.states.push(socket.readyState);
      this.#waiters.poke();
    };
    socket.addEventListener('open', record);
    socket.addEventListener('message', record);
    socket.addEventListener('close', record);
    socket.addEventListener('error', record);
  }

  static open(
    env: LinkEnv,
    opts: { headers?: Record<string, string>; protocols?: string[]; url?: string } = {},
  ): TestClient {
    const request = {
      url: opts.url ?? env.url,
      headers: opts.headers ?? {},
      ...(opts.protocols ? { protocols: opts.protocols } : {}),
    };
    return new TestClient(env.socketFactory(request));
  }

  types(): string[] {
    return this.log.map((e) => e.type);
  }

  messages(): unknown[] {
    return this.log.flatMap((e) => (e.type === 'message' ? [e.data] : []));
  }

  closeEvent(): SocketEventMap['close'] | undefined {
    return this.log.find((e): e is SocketEventMap['close'] => e.type === 'close');
  }

  errorEvent(): SocketEventMap['error'] | undefined {
    return this.log.find((e): e is SocketEventMap['error'] => e.type === 'error');
  }

  until(check: (client: this) => boolean): Promise<void> {
    return this.#waiters.until(() => check(this));
  }

  opened(): Promise<void> {
    return this.until((c) => c.types().includes('open'));
  }

  closed(): Promise<void> {
    return this.until((c) => c.types().includes('close'));
  }
}

/** Catches what `fn` throws, for assertions on errors that are not `Error`s. */
export function thrownBy(fn: () => void): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to throw');
}
