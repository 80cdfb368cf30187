/**
 * The adapter of rt-sim's own client for `rt-sim conform` (docs/conform.md): reads commands,
 * one JSON object a line, on stdin; answers each, and reports events, on stdout; logs on
 * stderr. Run it as `node <rt-sim>/dist/adapter/rt-sim-adapter.js`.
 */
import { readFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { RealClock } from '../clock/index.js';
import { ClientAdapter } from './client-adapter.js';

const out = (value: Record<string, unknown>): void => void process.stdout.write(`${JSON.stringify(value)}\n`);
const adapter = new ClientAdapter(
  (event, data) => out({ event, ...data }),
  new RealClock(),
  (f) => readFile(f),
);
const running: Promise<void>[] = [];

for await (const line of createInterface({ input: process.stdin, crlfDelay: Number.POSITIVE_INFINITY })) {
  if (line.trim() === '') continue;
  let id: unknown;
  try {
    const msg = JSON.parse(line) as Record<string, unknown>;
    id = msg['id'];
    const { cmd, id: _id, ...data } = msg;
    // Commands run at once, as an application calls its client from several places.
    running.push(
      adapter.handle(String(cmd), data).then(
        () => out({ id, ok: true }),
        (e: unknown) => out({ id, ok: false, error: { message: e instanceof Error ? e.message : String(e) } }),
      ),
    );
  } catch (e) {
    process.stderr.write(`rt-sim-adapter: unreadable command: ${e instanceof Error ? e.message : String(e)}\n`);
  }
}
await Promise.allSettled(running);
// Open sockets and timers the client may still hold must not keep the adapter up once stdin has ended.
process.stdout.write('', () => process.exit(0));
