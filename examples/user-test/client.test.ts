import { setupServer } from 'msw/node';
import { createXaiHandler } from 'rt-sim/msw';
import { test } from 'rt-sim/vitest';
import { afterAll, afterEach, beforeAll, describe, expect } from 'vitest';

/** What the client needs of a WebSocket: the global class and the fake server's both have it. */
interface Socket {
  send(data: string): void;
  close(): void;
  addEventListener(type: 'open' | 'error', listener: () => void): void;
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
}

/**
 * The client under test. In your project you import it from your own sources; it is
 * written here so that the example stands alone. It takes the WebSocket class to use, as
 * a testable client should.
 */
class TinyVoiceClient {
  constructor(
    private readonly WebSocketClass: new (url: string, protocols?: string[]) => Socket,
    private readonly url = 'wss://api.x.ai/v1/realtime',
  ) {}

  /** Sends one user message and resolves with the transcript of the spoken reply. */
  ask(text: string): Promise<string> {
    return new Promise((resolve, reject) => {
      const socket = new this.WebSocketClass(this.url, []);
      socket.addEventListener('open', () => {
        const item = { type: 'message', role: 'user', content: [{ type: 'input_text', text }] };
        socket.send(JSON.stringify({ type: 'conversation.item.create', item }));
        socket.send(JSON.stringify({ type: 'response.create' }));
      });
      socket.addEventListener('message', (event) => {
        const message = JSON.parse(String(event.data));
        if (message.type === 'response.output_audio_transcript.done') {
          resolve(message.transcript);
          socket.close();
        }
        if (message.type === 'error') reject(new Error(message.error.message));
      });
      socket.addEventListener('error', () => reject(new Error('the socket failed')));
    });
  }
}

const reply = { server: { reply: { transcript: 'Hello from the fake xAI.', audio: null } } };

describe('TinyVoiceClient against the rt-sim fixture', () => {
  test('asks a question and gets the spoken reply', async ({ rtsim }) => {
    const server = await rtsim.server(reply);
    const client = new TinyVoiceClient(server.WebSocket);

    const transcript = await server.until(client.ask('Hi there'));
    await server.runUntilIdle();

    expect(transcript).toBe('Hello from the fake xAI.');
    expect(server).toHaveSent('conversation.item.create', { item: { role: 'user' } });
    expect(server).toHaveSent('response.create');
    expect(server).toHaveReceived('response.done', { response: { status: 'completed' } });
    await expect(server).toMatchGolden('ask-hi-there');
  });
});

describe('TinyVoiceClient against the msw handler', () => {
  const mswServer = setupServer(createXaiHandler(reply));
  beforeAll(() => mswServer.listen({ onUnhandledRequest: 'error' }));
  afterEach(() => mswServer.resetHandlers());
  afterAll(() => mswServer.close());

  test('gets the reply through the global WebSocket that msw intercepts', async () => {
    const client = new TinyVoiceClient(globalThis.WebSocket);
    expect(await client.ask('Hi there')).toBe('Hello from the fake xAI.');
  });

  test('gets another reply where one test overrides the handler with server.use', async () => {
    mswServer.use(createXaiHandler({ server: { reply: { transcript: 'Overridden.', audio: null } } }));
    const client = new TinyVoiceClient(globalThis.WebSocket);
    expect(await client.ask('Hi there')).toBe('Overridden.');
  });
});
