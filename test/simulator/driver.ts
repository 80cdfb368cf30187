/**
 * A small test driver: a simulator on a virtual clock behind the in-memory link, and
 * hand-driven clients that send raw protocol frames and collect what comes back. The
 * simulator runs in strict mode, and every frame it sends in any test is also checked
 * against the protocol catalogue here (`traffic.invalid`).
 */
import { isServerToolEventType } from '../../src/simulator/server-tools.js';
import { VirtualClock, createRandom } from '../../src/clock/index.js';
import type { SocketLike } from '../../src/link/index.js';
import { createMemoryLink } from '../../src/link/index.js';
import { encodePcm16, parseServerEvent } from '../../src/protocol/index.js';
import type { CreateSimulatorOptions, Simulator, SimulatorConfig, SimFrame } from '../../src/simulator/index.js';
import { createSimulator, toneSamples, silenceSamples } from '../../src/simulator/index.js';

/**
 * A JSON object a test reads by path (a server frame, an HTTP body). Loose on purpose: the
 * simulator's strict mode checks every frame's shape, so the tests assert values only.
 */
// biome-ignore lint/suspicious/noExplicitAny: JSON a test reaches into by path; strict mode checks the shapes
export type Json = Record<string, any>;

/** A server event as received: JSON with at least a type. */
export type Received = { type: string; event_id?: string; [key: string]: unknown } & Json;

/** Frames every driver saw in this test file that do not parse with the catalogue. */
export const traffic = { invalid: [] as { text: string; why: string }[], checked: 0 };

export const TEST_KEY = 'test-key';

/** One hand-driven client connection. */
export class TestClient {
  readonly received: Received[] = [];
  readonly times: number[] = [];
  opened = false;
  closed: { code: number; reason: string; wasClean: boolean } | undefined;
  errors: string[] = [];
  /** Raw texts, including frames that are not JSON. */
  readonly texts: string[] = [];
  private waiters: (() => void)[] = [];

  constructor(
    readonly socket: SocketLike,
    clock: VirtualClock,
  ) {
    socket.addEventListener('open', () => {
      this.opened = true;
      this.wake();
    });
    socket.addEventListener('message', (e) => {
      const text = String(e.data);
      this.texts.push(text);
      try {
        this.received.push(JSON.parse(text) as Received);
        this.times.push(clock.now());
      } catch {
        // Kept in `texts` only.
      }
      this.wake();
    });
    socket.addEventListener('close', (e) => {
      this.closed = { code: e.code, reason: e.reason, wasClean: e.wasClean };
      this.wake();
    });
    socket.addEventListener('error', (e) => this.errors.push(e.message ?? 'error'));
  }

  private wake(): void {
    for (const w of this.waiters.splice(0)) w();
  }

  /** Resolves when `test` holds, checked after each event of the socket. */
  until(test: () => boolean): Promise<void> {
    return new Promise((resolve) => {
      const check = (): void => {
        if (test()) resolve();
        else this.waiters.push(check);
      };
      check();
    });
  }

  /** Sends a client event (object) or raw text. */
  send(event: Record<string, unknown> | string): void {
    this.socket.send(typeof event === 'string' ? event : JSON.stringify(event));
  }

  /** Appends audio in 100 ms chunks of 24 kHz PCM16. */
  append(samples: Int16Array, chunkMs = 100): void {
    const n = (24000 * chunkMs) / 1000;
    for (let i = 0; i < samples.length; i += n)
      this.send({ type: 'input_audio_buffer.append', audio: encodePcm16(samples.subarray(i, i + n)) });
  }

  /** Events of a type (or all). */
  events(type?: string): Received[] {
    return type === undefined ? this.received : this.received.filter((e) => e.type === type);
  }

  /** Types in order, optionally without some. */
  types(skip: readonly string[] = []): string[] {
    return this.received.map((e) => e.type).filter((t) => !skip.includes(t));
  }

  /** Time each event of a type arrived. */
  timesOf(type: string): number[] {
    return this.received.flatMap((e, i) => (e.type === type ? [this.times[i]!] : []));
  }

  /** Resolves once `count` events of `type` arrived (run it with clock.run). */
  async waitFor(type: string, count = 1): Promise<Received> {
    await this.until(() => this.events(type).length >= count || this.closed !== undefined);
    if (this.events(type).length < count) {
      throw new Error(
        `connection closed (${this.closed!.code}) before ${count} × ${type}; got ${this.types().join(', ')}`,
      );
    }
    return this.events(type)[count - 1]!;
  }

  /** Resolves once the connection closed. */
  waitClosed(): Promise<void> {
    return this.until(() => this.closed !== undefined);
  }

  close(code = 1000, reason = ''): void {
    this.socket.close(code, reason);
  }
}

/** A simulator with a virtual clock and a memory link. */
export class Harness {
  readonly frames: SimFrame[] = [];
  readonly clients: TestClient[] = [];

  private constructor(
    readonly clock: VirtualClock,
    readonly sim: Simulator,
    private readonly factory: ReturnType<typeof createMemoryLink>['socketFactory'],
    private readonly checkTraffic: boolean,
  ) {
    sim.onFrame((f) => {
      this.frames.push(f);
      if (f.direction !== 'out' || !this.checkTraffic) return;
      traffic.checked++;
      const parsed = parseServerEvent(f.text);
      if (!parsed.ok) traffic.invalid.push({ text: f.text, why: parsed.error.message });
      else if (!parsed.known && !isServerToolEventType(parsed.event.type))
        traffic.invalid.push({ text: f.text, why: `unknown type ${parsed.event.type}` });
    });
  }

  static async start(
    config: SimulatorConfig,
    opts: Partial<Omit<CreateSimulatorOptions, 'config' | 'clock' | 'random'>> & {
      seed?: number;
      latencyMs?: number;
      checkTraffic?: boolean;
    } = {},
  ): Promise<Harness> {
    const clock = new VirtualClock();
    const { seed = 1, latencyMs = 0, checkTraffic = true, ...rest } = opts;
    // These unit tests state the documented protocol shapes: they run under the 2025-12
    // profile unless a test names one (test/simulator/profile covers xai-2026).
    const pinned: SimulatorConfig = { ...config, server: { profile: 'xai-2025-12', ...config.server } };
    const sim = await createSimulator({
      clock,
      random: createRandom(seed),
      config: pinned,
      apiKey: TEST_KEY,
      strict: true,
      ...rest,
    });
    const link = createMemoryLink(sim, { clock, latencyMs });
    return new Harness(clock, sim, link.socketFactory, checkTraffic);
  }

  /** Opens a client connection; resolves when the client sees `open` (or `close`). */
  async connect(
    opts: { query?: string; headers?: Record<string, string>; protocols?: string[]; path?: string } = {},
  ): Promise<TestClient> {
    const url = `wss://api.x.ai${opts.path ?? '/v1/realtime'}?${opts.query ?? 'model=grok-4-1-fast-non-reasoning'}`;
    const socket = this.factory({
      url,
      headers: opts.headers ?? { Authorization: `Bearer ${TEST_KEY}` },
      ...(opts.protocols ? { protocols: opts.protocols } : {}),
    });
    const client = new TestClient(socket, this.clock);
    this.clients.push(client);
    await this.clock.run(client.until(() => client.opened || client.closed !== undefined));
    // Let the frames sent on accept (conversation.created…) arrive too.
    await this.clock.advance(0);
    return client;
  }

  /** Runs the clock until `p` settles. */
  run<T>(p: Promise<T>, maxMs = 600_000): Promise<T> {
    return this.clock.run(p, { maxMs: this.clock.now() + maxMs });
  }

  /** Moves virtual time forward. */
  advance(ms: number): Promise<void> {
    return this.clock.advance(ms);
  }

  /** Closes every client and the simulator, and leaves no timer behind. */
  async stop(): Promise<void> {
    for (const c of this.clients) if (!c.closed) c.socket.close(1000, 'test over');
    await this.sim.close();
    await this.clock.advance(1000);
  }
}

/** `ms` of a loud 24 kHz tone (speech to the VAD). */
export function speech(ms: number, level = 0.5): Int16Array {
  return toneSamples(300, ms, level);
}

/** `ms` of silence. */
export function silence(ms: number): Int16Array {
  return silenceSamples(ms);
}

/** Concatenates sample arrays. */
export function concat(...parts: Int16Array[]): Int16Array {
  const out = new Int16Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** A user text item create event. */
export function userText(text: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    type: 'conversation.item.create',
    item: { type: 'message', role: 'user', content: [{ type: 'input_text', text }] },
    ...extra,
  };
}
