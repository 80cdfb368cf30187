import { runInNewContext } from 'node:vm';
import v8 from 'node:v8';
import { describe, expect, it } from 'vitest';
import { MAX_FRAME_TYPES, ServeLog } from '../../src/harness/index.js';
import type { Expectation } from '../../src/harness/index.js';
import type { SimCloseEvent, SimConnectionEvent, SimFrame } from '../../src/simulator/index.js';

/** A stand-in for the simulator's three taps, driven by hand. */
class Taps {
  connection: (e: SimConnectionEvent) => void = () => undefined;
  frame: (f: SimFrame) => void = () => undefined;
  close: (e: SimCloseEvent) => void = () => undefined;
  private attempts = 0;
  private accepted = 0;
  onConnection(l: (e: SimConnectionEvent) => void): () => void {
    this.connection = l;
    return () => undefined;
  }
  onFrame(l: (f: SimFrame) => void): () => void {
    this.frame = l;
    return () => undefined;
  }
  onClose(l: (e: SimCloseEvent) => void): () => void {
    this.close = l;
    return () => undefined;
  }
  open(time = 0): number {
    const connection = ++this.accepted;
    this.connection({ accepted: true, connection, attempt: ++this.attempts, time, url: 'ws://x' });
    return connection;
  }
  refuse(): void {
    this.connection({
      accepted: false,
      connection: null,
      attempt: ++this.attempts,
      time: 0,
      url: 'ws://x',
      status: 401,
      reason: 'no key',
    });
  }
  send(connection: number, direction: 'in' | 'out', event: Record<string, unknown> | string, time = 0): void {
    this.frame({ connection, direction, time, text: typeof event === 'string' ? event : JSON.stringify(event) });
  }
  end(connection: number, time = 0): void {
    this.close({ connection, time, code: 1000, reason: '', initiator: 'client' });
  }
}

function setup(
  expect: Expectation[] = [],
  options: { ring?: number; keepClosed?: number } = {},
): { log: ServeLog; taps: Taps } {
  const log = new ServeLog(expect, 0, options);
  const taps = new Taps();
  log.attach(taps);
  return { log, taps };
}

/** One idle client's life: handshake, session.update, its answer, close. */
function idleClient(taps: Taps): void {
  const c = taps.open();
  taps.send(c, 'out', { type: 'session.created', event_id: `event_${c}` });
  taps.send(c, 'in', { type: 'session.update', session: { voice: 'ara' } });
  taps.send(c, 'out', { type: 'session.updated', event_id: `event_${c}b` });
  taps.end(c);
}

describe('ServeLog keeps bounded state (issue 11)', () => {
  it('holds no per-connection state after 10,000 connections, only the last keepClosed summaries', () => {
    const { log, taps } = setup(
      [{ frame: 'session.update', from: 'client', match: { 'session.voice': 'ara' }, count: 10_000 }],
      { keepClosed: 3 },
    );
    for (let i = 0; i < 10_000; i++) idleClient(taps);
    expect(log.openConnections).toBe(0);
    expect(log.recentConnections().map((c) => c.conn)).toEqual([9998, 9999, 10_000]);
    expect(log.connections()).toEqual({ accepted: 10_000, refused: 0, open: 0, closed: 10_000 });
    expect(log.frameTypes('client')).toEqual({ 'session.update': 10_000 });
    expect(log.frameTypes('server')).toEqual({ 'session.created': 10_000, 'session.updated': 10_000 });
    expect(log.failures()).toEqual([]);
  });

  it('holds the rings of 500 busy connections in a few megabytes', () => {
    v8.setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const { log, taps } = setup([], { ring: 200 });
    gc();
    const before = process.memoryUsage().heapUsed;
    const audio = 'A'.repeat(600);
    for (let c = 1; c <= 500; c++) {
      taps.open();
      for (let i = 0; i < 200; i++) taps.send(c, 'in', `{"type":"input_audio_buffer.append","audio":"${audio}"}`, i);
    }
    gc();
    // A line per frame held 100,000 strings of about 100 bytes: 10 MB.
    expect(process.memoryUsage().heapUsed - before).toBeLessThan(4 * 1024 * 1024);
    expect(log.recentConnections()[499]!.recent.at(-1)).toBe('200 199ms client input_audio_buffer.append');
  });

  it('keeps exact counts of a 100,000-frame connection and a ring that never exceeds its size', () => {
    const { log, taps } = setup([{ frame: 'input_audio_buffer.append', from: 'client', count: 100_000 }], {
      ring: 200,
    });
    const c = taps.open();
    let largest = 0;
    for (let i = 0; i < 100_000; i++) {
      taps.send(c, 'in', { type: 'input_audio_buffer.append', audio: 'AAAA' }, i);
      if (i % 997 === 0) largest = Math.max(largest, log.recentConnections()[0]!.recent.length);
    }
    const [summary] = log.recentConnections();
    expect(largest).toBeLessThanOrEqual(200);
    expect(summary!.recent).toHaveLength(200);
    expect(summary!.recent[0]).toBe('99801 99800ms client input_audio_buffer.append');
    expect(summary!.recent.at(-1)).toBe('100000 99999ms client input_audio_buffer.append');
    expect(summary!.frames).toEqual({ client: 100_000, server: 0 });
    expect(summary!.kept).toBe('frames 1–99800 not kept; ring of 200');
    expect(log.frameTotals()).toEqual({ client: 100_000, server: 0 });
    expect(log.failures()).toEqual([]);
  });

  it('says when every frame of a connection is kept', () => {
    const { log, taps } = setup();
    idleClient(taps);
    const [summary] = log.recentConnections();
    expect(summary).toMatchObject({
      conn: 1,
      attempt: 1,
      closedAt: 0,
      code: 1000,
      closedBy: 'client',
      frames: { client: 1, server: 2 },
      kept: 'all 3 frames kept',
    });
    expect(summary!.recent).toEqual([
      '1 0ms server session.created',
      '2 0ms client session.update',
      '3 0ms server session.updated',
    ]);
  });

  it('counts frame expectations as frames arrive, with match and time window, and says which fail', () => {
    const { log, taps } = setup([
      { event: 'generation_created', count: 1 },
      { frame: 'session.update', from: 'client', match: { 'session.voice': 'eve' }, min: 1 },
      { frame: 'session.update', from: 'client', afterMs: 50, count: 1 },
      { connections: 2 },
    ]);
    const c = taps.open();
    taps.send(c, 'in', { type: 'session.update', session: { voice: 'ara' } }, 10);
    taps.send(c, 'in', { type: 'session.update', session: { voice: 'ara' } }, 60);
    taps.refuse();
    expect(log.failures()).toEqual([
      'expect[1]: expected at least 1 "session.update" frame(s) ' +
        'from the client matching {"session.voice":"eve"}, saw 0',
      'expect[3]: expected 2 open connection(s), saw 1',
    ]);
    expect(log.connections()).toEqual({ accepted: 1, refused: 1, open: 1, closed: 0 });
  });

  it('numbers id placeholders per connection, so a match on one holds on every connection', () => {
    const { log, taps } = setup([
      { frame: 'conversation.item.create', from: 'client', match: { 'item.id': '<item#1>' }, count: 2 },
    ]);
    for (const id of ['item_aaaaaaaaaaaa1', 'item_bbbbbbbbbbbb2']) {
      const c = taps.open();
      taps.send(c, 'in', { type: 'conversation.item.create', item: { id, type: 'message' } });
      taps.end(c);
    }
    expect(log.failures()).toEqual([]);
  });

  it('numbers ids as a run does around audio frames no match reads, and still digests the ones one reads', () => {
    const audio = Buffer.alloc(4800, 3).toString('base64');
    const { log, taps } = setup([
      { frame: 'conversation.item.create', from: 'client', match: { 'item.id': '<item#3>' }, count: 1 },
      { frame: 'input_audio_buffer.append', from: 'client', match: { 'audio.bytes': 4800 }, count: 2 },
      { frame: 'response.output_audio.delta', from: 'server', match: { item_id: '<item#1>' }, count: 1 },
    ]);
    const c = taps.open();
    taps.send(c, 'in', { type: 'input_audio_buffer.append', audio });
    taps.send(c, 'out', { type: 'response.output_audio.delta', item_id: 'item_aaaaaaaaaaaa1', delta: audio });
    // An audio field that could be an id is numbered, as a run's normaliser numbers it.
    taps.send(c, 'out', { type: 'response.output_audio_transcript.delta', delta: 'item_cccccccccccc3' });
    taps.send(c, 'in', { type: 'input_audio_buffer.append', audio });
    taps.send(c, 'in', { type: 'conversation.item.create', item: { id: 'item_bbbbbbbbbbbb2', type: 'message' } });
    expect(log.failures()).toEqual([]);
  });

  it('bounds the distinct frame types a hostile client can make it count, and cuts long ones', () => {
    const { log, taps } = setup([], { ring: 5 });
    const c = taps.open();
    for (let i = 0; i < MAX_FRAME_TYPES + 100; i++) taps.send(c, 'in', { type: `made.up.${i}` });
    taps.send(c, 'in', { type: 'x'.repeat(10_000) });
    taps.send(c, 'in', 'not json');
    const types = log.frameTypes('client');
    expect(Object.keys(types)).toHaveLength(MAX_FRAME_TYPES + 1);
    expect(types['(other types)']).toBe(102);
    expect(log.frameTotals().client).toBe(MAX_FRAME_TYPES + 102);
    expect(log.recentConnections()[0]!.recent.at(-2)!.length).toBeLessThan(120);
    expect(log.recentConnections()[0]!.recent.at(-1)).toMatch(/client \(not JSON\)$/);
  });

  it('keeps no frames with a ring of 0 and no summaries with keepClosed 0, and still counts', () => {
    const { log, taps } = setup([], { ring: 0, keepClosed: 0 });
    idleClient(taps);
    const c = taps.open();
    taps.send(c, 'in', { type: 'session.update' });
    expect(log.recentConnections()).toEqual([
      {
        conn: 2,
        attempt: 2,
        openedAt: 0,
        frames: { client: 1, server: 0 },
        kept: 'frames 1–1 not kept; ring of 0',
        recent: [],
      },
    ]);
    expect(log.frameTotals()).toEqual({ client: 2, server: 2 });
  });
});
