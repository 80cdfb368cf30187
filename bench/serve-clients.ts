/**
 * The clients of bench/serve-connections.ts, in a child process so that their own memory
 * (sockets, buffers) is not counted in the server's RSS. Run as
 * `node --import tsx bench/serve-clients.ts URL COUNT CONCURRENCY`; sends
 * `{ completed, failed }` to the parent over IPC and exits.
 */
import WebSocket from 'ws';

/** One idle client's life on a real socket; resolves when its socket has closed. */
function oneConnection(url: string): Promise<boolean> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`${url}?model=grok-4-1-fast-non-reasoning`, {
      headers: { Authorization: 'Bearer bench-key' },
      perMessageDeflate: false,
    });
    let ok = false;
    ws.on('message', (data) => {
      const type = (JSON.parse(String(data)) as { type?: string }).type;
      if (type === 'session.created')
        ws.send(JSON.stringify({ type: 'session.update', session: { instructions: 'Be brief.', voice: 'ara' } }));
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

const [url, count, concurrency] = process.argv.slice(2);
const result = await many(url!, Number(count), Number(concurrency));
process.send?.(result);
process.disconnect?.();
