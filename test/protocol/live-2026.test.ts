import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { validateServerEvent } from '../../src/protocol/index.js';

interface LiveFixture {
  turn: Record<string, unknown>[];
}

const fixture = JSON.parse(
  readFileSync(new URL('../fixtures/xai-live-2026.json', import.meta.url), 'utf8'),
) as LiveFixture;

describe('the strict catalogue and the live 2026 shapes', () => {
  it('the fixture holds the frames of a whole voice turn', () => {
    expect(fixture.turn.map((f) => f['type'])).toContain('response.done');
    expect(fixture.turn.length).toBeGreaterThan(20);
  });

  it.each(fixture.turn.map((frame, i) => [`${i} ${String(frame['type'])}`, frame] as const))(
    'frame %s passes validateServerEvent as a known event',
    (_name, frame) => {
      const result = validateServerEvent(frame);
      expect(result.ok ? 'ok' : result.error.message).toBe('ok');
      expect(result.ok && result.known).toBe(true);
    },
  );

  it('status_details accepts only the string "unimplemented" among strings', () => {
    const done = fixture.turn.find((f) => f['type'] === 'response.done')!;
    const response = { ...(done['response'] as Record<string, unknown>), status_details: 'whatever' };
    const result = validateServerEvent({ ...done, response });
    expect(result.ok).toBe(false);
  });

  it('ping timestamps must be integer milliseconds', () => {
    expect(validateServerEvent({ type: 'ping', timestamp: 1754300000123 }).ok).toBe(true);
    expect(validateServerEvent({ type: 'ping', timestamp: 1.5 }).ok).toBe(false);
  });

  it('billable_audio_seconds must be an integer, output_audio_seconds may be a float', () => {
    const done = fixture.turn.find((f) => f['type'] === 'response.done')!;
    const usage = done['usage'] as Record<string, unknown>;
    expect(
      validateServerEvent({ ...done, usage: { ...usage, output_audio_seconds: 0.5, billable_audio_seconds: 2 } }).ok,
    ).toBe(true);
    expect(validateServerEvent({ ...done, usage: { ...usage, billable_audio_seconds: 2.5 } }).ok).toBe(false);
  });
});
