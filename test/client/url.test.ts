import { describe, expect, it } from 'vitest';
import { processBaseUrl } from '../../src/client/index.js';

const M = 'grok-4-1-fast-non-reasoning';

describe('§1.1 process_base_url', () => {
  it('§1.1 the xAI default base gives wss://api.x.ai/v1/realtime?model=grok-4-1-fast-non-reasoning', () => {
    expect(processBaseUrl('wss://api.x.ai/v1/realtime', M)).toBe(`wss://api.x.ai/v1/realtime?model=${M}`);
  });

  it('§1.1 a leading http becomes ws: https → wss, http → ws', () => {
    expect(processBaseUrl('https://api.x.ai/v1', M)).toBe(`wss://api.x.ai/v1/realtime?model=${M}`);
    expect(processBaseUrl('http://127.0.0.1:8080/v1/realtime', M)).toBe(`ws://127.0.0.1:8080/v1/realtime?model=${M}`);
  });

  it('§1.1 an empty, /v1 or /openai path gets /realtime, a trailing slash ignored; other paths are kept', () => {
    expect(processBaseUrl('wss://h', M)).toBe(`wss://h/realtime?model=${M}`);
    expect(processBaseUrl('wss://h/', M)).toBe(`wss://h/realtime?model=${M}`);
    expect(processBaseUrl('wss://h/v1/', M)).toBe(`wss://h/v1/realtime?model=${M}`);
    expect(processBaseUrl('wss://h/openai', M)).toBe(`wss://h/openai/realtime?model=${M}`);
    expect(processBaseUrl('wss://h/custom/path', M)).toBe(`wss://h/custom/path?model=${M}`);
  });

  it('§1.1 an existing model parameter is kept and other parameters stay', () => {
    expect(processBaseUrl('wss://h/v1/realtime?model=grok-voice-latest&x=1', M)).toBe(
      'wss://h/v1/realtime?model=grok-voice-latest&x=1',
    );
    expect(processBaseUrl('wss://h/v1/realtime?x=1#frag', M)).toBe(`wss://h/v1/realtime?x=1&model=${M}`);
  });

  it('a base URL that is not absolute is refused with RTSIM_CLIENT_BAD_OPTION', () => {
    expect(() => processBaseUrl('api.x.ai/v1', M)).toThrow(
      expect.objectContaining({ code: 'RTSIM_CLIENT_BAD_OPTION' }),
    );
  });
});
