import { describe, expect, it } from 'vitest';
import { fitReason, isSendableCloseCode, refusalCloseCode } from '../../src/recorder/close-codes.js';
import {
  chooseProtocol,
  forwardedHeaders,
  listenPath,
  parseUpstream,
  pathAndQuery,
  refusalStatus,
  upstreamUrlFor,
} from '../../src/recorder/upstream-request.js';

describe('upstream request', () => {
  it('§1.1 turns http(s) upstreams into ws(s) like the plugin, and refuses other schemes', () => {
    expect(parseUpstream('https://api.x.ai/v1/realtime').href).toBe('wss://api.x.ai/v1/realtime');
    expect(parseUpstream('http://127.0.0.1:9/v1/realtime').href).toBe('ws://127.0.0.1:9/v1/realtime');
    expect(() => parseUpstream('not a url')).toThrow(expect.objectContaining({ code: 'RTSIM_RECORDER_BAD_UPSTREAM' }));
    expect(() => parseUpstream('ftp://x/')).toThrow(
      /expected --upstream to be a ws:\/\/, wss:\/\/, http:\/\/ or https:\/\/ URL .*, got a ftp: URL/,
    );
  });

  it("listens on the upstream's path, /v1/realtime when it has none", () => {
    expect(listenPath(new URL('wss://api.x.ai/v1/realtime'))).toBe('/v1/realtime');
    expect(listenPath(new URL('wss://proxy.example/openai/realtime'))).toBe('/openai/realtime');
    expect(listenPath(new URL('wss://proxy.example'))).toBe('/v1/realtime');
  });

  it("§1.1 adds the client's query to the upstream URL, the client's ?model= winning", () => {
    const upstream = new URL('wss://api.x.ai/v1/realtime?model=a&region=eu');
    expect(upstreamUrlFor(upstream, 'ws://127.0.0.1:5/v1/realtime?model=grok-4-1-fast-non-reasoning')).toBe(
      'wss://api.x.ai/v1/realtime?region=eu&model=grok-4-1-fast-non-reasoning',
    );
    expect(upstreamUrlFor(upstream, 'ws://127.0.0.1:5/v1/realtime')).toBe(
      'wss://api.x.ai/v1/realtime?model=a&region=eu',
    );
    expect(pathAndQuery('ws://127.0.0.1:5/v1/realtime?model=m')).toBe('/v1/realtime?model=m');
  });

  it('§1.1 forwards Authorization, User-Agent and other end-to-end headers, not the per-hop handshake ones', () => {
    expect(
      forwardedHeaders({
        host: '127.0.0.1:5',
        connection: 'Upgrade',
        upgrade: 'websocket',
        'sec-websocket-key': 'dGhlIHNhbXBsZSBub25jZQ==',
        'sec-websocket-version': '13',
        'sec-websocket-extensions': 'permessage-deflate',
        'sec-websocket-protocol': 'realtime',
        authorization: 'Bearer k',
        'user-agent': 'LiveKit Agents',
        'openai-beta': 'realtime=v1',
        origin: 'https://app.example',
      }),
    ).toEqual({
      authorization: 'Bearer k',
      'user-agent': 'LiveKit Agents',
      'openai-beta': 'realtime=v1',
      origin: 'https://app.example',
    });
  });

  it('§1.2 accepts the first offered subprotocol that is not a credential', () => {
    expect(chooseProtocol(['xai-client-secret.tok', 'realtime'])).toBe('realtime');
    expect(chooseProtocol(['openai-insecure-api-key.sk-x', 'openai-beta.realtime-v1', 'realtime'])).toBe(
      'openai-beta.realtime-v1',
    );
    expect(chooseProtocol(['xai-client-secret.tok'])).toBe('xai-client-secret.tok');
    expect(chooseProtocol([])).toBeUndefined();
  });

  it('reads the HTTP status of a refused handshake from the ws error', () => {
    expect(refusalStatus('Unexpected server response: 401')).toBe(401);
    expect(refusalStatus('connect ECONNREFUSED 127.0.0.1:9')).toBeUndefined();
    expect(refusalStatus(undefined)).toBeUndefined();
  });
});

describe('close codes', () => {
  it('maps a refusal status to 4000 + status, and no status to 1014 (bad gateway)', () => {
    expect(refusalCloseCode(401)).toBe(4401);
    expect(refusalCloseCode(429)).toBe(4429);
    expect(refusalCloseCode(503)).toBe(4503);
    expect(refusalCloseCode(undefined)).toBe(1014);
  });

  it('knows which codes an endpoint may send (1005 and 1006 only ever get reported)', () => {
    expect([1000, 1001, 1008, 1011, 1014, 3000, 4401, 4999].every(isSendableCloseCode)).toBe(true);
    expect([999, 1004, 1005, 1006, 1015, 2000, 5000, 1000.5].some(isSendableCloseCode)).toBe(false);
  });

  it('fits a reason into the 123 bytes of a close frame', () => {
    expect(fitReason('short')).toBe('short');
    const long = fitReason('é'.repeat(100));
    expect(Buffer.byteLength(long)).toBeLessThanOrEqual(123);
    expect(long.endsWith('…')).toBe(true);
  });
});
