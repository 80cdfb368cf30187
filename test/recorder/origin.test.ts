import { describe, expect, it } from 'vitest';
import { sourceFor } from '../../src/recorder/origin.js';

describe('the source a recording gets when the user does not say', () => {
  it('is xai for the xAI service and its subdomains', () => {
    expect(sourceFor(new URL('wss://api.x.ai/v1/realtime'))).toBe('xai');
    expect(sourceFor(new URL('wss://eu.API.x.ai/v1/realtime'))).toBe('xai');
  });

  it('is recorded for any other upstream, even one whose name merely ends in x.ai', () => {
    expect(sourceFor(new URL('ws://127.0.0.1:8080/v1/realtime'))).toBe('recorded');
    expect(sourceFor(new URL('wss://notx.ai/v1/realtime'))).toBe('recorded');
    expect(sourceFor(new URL('wss://api.x.ai.example.com/v1/realtime'))).toBe('recorded');
  });
});
