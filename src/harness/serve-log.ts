import { createNormaliser } from '../protocol/index.js';
import type { Normaliser } from '../protocol/index.js';
import type { SimCloseEvent, SimConnectionEvent, SimFrame, Simulator } from '../simulator/index.js';
import { connectionCountFailure, frameCountFailure, frameCounts } from './expect.js';
import { frameKindOf } from './frame-type.js';
import type { FrameExpectation } from './expect.js';
import { FrameRing } from './frame-ring.js';
import type { Expectation } from './scenario.js';
import { declaredServerErrors, undeclaredServerError } from './server-errors.js';

/** Frames kept per connection by default (`rt-sim serve --ring`). */
export const DEFAULT_RING = 200;
/** Closed connections whose summary (and ring) the verdict keeps by default (`--keep-closed`). */
export const DEFAULT_KEEP_CLOSED = 10;
/** Distinct frame types counted per direction; a client inventing types counts under {@link OTHER_TYPES} beyond it. */
export const MAX_FRAME_TYPES = 500;
/** The key counting frames of types beyond {@link MAX_FRAME_TYPES}. */
export const OTHER_TYPES = '(other types)';
/** Type names the log keeps one copy of (both directions); rings refer to any others as they came. */
const MAX_NAMES = 2 * MAX_FRAME_TYPES;
/** Longer type strings (a hostile client's) are cut to this many characters. */
const MAX_TYPE_CHARS = 80;
/** Undeclared server errors the verdict names in full; later ones are only counted. */
const MAX_UNDECLARED_KEPT = 20;

/** How much of the traffic a served scenario keeps. */
export interface ServeLogOptions {
  /** Most recent frames kept per connection. Default {@link DEFAULT_RING}. */
  ring?: number;
  /** Closed connections whose summary is kept, newest. Default {@link DEFAULT_KEEP_CLOSED}. */
  keepClosed?: number;
}

/** One connection as the verdict shows it. */
export interface ConnectionSummary {
  conn: number;
  attempt: number;
  /** Milliseconds since the server started. */
  openedAt: number;
  closedAt?: number;
  code?: number;
  reason?: string;
  closedBy?: string;
  /** Frames of this connection, exact, kept or not. */
  frames: { client: number; server: number };
  /** `all 12 frames kept`, or `frames 1–9800 not kept; ring of 200`. */
  kept: string;
  /** The kept frames, oldest first: `"<n> <ms>ms <client|server> <type>"`. */
  recent: string[];
}

interface Live {
  summary: Omit<ConnectionSummary, 'kept' | 'recent'>;
  ring: FrameRing;
  /** Per connection, so ids get placeholders without a map that grows with every connection. */
  normaliser: Normaliser | undefined;
}

/**
 * What `serve` keeps of its clients' traffic, in memory bounded whatever the number of
 * connections or frames (issue 11): exact counts (per type and direction, per connection),
 * the scenario's frame and connection expectations counted as frames arrive, and a ring of
 * the most recent frames of each open connection and of the last few closed ones. A closed
 * connection's state is freed, apart from a summary among the last `keepClosed`.
 *
 * Frame bodies are read (normalised per connection) only when an expectation has a
 * `match`, and never kept; otherwise a frame is read only as far as its type (and a server
 * `error` whole, to name it).
 */
export class ServeLog {
  readonly ring: number;
  readonly keepClosed: number;
  private readonly live = new Map<number, Live>();
  private readonly closed: ConnectionSummary[] = [];
  private readonly types = { client: new Map<string, number>(), server: new Map<string, number>() };
  private readonly totals = { client: 0, server: 0 };
  private accepted = 0;
  private refused = 0;
  private closedCount = 0;
  private readonly frameExpectations: { index: number; e: FrameExpectation; n: number }[];
  private readonly needsBodies: boolean;
  /** `from type` of the frames a `match` reads whole; the others are normalised for their ids only. */
  private readonly matched: Set<string>;
  private readonly declaredErrors: ReturnType<typeof declaredServerErrors>;
  /** The first undeclared server errors, in full; the rest only counted. */
  private readonly undeclared: string[] = [];
  private undeclaredCount = 0;
  /** One string per frame type seen, so that the rings refer to it rather than to a copy per frame. */
  private readonly names = new Map<string, string>();
  private start: number;

  constructor(
    private readonly expectations: readonly Expectation[],
    start: number,
    options: ServeLogOptions = {},
  ) {
    this.start = start;
    this.ring = options.ring ?? DEFAULT_RING;
    this.keepClosed = options.keepClosed ?? DEFAULT_KEEP_CLOSED;
    this.frameExpectations = expectations.flatMap((e, index) => ('frame' in e ? [{ index, e, n: 0 }] : []));
    this.needsBodies = this.frameExpectations.some((x) => x.e.match !== undefined);
    this.matched = new Set(this.frameExpectations.filter((x) => x.e.match).map((x) => `${x.e.from} ${x.e.frame}`));
    this.declaredErrors = declaredServerErrors(expectations);
  }

  /** Listens to `simulator`'s handshakes, frames and closes. */
  attach(simulator: Pick<Simulator, 'onConnection' | 'onFrame' | 'onClose'>): void {
    simulator.onConnection((c) => this.onConnection(c));
    simulator.onFrame((f) => this.onFrame(f));
    simulator.onClose((c) => this.onClose(c));
  }

  /**
   * Starts the verdict again at `now` (the control API's reset): counts, expectations, closed
   * summaries and undeclared errors are forgotten; the open connections count as accepted.
   */
  reset(now: number): void {
    this.start = now;
    this.closed.length = 0;
    this.types.client.clear();
    this.types.server.clear();
    this.totals.client = 0;
    this.totals.server = 0;
    this.accepted = this.live.size;
    this.refused = 0;
    this.closedCount = 0;
    for (const x of this.frameExpectations) x.n = 0;
    this.undeclared.length = 0;
    this.undeclaredCount = 0;
    this.names.clear();
    for (const live of this.live.values()) {
      live.summary.frames = { client: 0, server: 0 };
      live.ring = new FrameRing(this.ring);
    }
  }

  /** Connections open now, whose state is held. */
  get openConnections(): number {
    return this.live.size;
  }

  /** Connection counts: accepted (open or closed), refused, open now, closed. */
  connections(): { accepted: number; refused: number; open: number; closed: number } {
    return { accepted: this.accepted, refused: this.refused, open: this.live.size, closed: this.closedCount };
  }

  /** Frames of each type from one side, counted exactly since the start. */
  frameTypes(from: 'client' | 'server'): Record<string, number> {
    return Object.fromEntries(this.types[from]);
  }

  /** All frames from each side. */
  frameTotals(): { client: number; server: number } {
    return { ...this.totals };
  }

  /** The open connections and the last closed ones, by connection number. */
  recentConnections(): ConnectionSummary[] {
    const open = [...this.live.values()].map((l) => summarise(l));
    return [...this.closed, ...open].sort((a, b) => a.conn - b.conn);
  }

  /** Failed frame and connection expectations, `expect[i]: …`, in the scenario's order. */
  failures(): string[] {
    const out: { index: number; message: string }[] = [];
    for (const x of this.frameExpectations) {
      const m = frameCountFailure(x.e, x.n);
      if (m) out.push({ index: x.index, message: m });
    }
    this.expectations.forEach((e, index) => {
      const m = 'connections' in e ? connectionCountFailure(e, this.accepted) : undefined;
      if (m) out.push({ index, message: m });
    });
    const failures = out.sort((a, b) => a.index - b.index).map((f) => `expect[${f.index}]: ${f.message}`);
    // As in a run: a server error the scenario does not declare fails the verdict.
    failures.push(...this.undeclared);
    const more = this.undeclaredCount - this.undeclared.length;
    if (more > 0) failures.push(`undeclared-error: and ${more} more server error(s) the scenario did not declare`);
    return failures;
  }

  private onConnection(c: SimConnectionEvent): void {
    if (!c.accepted) {
      this.refused++;
      return;
    }
    this.accepted++;
    this.live.set(c.connection, {
      summary: { conn: c.connection, attempt: c.attempt, openedAt: this.ms(c.time), frames: { client: 0, server: 0 } },
      ring: new FrameRing(this.ring),
      normaliser: this.needsBodies ? createNormaliser() : undefined,
    });
  }

  private onFrame(f: SimFrame): void {
    const from = f.direction === 'in' ? 'client' : 'server';
    const t = this.ms(f.time);
    // Bodies are read only when an expectation matches on them or for a server error; counting
    // by type reads no more than the type (frame-type.ts), in line with the frame.
    const kind = frameKindOf(f.text);
    const type = !kind.json ? '(not JSON)' : kind.type === undefined ? '(no type)' : shorten(kind.type);
    const read = kind.json && (this.needsBodies || (from === 'server' && type === 'error'));
    const body: unknown = read ? JSON.parse(f.text) : f.text;
    this.totals[from]++;
    const types = this.types[from];
    const key = types.has(type) || types.size < MAX_FRAME_TYPES ? type : OTHER_TYPES;
    types.set(key, (types.get(key) ?? 0) + 1);
    const live = this.live.get(f.connection);
    if (live) {
      live.summary.frames[from]++;
      live.ring.push(t, from, this.name(type));
    }
    // Normalised whole, every frame of the connection, so placeholders number as in a run's golden file.
    // A frame no `match` reads is normalised without its audio, which holds no id: the ids
    // number as before, and no append or delta is decoded and hashed only to be dropped.
    const whole = this.matched.has(`${from} ${type}`) || (from === 'server' && type === 'error');
    const normalised = live?.normaliser ? live.normaliser.normaliseFrame(whole ? body : withoutAudio(body)) : body;
    for (const x of this.frameExpectations) if (frameCounts(x.e, { t, from, type, body: normalised })) x.n++;
    if (from === 'server' && type === 'error') {
      const index = this.totals.client + this.totals.server - 1;
      const failure = undeclaredServerError(this.declaredErrors, { index, conn: f.connection, t, body: normalised });
      if (failure) {
        this.undeclaredCount++;
        if (this.undeclared.length < MAX_UNDECLARED_KEPT) this.undeclared.push(`${failure.kind}: ${failure.message}`);
      }
    }
  }

  private onClose(c: SimCloseEvent): void {
    const live = this.live.get(c.connection);
    if (!live) return;
    this.live.delete(c.connection);
    this.closedCount++;
    Object.assign(live.summary, {
      closedAt: this.ms(c.time),
      code: c.code,
      ...(c.reason ? { reason: c.reason } : {}),
      closedBy: c.initiator,
    });
    if (this.keepClosed === 0) return;
    this.closed.push(summarise(live));
    if (this.closed.length > this.keepClosed) this.closed.shift();
  }

  /** The log's own copy of a type name: one per distinct type, up to a bound a hostile client cannot pass. */
  private name(type: string): string {
    const known = this.names.get(type);
    if (known !== undefined) return known;
    if (this.names.size < MAX_NAMES) this.names.set(type, type);
    return type;
  }

  private ms(time: number): number {
    return Math.round((time - this.start) * 1000) / 1000;
  }
}

function summarise(l: Live): ConnectionSummary {
  const { ring } = l;
  const kept =
    ring.dropped === 0
      ? `all ${ring.total} frames kept`
      : `frames 1–${ring.dropped} not kept; ring of ${ring.capacity}`;
  return { ...l.summary, frames: { ...l.summary.frames }, kept, recent: ring.toArray() };
}

/**
 * `body` without its top-level `audio` and `delta` strings (a shallow copy), or `body` when it has
 * none. Only strings that cannot be an id go: without `_` or `-` neither an id nor a UUID
 * matches, so the normaliser would not have numbered them (base64 audio has neither).
 */
function withoutAudio(body: unknown): unknown {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return body;
  const b = body as Record<string, unknown>;
  const drop = (v: unknown): boolean => typeof v === 'string' && !v.includes('_') && !v.includes('-');
  const audio = drop(b['audio']);
  const delta = drop(b['delta']);
  if (!audio && !delta) return body;
  const rest = { ...b };
  if (audio) delete rest['audio'];
  if (delta) delete rest['delta'];
  return rest;
}

function shorten(type: string): string {
  return type.length <= MAX_TYPE_CHARS ? type : `${type.slice(0, MAX_TYPE_CHARS)}…`;
}
