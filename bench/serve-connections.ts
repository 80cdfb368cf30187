/**
 * Serve memory: `serveScenario` (what `rt-sim serve` runs) on loopback, and N connections
 * (default 10,000) opened and closed against it by plain `ws` clients, `concurrency` at a
 * time. Each connection does what an idle voice client does: handshake (Bearer key), waits
 * for `session.created`, sends one `session.update`, waits for `session.updated`, sends one
 * small `input_audio_buffer.append` and an `input_audio_buffer.clear`, waits for
 * `input_audio_buffer.cleared`, and closes (1000).
 *
 * Measured after a forced full GC: RSS and heap used once a warm-up of
 * {@link WARM_UP} connections has run (so `ws`, the JIT and the simulator's caches are
 * loaded), and again after the N connections have closed (server still running, verdict
 * taken, so its state counts). The growth divided by N is the cost of a closed connection.
 *
 * Target: RSS growth under {@link MAX_RSS_GROWTH_MB} MB (issue 11). Figures are measured
 * here, never asserted in tests; test/harness/serve-memory.test.ts checks the bounds that
 * make them small (per-connection state freed on close, rings bounded) without timing.
 *
 * History: before the bounded verdict (issue 11), the Observer kept every frame of every
 * connection and the simulator every session; see the figures in docs/serve.md.
 */
import os from 'node:os';
import path from 'node:path';
import WebSocket from 'ws';
import { blockValidators, parseScenario, serveScenario } from '../src/harness/index.js';
import { MB, forceGc, mb, table, under } from './common.js';
import type { Target } from './common.js';

export const MAX_RSS_GROWTH_MB = 20;
const WARM_UP = 200;

export interface ServeConnectionsOptions {
  connections: number;
  concurrency: number;
}

export interface ServeConnectionsResult {
  options: ServeConnectionsOptions;
  completed: number;
  failed: number;
  wallMs: number;
  start: { rss: number; heapUsed: number };
  end: { rss: number; heapUsed: number };
  rssGrowth: number;
  heapGrowth: number;
  /** Heap growth per closed connection, bytes. */
  heapPerConnection: number;
  verdict: { accepted: number; status: string };
  targets: Target[];
}

const SCENARIO = `name: bench-serve-connections
server:
  reply: { transcript: "Hi." }
steps:
  - { wait: idle }
expect:
  - { frame: session.update, from: client, min: 1 }
`;

/** One idle client's life on a real socket; resolves when its socket has closed. */
function oneConnection(url: string): Promise<boolean> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`${url}?model=grok-4-1-fast-non-reasoning`, { headers: { Authorization: 'Bearer bench-key' } });
    let ok = false;
    ws.on('message', (data) => {
      const type = (JSON.parse(String(data)) as { type?: string }).type;
      if (type === 'session.created') ws.send(JSON.stringify({ type: 'session.update', session: { instructions: 'Be brief.', voice: 'ara' } }));
      else if (type === 'session.updated') {
        ws.send(JSON.stringify({ type: 'input_audio_buffer.append', audio: Buffer.alloc(480).toString('base64') }));
        ws.send(JSON.stringify({ type: 'input_audio_buffer.clear' }));
      } else if (type === 'input_audio_buffer.cleared') {
        ok = true;
        ws.close(1000);
      }
    });
    ws.on('error', () => undefined);
    ws.on('close', () => resolve(ok));
  });
}

async function many(url: string, count: number, concurrency: number): Promise<{ completed: number; failed: number }> {
  let next = 0;
  let completed = 0;
  let failed = 0;
  const worker = async (): Promise<void> => {
    while (next < count) {
      next++;
      if (await oneConnection(url)) completed++;
      else failed++;
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
  return { completed, failed };
}

function memory(): { rss: number; heapUsed: number } {
  forceGc();
  const m = process.memoryUsage();
  return { rss: m.rss, heapUsed: m.heapUsed };
}

export async function serveConnections(o: ServeConnectionsOptions): Promise<ServeConnectionsResult> {
  const scenario = parseScenario(SCENARIO, path.join(os.tmpdir(), 'bench-serve-connections.yaml'), blockValidators);
  const served = await serveScenario(scenario, { port: 0 });
  await many(served.url, WARM_UP, o.concurrency);
  served.verdict();
  const start = memory();
  const t0 = performance.now();
  const { completed, failed } = await many(served.url, o.connections, o.concurrency);
  const wallMs = performance.now() - t0;
  const v = served.verdict();
  const end = memory();
  await served.close();
  const rssGrowth = end.rss - start.rss;
  const heapGrowth = end.heapUsed - start.heapUsed;
  const targets: Target[] = [under(`serve: RSS growth over ${o.connections} connections`, rssGrowth / MB, MAX_RSS_GROWTH_MB, 'MB')];
  return {
    options: o,
    completed,
    failed,
    wallMs,
    start,
    end,
    rssGrowth,
    heapGrowth,
    heapPerConnection: heapGrowth / o.connections,
    verdict: { accepted: v.connections.accepted, status: v.status },
    targets,
  };
}

export function formatServeConnections(r: ServeConnectionsResult): string {
  const rows = [
    ['after warm-up', mb(r.start.rss), mb(r.start.heapUsed)],
    [`after ${r.options.connections} connections`, mb(r.end.rss), mb(r.end.heapUsed)],
    ['growth', mb(r.rssGrowth), mb(r.heapGrowth)],
  ];
  return [
    `Serve memory: ${r.completed} connection(s) completed, ${r.failed} failed, ${r.options.concurrency} at a time, ${(r.wallMs / 1000).toFixed(1)} s wall; verdict ${r.verdict.status} (${r.verdict.accepted} accepted)`,
    table(['probe (after GC)', 'RSS MB', 'heap MB'], rows),
    `heap per closed connection: ${Math.round(r.heapPerConnection)} bytes`,
  ].join('\n');
}
