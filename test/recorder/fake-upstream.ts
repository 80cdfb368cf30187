import {
  startWsServer,
  type ConnectionHandler,
  type HandshakeRequest,
  type ServerConnection,
} from '../../src/link/index.js';

/** The API key the tests use; no file the recorder writes may contain it or any part of it. */
export const KEY = 'xai-THISISASECRETKEY1234567890abcdef';
/** An ephemeral token, passed as the `xai-client-secret.<token>` subprotocol. */
export const EPHEMERAL = 'eph_7Hq2LmX9pRt4VwZ8nKc3';

/** `samples` samples of a tone as wire base64 (24 kHz PCM16 little-endian). */
export function tone(samples: number, phase = 0): string {
  const bytes = Buffer.alloc(samples * 2);
  for (let i = 0; i < samples; i++)
    bytes.writeInt16LE(Math.round(6000 * Math.sin((2 * Math.PI * 330 * (i + phase)) / 24000)), i * 2);
  return bytes.toString('base64');
}

/** What the fake upstream saw on one connection. */
export interface UpstreamConnection {
  request: HandshakeRequest;
  received: string[];
  conn: ServerConnection;
}

/** A small server that answers like xAI's realtime endpoint. */
export interface FakeUpstream {
  readonly url: string;
  readonly connections: UpstreamConnection[];
  readonly refused: HandshakeRequest[];
  close(): Promise<void>;
}

let ids = 0;
const id = (prefix: string): string => `${prefix}_${(++ids).toString(16).padStart(12, '0')}`;

/** What the fake upstream saw, whatever transport carries it. */
export interface FakeUpstreamState {
  readonly connections: UpstreamConnection[];
  readonly refused: HandshakeRequest[];
}

/** Starts {@link fakeUpstreamHandler} on 127.0.0.1 with `startWsServer`. */
export async function startFakeUpstream(): Promise<FakeUpstream> {
  const { handler, connections, refused } = fakeUpstreamHandler();
  const handle = await startWsServer(handler);
  return { url: handle.url, connections, refused, close: () => handle.close() };
}

/**
 * A connection handler that answers like xAI's realtime endpoint. It wants `Authorization: Bearer KEY` or the
 * `xai-client-secret.EPHEMERAL` subprotocol (else HTTP 401), sends `conversation.created`
 * first, answers `session.update` with `session.updated` and `response.create` with a short
 * response carrying three audio deltas. Test-only events: `test.close` closes with
 * 4000 + `code`, `test.drop` drops the socket; any other unknown event gets an `error` that
 * carries the credential it was called with, as a leaky server might, and text that is not
 * JSON gets an `error` naming its length. Binary frames are echoed.
 */
export function fakeUpstreamHandler(): FakeUpstreamState & { handler: ConnectionHandler } {
  const connections: UpstreamConnection[] = [];
  const refused: HandshakeRequest[] = [];
  const handler: ConnectionHandler = {
    handshake(request) {
      const viaToken = request.protocols.includes(`xai-client-secret.${EPHEMERAL}`);
      if (request.headers.authorization !== `Bearer ${KEY}` && !viaToken) {
        refused.push(request);
        return { accept: false, status: 401, body: '{"error":{"message":"invalid api key"}}' };
      }
      const protocol = request.protocols.find((p) => !p.startsWith('xai-client-secret.')) ?? request.protocols[0];
      return protocol === undefined ? { accept: true } : { accept: true, protocol };
    },
    connection(conn) {
      const seen: UpstreamConnection = { request: conn.request, received: [], conn };
      connections.push(seen);
      const send = (event: Record<string, unknown>): void =>
        conn.send(JSON.stringify({ event_id: id('event'), ...event }));
      send({ type: 'conversation.created', conversation: { id: id('conv'), object: 'realtime.conversation' } });
      conn.onBinary?.((data) => conn.sendBinary?.(data));
      conn.onMessage((text) => {
        seen.received.push(text);
        let event: { type: string; session?: object; code?: number };
        try {
          event = JSON.parse(text) as typeof event;
        } catch {
          return send({
            type: 'error',
            error: { type: 'invalid_request_error', message: `not JSON (${text.length} characters)` },
          });
        }
        switch (event.type) {
          case 'session.update':
            return send({ type: 'session.updated', session: { id: id('sess'), ...event.session } });
          case 'input_audio_buffer.append':
            return;
          case 'response.create':
            return respond(send);
          case 'test.close':
            return conn.close(4000 + (event.code ?? 0), 'closing as asked');
          case 'test.drop':
            return conn.terminate();
          default:
            return send({
              type: 'error',
              error: {
                type: 'invalid_request_error',
                message:
                  `unknown event type "${event.type}" for ` +
                  `${conn.request.headers.authorization ?? conn.request.protocols.join(' ')}`,
              },
            });
        }
      });
    },
  };
  return { handler, connections, refused };
}

function respond(send: (event: Record<string, unknown>) => void): void {
  const response = id('resp');
  const item = id('item');
  const at = { response_id: response, item_id: item, output_index: 0, content_index: 0 };
  send({
    type: 'response.created',
    response: { id: response, object: 'realtime.response', status: 'in_progress', output: [] },
  });
  send({
    type: 'response.output_item.added',
    response_id: response,
    output_index: 0,
    item: { id: item, type: 'message', role: 'assistant', content: [] },
  });
  send({ type: 'response.output_audio_transcript.delta', ...at, delta: 'Hello.' });
  for (let i = 0; i < 3; i++) send({ type: 'response.output_audio.delta', ...at, delta: tone(1200, i * 1200) });
  send({ type: 'response.output_audio.done', ...at });
  send({ type: 'response.done', response: { id: response, status: 'completed', output: [] } });
}
