import { describe, expect, it } from 'vitest';
import { ReadyState, type SocketLike } from '../../src/link/index.js';
import { RealtimeModel, webSocketClassFactory, type WebSocketCtor } from '../../src/client/index.js';
import { run, setup } from './peer.js';

describe('R1.1–R1.5 the model', () => {
  it('R1.1/R1.3 defaults: voice ara, xAI server VAD, no recycling, conn options 3 / 2000 / 10000 ms', () => {
    const model = new RealtimeModel({ apiKey: 'k' });
    expect(model.options).toEqual({
      voice: 'ara',
      turnDetection: {
        type: 'server_vad',
        threshold: 0.5,
        prefix_padding_ms: 300,
        silence_duration_ms: 200,
        create_response: true,
        interrupt_response: true,
      },
      inputAudioTranscription: { model: 'gpt-4o-mini-transcribe' },
      inputAudioNoiseReduction: null,
      toolChoice: null,
      speed: 1,
      tracing: null,
      maxResponseOutputTokens: 'inf',
      outputAudioRate: 24000,
    });
    expect(new RealtimeModel({ apiKey: 'k', outputAudioRate: 48000 }).options.outputAudioRate).toBe(48000);
    expect(model.maxSessionDurationMs).toBeNull();
    expect(model.conn).toEqual({ maxRetry: 3, retryIntervalMs: 2000, timeoutMs: 10000 });
    expect(model.idleTimeoutMs).toBe(30000);
    expect(new RealtimeModel({ apiKey: 'k', connOptions: { maxRetry: 1 } }).conn).toEqual({
      maxRetry: 1,
      retryIntervalMs: 2000,
      timeoutMs: 10000,
    });
  });

  it('R1.2 fixed model name and audio modality', () => {
    const model = new RealtimeModel({ apiKey: 'k' });
    expect(model.model).toBe('grok-4-1-fast-non-reasoning');
    expect(model.modalities).toEqual(['audio']);
    expect(model.url).toBe('wss://api.x.ai/v1/realtime?model=grok-4-1-fast-non-reasoning');
  });

  it('R1.4 capabilities; turn detection follows the option', () => {
    expect(new RealtimeModel({ apiKey: 'k' }).capabilities).toEqual({
      messageTruncation: true,
      turnDetection: true,
      userTranscription: true,
      autoToolReplyGeneration: false,
      audioOutput: true,
      manualFunctionCalls: true,
    });
    expect(new RealtimeModel({ apiKey: 'k', turnDetection: null }).capabilities.turnDetection).toBe(false);
  });

  it('R1.5 label is the reference module + class; provider is the base URL’s network location', () => {
    const model = new RealtimeModel({ apiKey: 'k' });
    expect(model.label).toBe('livekit.plugins.xai.realtime.realtime_model.RealtimeModel');
    expect(model.provider).toBe('api.x.ai');
    expect(new RealtimeModel({ apiKey: 'k', baseURL: 'http://127.0.0.1:8123/v1' }).provider).toBe('127.0.0.1:8123');
  });

  it('R1.6 the model keeps its live sessions until they close', async () => {
    const s = setup();
    await run(s, async () => {
      const a = s.model.session();
      const b = s.model.session();
      expect(s.model.sessions).toEqual([a, b]);
      await a.close();
      expect(s.model.sessions).toEqual([b]);
      await s.model.close();
      expect(s.model.sessions).toEqual([]);
      expect(b.closed).toBe(true);
    });
  });
});

describe('§5.14 model-level updateOptions', () => {
  it('§5.14 forwards to every live session, always with turn detection, transcription, noise reduction', async () => {
    const s = setup();
    await run(s, async () => {
      s.model.session();
      s.model.session();
      await s.peer.waitFor('session.update', 2);
      s.model.updateOptions({ voice: 'leo' });
      await s.peer.waitFor('session.update', 4);
      const updates = s.peer.ofType('session.update').slice(2);
      expect(updates.map((u) => u.conn).sort()).toEqual([1, 2]);
      for (const u of updates) {
        expect(u.event['session']).toEqual({
          type: 'realtime',
          audio: {
            input: {
              turn_detection: {
                type: 'server_vad',
                threshold: 0.5,
                prefix_padding_ms: 300,
                silence_duration_ms: 200,
                create_response: true,
                interrupt_response: true,
              },
              transcription: { model: 'gpt-4o-mini-transcribe' },
              noise_reduction: null,
            },
            output: { voice: 'leo' },
          },
        });
      }
      expect(s.model.options.voice).toBe('leo');
      await s.model.close();
    });
  });
});

describe('socket factory lookup', () => {
  it('a WHATWG-style class is called with { protocols, headers }, so ws-like classes get Authorization', () => {
    const calls: unknown[][] = [];
    class FakeWebSocket {
      readonly readyState = ReadyState.CONNECTING;
      readonly protocol = '';
      constructor(
        readonly url: string,
        ...rest: unknown[]
      ) {
        calls.push([url, ...rest]);
      }
      send(): void {}
      close(): void {}
      addEventListener(): void {}
      removeEventListener(): void {}
    }
    const factory = webSocketClassFactory(FakeWebSocket as unknown as WebSocketCtor);
    factory({ url: 'ws://h/v1/realtime', headers: { Authorization: 'Bearer k' } });
    expect(calls).toEqual([['ws://h/v1/realtime', { protocols: [], headers: { Authorization: 'Bearer k' } }]]);
  });

  it('a class that refuses the init object is called with the protocols alone, as browsers take it', () => {
    const calls: unknown[][] = [];
    class StrictWebSocket {
      constructor(url: string, protocols?: unknown) {
        if (protocols !== undefined && !Array.isArray(protocols) && typeof protocols !== 'string')
          throw new SyntaxError('bad protocols');
        calls.push([url, protocols]);
      }
    }
    const factory = webSocketClassFactory(StrictWebSocket as unknown as WebSocketCtor);
    factory({ url: 'ws://h', headers: {}, protocols: ['p'] });
    expect(calls).toEqual([['ws://h', ['p']]]);
  });

  it('the WebSocket option is used when no socketFactory is given, and looked up at each connect', async () => {
    const s = setup();
    const opened: string[] = [];
    // Wraps the memory link in a constructor, the way a WHATWG class is handed over.
    const Ctor = function (this: unknown, url: string, init: { headers: Record<string, string> }): SocketLike {
      opened.push(init.headers['Authorization'] ?? '');
      return s.link.socketFactory({ url, headers: init.headers });
    } as unknown as WebSocketCtor;
    const model = new RealtimeModel({ apiKey: 'k2', clock: s.clock, WebSocket: Ctor, logger: s.logger });
    await run(s, async () => {
      const session = model.session();
      await s.peer.waitFor('session.update');
      s.peer.current.terminate();
      await new Promise<void>((resolve) => session.once('session_reconnected', () => resolve()));
      expect(opened).toEqual(['Bearer k2', 'Bearer k2']);
      await session.close();
    });
  });
});
