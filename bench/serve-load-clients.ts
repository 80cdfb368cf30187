/**
 * The load generator of bench/serve-load.ts, in a process of its own so that it does not share
 * the server's core: N WebSocket clients on loopback, each streaming 100 ms of 24 kHz PCM16
 * (4800 bytes, base64) every 100 ms in real time and taking a manual turn every
 * {@link TURN_EVERY_MS}: `input_audio_buffer.commit` then `response.create`. It measures, per
 * turn, the lag of `input_audio_buffer.committed` after the commit was sent, and of the first
 * `response.output_audio.delta` after `response.create` was sent, minus the reply's configured
 * time to first token.
 *
 * Run as `node --import tsx bench/serve-load-clients.ts '<json LoadSpec>'`: forked, it sends a
 * {@link LoadReport} to its parent over IPC; run by hand (against `rt-sim serve`, e.g. to profile
 * the server), it prints the report as JSON. It stops by itself: every session ends after its
 * `seconds`, answers still owed are waited for at most {@link DRAIN_MS}, then every socket closes.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import WebSocket from 'ws';
import { percentile } from './common.js';

/** What to run. */
export interface LoadSpec {
  url: string;
  sessions: number;
  /** Streaming time of each session, after the ramp (sessions start staggered over one turn). */
  seconds: number;
  /** Subtracted from the first-delta lag: the reply's `ttftMs` (0 for the bare server). */
  ttftMs: number;
}

/** What the generator saw and what it cost. */
export interface LoadReport {
  /** Sessions that reached streaming (handshake and session.update answered). */
  connected: number;
  /** Milliseconds, one per turn answered. */
  committedLag: number[];
  deltaLag: number[];
  /** Turns whose commit (or response) had no answer by the end. */
  unanswered: number;
  errors: number;
  /** Sockets that closed before the generator closed them. */
  droppedSockets: number;
  framesSent: number;
  framesReceived: number;
  /** The generator's own CPU time (µs) and wall time (ms) over the streaming phase. */
  cpu: { user: number; system: number };
  wallMs: number;
  /** The generator's event-loop delay (ms): when it is high, the generator is late, not the server. */
  loopDelay: { p99: number; max: number };
}

const APPEND_EVERY_MS = 100;
const TURN_EVERY_MS = 2000;
const DRAIN_MS = 1000;
const CONNECT_AT_ONCE = 32;

/** The append frame, built once: the same 100 ms of audio every time (its content does not matter). */
function appendFrame(): Buffer {
  const pcm = Buffer.alloc(4800);
  for (let i = 0; i < 2400; i++) pcm.writeInt16LE(Math.round(3000 * Math.sin((2 * Math.PI * 220 * i) / 24000)), i * 2);
  return Buffer.from(JSON.stringify({ type: 'input_audio_buffer.append', audio: pcm.toString('base64') }));
}
const APPEND = appendFrame();
const COMMIT = Buffer.from(JSON.stringify({ type: 'input_audio_buffer.commit' }));
const CREATE = Buffer.from(JSON.stringify({ type: 'response.create' }));
const MANUAL_TURNS = JSON.stringify({ type: 'session.update', session: { turn_detection: null } });

/** The top-level `type` of a server frame, read from its head without parsing its audio. */
function typeOf(data: Buffer): string {
  const head = data.toString('latin1', 0, Math.min(data.length, 200));
  const at = head.indexOf('"type":"');
  if (at < 0) return '';
  const from = at + 8;
  return head.slice(from, head.indexOf('"', from));
}

class LoadSession {
  readonly commits: number[] = [];
  readonly creates: number[] = [];
  private ws!: WebSocket;
  private closing = false;
  private timer: NodeJS.Timeout | undefined;
  private appends = 0;

  constructor(
    private readonly spec: LoadSpec,
    private readonly report: LoadReport,
  ) {}

  /** Opens the socket and turns server VAD off; resolves false when that failed. */
  open(): Promise<boolean> {
    return new Promise((resolve) => {
      this.ws = new WebSocket(`${this.spec.url}?model=grok-voice-think-fast-2.0`, {
        headers: { Authorization: 'Bearer bench-key' },
        perMessageDeflate: false,
      });
      let ready = false;
      this.ws.on('message', (data: Buffer) => {
        this.report.framesReceived++;
        const type = typeOf(data);
        if (!ready) {
          if (type === 'session.created') this.ws.send(MANUAL_TURNS);
          else if (type === 'session.updated') {
            ready = true;
            resolve(true);
          }
          return;
        }
        this.received(type);
      });
      this.ws.on('error', () => undefined);
      this.ws.on('close', () => {
        if (!this.closing) this.report.droppedSockets++;
        resolve(false);
      });
    });
  }

  private received(type: string): void {
    const now = performance.now();
    if (type === 'input_audio_buffer.committed') {
      const sent = this.commits.shift();
      if (sent !== undefined) this.report.committedLag.push(now - sent);
    } else if (type === 'response.output_audio.delta' && this.creates.length > 0) {
      // The first delta of the response; its later ones find no pending create.
      const sent = this.creates.shift()!;
      this.report.deltaLag.push(now - sent - this.spec.ttftMs);
    } else if (type === 'error') this.report.errors++;
  }

  /** Streams from `startAt` until `endAt` (performance.now times). */
  stream(startAt: number, endAt: number): Promise<void> {
    return new Promise((resolve) => {
      const tick = (): void => {
        if (performance.now() >= endAt || this.ws.readyState !== WebSocket.OPEN) {
          clearInterval(this.timer);
          resolve();
          return;
        }
        this.send(APPEND);
        this.appends++;
        if (this.appends % (TURN_EVERY_MS / APPEND_EVERY_MS) === 0) {
          this.commits.push(performance.now());
          this.send(COMMIT);
          this.creates.push(performance.now());
          this.send(CREATE);
        }
      };
      setTimeout(
        () => {
          this.timer = setInterval(tick, APPEND_EVERY_MS);
          tick();
        },
        Math.max(0, startAt - performance.now()),
      );
    });
  }

  private send(frame: Buffer): void {
    this.report.framesSent++;
    this.ws.send(frame, { binary: false });
  }

  /** Turns still owed an answer. */
  owed(): number {
    return this.commits.length + this.creates.length;
  }

  close(): Promise<void> {
    this.closing = true;
    if (this.ws.readyState === WebSocket.CLOSED) return Promise.resolve();
    return new Promise((resolve) => {
      this.ws.once('close', () => resolve());
      this.ws.close(1000);
      // A server too busy to answer the close handshake does not hold the bench.
      setTimeout(() => {
        this.ws.terminate();
        resolve();
      }, DRAIN_MS).unref();
    });
  }
}

async function openAll(sessions: LoadSession[]): Promise<LoadSession[]> {
  const ok: LoadSession[] = [];
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < sessions.length) {
      const s = sessions[next++]!;
      if (await s.open()) ok.push(s);
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONNECT_AT_ONCE, sessions.length) }, worker));
  return ok;
}

/** Runs the load described by `spec`; everything it opened is closed when it resolves. */
export async function runLoad(spec: LoadSpec): Promise<LoadReport> {
  const report: LoadReport = {
    connected: 0,
    committedLag: [],
    deltaLag: [],
    unanswered: 0,
    errors: 0,
    droppedSockets: 0,
    framesSent: 0,
    framesReceived: 0,
    cpu: { user: 0, system: 0 },
    wallMs: 0,
    loopDelay: { p99: 0, max: 0 },
  };
  const all = Array.from({ length: spec.sessions }, () => new LoadSession(spec, report));
  const live = await openAll(all);
  report.connected = live.length;
  const loop = monitorEventLoopDelay({ resolution: 5 });
  loop.enable();
  const cpu0 = process.cpuUsage();
  // The parent measures the server's CPU over the same phase.
  process.send?.({ phase: 'start' });
  const t0 = performance.now() + 100;
  const end = t0 + TURN_EVERY_MS + spec.seconds * 1000;
  // Staggered over one turn: appends spread evenly over each 100 ms, and turns over each 2 s.
  await Promise.all(live.map((s, i) => s.stream(t0 + (i * TURN_EVERY_MS) / live.length, end)));
  const drainUntil = performance.now() + DRAIN_MS;
  while (live.some((s) => s.owed() > 0) && performance.now() < drainUntil) await new Promise((r) => setTimeout(r, 20));
  const cpu = process.cpuUsage(cpu0);
  process.send?.({ phase: 'end' });
  report.wallMs = performance.now() - t0;
  report.cpu = { user: cpu.user, system: cpu.system };
  loop.disable();
  report.loopDelay = { p99: loop.percentile(99) / 1e6, max: loop.max / 1e6 };
  report.unanswered = live.reduce((n, s) => n + s.owed(), 0);
  await Promise.all(all.map((s) => s.close()));
  return report;
}

if (process.argv[2] !== undefined && import.meta.filename === process.argv[1]) {
  const report = await runLoad(JSON.parse(process.argv[2]) as LoadSpec);
  if (process.send) {
    process.send(report);
    process.disconnect();
  } else {
    const lags = (xs: number[]) => ({
      n: xs.length,
      p50: percentile(xs, 50),
      p99: percentile(xs, 99),
      max: percentile(xs, 100),
    });
    const { committedLag, deltaLag, ...rest } = report;
    console.log(JSON.stringify({ ...rest, committed: lags(committedLag), delta: lags(deltaLag) }, null, 2));
  }
}
