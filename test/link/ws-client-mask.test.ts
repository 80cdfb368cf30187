import { createHash } from 'node:crypto';
import { type AddressInfo, type Socket, createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WsSocket } from '../../src/link/ws-client.js';

const GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';

/** A raw TCP server on loopback that answers one WebSocket upgrade and hands over the first frame's header. */
function rawUpgradeServer(): Promise<{ url: string; firstFrame: Promise<Buffer>; close: () => void }> {
  const sockets: Socket[] = [];
  let resolveFrame: (b: Buffer) => void = () => {};
  const firstFrame = new Promise<Buffer>((r) => {
    resolveFrame = r;
  });
  const server = createServer((socket) => {
    sockets.push(socket);
    let buffered = Buffer.alloc(0);
    let upgraded = false;
    socket.on('data', (chunk: Buffer) => {
      buffered = Buffer.concat([buffered, chunk]);
      if (!upgraded) {
        const end = buffered.indexOf('\r\n\r\n');
        if (end < 0) return;
        const key = /sec-websocket-key: *(\S+)/i.exec(buffered.subarray(0, end).toString('latin1'))?.[1] ?? '';
        const accept = createHash('sha1')
          .update(key + GUID)
          .digest('base64');
        const head = ['HTTP/1.1 101 Switching Protocols', 'Upgrade: websocket', 'Connection: Upgrade'];
        socket.write(`${[...head, `Sec-WebSocket-Accept: ${accept}`].join('\r\n')}\r\n\r\n`);
        upgraded = true;
        buffered = buffered.subarray(end + 4);
      }
      if (buffered.length >= 6) resolveFrame(buffered);
    });
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `ws://127.0.0.1:${port}/`,
        firstFrame,
        close: () => {
          for (const s of sockets) s.destroy();
          server.close();
        },
      });
    });
  });
}

let cleanup: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanup) c();
  cleanup = [];
});

/** The mask bit and the four mask-key bytes of the first frame a WsSocket sends. */
async function firstFrameMask(options: { unmasked?: boolean }): Promise<{ masked: boolean; key: number[] }> {
  const server = await rawUpgradeServer();
  cleanup.push(server.close);
  const socket = new WsSocket({ url: server.url, headers: {} }, options);
  cleanup.push(() => socket.close());
  socket.addEventListener('open', () => socket.send('{"type":"x"}'));
  const frame = await server.firstFrame;
  // A payload under 126 bytes: byte 1 holds the mask bit and the length, bytes 2-5 the key.
  return { masked: ((frame[1] ?? 0) & 0x80) !== 0, key: [...frame.subarray(2, 6)] };
}

describe('WsSocket masking', () => {
  it('masks client frames with a random key by default', async () => {
    const { masked, key } = await firstFrameMask({});
    expect(masked).toBe(true);
    expect(key.some((b) => b !== 0)).toBe(true);
  });

  it('sends masked frames with an all-zero key when unmasked, as the loopback link asks', async () => {
    const { masked, key } = await firstFrameMask({ unmasked: true });
    expect(masked).toBe(true);
    expect(key).toEqual([0, 0, 0, 0]);
  });
});
