import { describe, expect, it } from 'vitest';
import {
  BYTES_PER_SAMPLE,
  CANCEL_FAILED_MESSAGE,
  CHUNK_BYTES,
  CHUNK_MS,
  CHUNK_SAMPLES,
  DEFAULT_TRANSCRIPTION,
  NUM_CHANNELS,
  PROTOCOL_ERROR_CODES,
  SAMPLE_RATE,
  SUPPORTED_PCM_RATES,
  XAI_BASE_URL,
  XAI_DEFAULT_MODEL,
  XAI_DEFAULT_TURN_DETECTION,
  XAI_DEFAULT_VOICE,
  XAI_SERVER_VAD_DEFAULTS,
  XAI_VOICES,
  validateClientEvent,
} from '../../src/protocol/index.js';

describe('protocol constants', () => {
  it('R6.2 a chunk is 2400 samples = 4800 bytes = 100 ms of 24 kHz mono PCM16', () => {
    expect(SAMPLE_RATE).toBe(24000);
    expect(NUM_CHANNELS).toBe(1);
    expect(BYTES_PER_SAMPLE).toBe(2);
    expect(CHUNK_SAMPLES).toBe(2400);
    expect(CHUNK_BYTES).toBe(4800);
    expect(CHUNK_MS).toBe(100);
  });

  it('R1.1/R1.2 endpoint, model and default voice are the reference plugin values', () => {
    expect(XAI_BASE_URL).toBe('wss://api.x.ai/v1/realtime');
    expect(XAI_DEFAULT_MODEL).toBe('grok-4-1-fast-non-reasoning');
    expect(XAI_DEFAULT_VOICE).toBe('ara');
    expect([...XAI_VOICES]).toEqual(['ara', 'eve', 'leo', 'rex', 'sal']);
  });

  it('§1.6 the plugin default turn detection omits idle_timeout_ms and is frozen', () => {
    expect(XAI_DEFAULT_TURN_DETECTION).toEqual({
      type: 'server_vad',
      threshold: 0.5,
      prefix_padding_ms: 300,
      silence_duration_ms: 200,
      create_response: true,
      interrupt_response: true,
    });
    expect('idle_timeout_ms' in XAI_DEFAULT_TURN_DETECTION).toBe(false);
    expect(Object.isFrozen(XAI_DEFAULT_TURN_DETECTION)).toBe(true);
    expect(XAI_SERVER_VAD_DEFAULTS).toEqual({ threshold: 0.85, prefix_padding_ms: 333 });
  });

  it('§1.5 the supported PCM rates include 24000', () => {
    expect([...SUPPORTED_PCM_RATES]).toEqual([8000, 16000, 22050, 24000, 32000, 44100, 48000]);
  });

  it('R1.3 the default transcription and §1.9 the cancel-failed text are exact', () => {
    expect(DEFAULT_TRANSCRIPTION).toEqual({ model: 'gpt-4o-mini-transcribe' });
    expect(CANCEL_FAILED_MESSAGE).toBe('Cancellation failed: no active response found');
  });

  it('§2.1a a session.update built from the constants passes the client parser', () => {
    const event = {
      type: 'session.update',
      session: {
        type: 'realtime',
        model: XAI_DEFAULT_MODEL,
        audio: {
          input: {
            format: { type: 'audio/pcm', rate: SAMPLE_RATE },
            transcription: DEFAULT_TRANSCRIPTION,
            turn_detection: XAI_DEFAULT_TURN_DETECTION,
          },
          output: { format: { type: 'audio/pcm', rate: SAMPLE_RATE }, voice: XAI_DEFAULT_VOICE },
        },
      },
    };
    const result = validateClientEvent(event);
    expect(result.ok && result.known).toBe(true);
  });

  it('every protocol error code follows RTSIM_PROTOCOL_<WHAT>', () => {
    for (const [what, code] of Object.entries(PROTOCOL_ERROR_CODES)) expect(code).toBe(`RTSIM_PROTOCOL_${what}`);
  });
});
