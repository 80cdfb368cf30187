import WebSocket from 'ws';

/** A raw `ws` client with its messages queued, for driving the recorder like a real app. */
export class TestClient {
  readonly ws: WebSocket;
  readonly received: Record<string, unknown>[] = [];
  readonly binaries: Uint8Array[] = [];
  readonly opened: Promise<void>;
  readonly closed: Promise<{ code: number; reason: string }>;
  readonly #waiting: { type: string; resolve: (event: Record<string, unknown>) => void }[] = [];
  readonly #binaryWaiters: (() => void)[] = [];
  #read = 0;

  constructor(url: string, options: { headers?: Record<string, string>; protocols?: string[] } = {}) {
    this.ws = new WebSocket(url, options.protocols ?? [], { headers: options.headers ?? {} });
    this.ws.on('error', () => {});
    this.opened = new Promise((resolve, reject) => {
      this.ws.once('open', () => resolve());
      this.ws.once('close', () => reject(new Error('closed before opening')));
    });
    this.opened.catch(() => {});
    this.closed = new Promise((resolve) =>
      this.ws.once('close', (code, reason) => resolve({ code, reason: reason.toString('utf8') })),
    );
    this.ws.on('message', (data, isBinary) => {
      if (isBinary) {
        this.binaries.push(new Uint8Array(data as Buffer));
        this.#poke();
        return;
      }
      const event = JSON.parse(String(data)) as Record<string, unknown>;
      this.received.push(event);
      this.#poke();
    });
  }

  send(event: Record<string, unknown>): void {
    this.ws.send(JSON.stringify(event));
  }

  /** The next unread message of `type`, skipping (and consuming) others before it. */
  next(type: string): Promise<Record<string, unknown>> {
    return new Promise((resolve) => {
      this.#waiting.push({ type, resolve });
      this.#poke();
    });
  }

  async close(code = 1000, reason = 'done'): Promise<{ code: number; reason: string }> {
    if (this.ws.readyState === WebSocket.OPEN || this.ws.readyState === WebSocket.CONNECTING)
      this.ws.close(code, reason);
    return this.closed;
  }

  /** Resolves once `count` binary frames have arrived. */
  binaryFrames(count: number): Promise<Uint8Array[]> {
    return new Promise((resolve) => {
      const check = (): void => {
        if (this.binaries.length >= count) resolve(this.binaries.slice(0, count));
        else this.#binaryWaiters.push(check);
      };
      check();
    });
  }

  #poke(): void {
    for (const waiter of this.#binaryWaiters.splice(0)) waiter();
    while (this.#waiting.length > 0) {
      const waiter = this.#waiting[0]!;
      const index = this.received.findIndex((e, i) => i >= this.#read && e.type === waiter.type);
      if (index < 0) return;
      this.#read = index + 1;
      this.#waiting.shift();
      waiter.resolve(this.received[index]!);
    }
  }
}
