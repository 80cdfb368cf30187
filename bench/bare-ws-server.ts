/**
 * The baseline of bench/serve-load.ts: a bare `ws` server doing the framing `rt-sim serve` does
 * for the load generator and nothing else. It parses every frame's JSON, answers
 * `session.update` with `session.updated`, and each `input_audio_buffer.commit` with
 * `input_audio_buffer.committed` and {@link DELTAS} `response.output_audio.delta` frames of the
 * size the served reply's are (100 ms of 24 kHz PCM16, 4800 bytes as base64), serialised with
 * JSON.stringify as the simulator's are. Loopback only.
 */
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';

/** Audio deltas per turn: the served reply's 300 ms in 100 ms chunks. */
export const DELTAS = 3;
const AUDIO = Buffer.alloc(4800, 1).toString('base64');

/** A running bare server. */
export interface BareServer {
  url: string;
  close(): Promise<void>;
}

/** Starts the bare server on 127.0.0.1 and a free port. */
export function startBareServer(): Promise<BareServer> {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0, perMessageDeflate: false, maxPayload: 16 << 20 });
  wss.on('connection', (ws) => {
    let n = 0;
    ws.send(JSON.stringify({ type: 'session.created', event_id: 'event_0', session: {} }));
    ws.on('message', (data) => {
      const event = JSON.parse(String(data)) as { type?: string };
      if (event.type === 'session.update') {
        ws.send(JSON.stringify({ type: 'session.updated', event_id: `event_${++n}`, session: {} }));
      } else if (event.type === 'input_audio_buffer.commit') {
        const item = `item_${++n}`;
        ws.send(JSON.stringify({ type: 'input_audio_buffer.committed', event_id: `event_${n}`, item_id: item }));
        for (let i = 0; i < DELTAS; i++) {
          const delta = { type: 'response.output_audio.delta', event_id: `event_${++n}`, response_id: 'resp_1' };
          ws.send(JSON.stringify({ ...delta, item_id: item, output_index: 0, content_index: 0, delta: AUDIO }));
        }
      }
    });
    ws.on('error', () => undefined);
  });
  return new Promise((resolve, reject) => {
    wss.once('error', reject);
    wss.once('listening', () => {
      const { port } = wss.address() as AddressInfo;
      resolve({
        url: `ws://127.0.0.1:${port}/v1/realtime`,
        close: () =>
          new Promise<void>((done) => {
            for (const c of wss.clients) c.terminate();
            wss.close(() => done());
          }),
      });
    });
  });
}
