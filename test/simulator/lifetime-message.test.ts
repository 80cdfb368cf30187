import { describe, expect, it } from 'vitest';
import { lifetimeMessage } from '../../src/simulator/lifetime-message.js';

describe('the session_expired message', () => {
  it('keeps xAI wording for the 60-minute limit', () => {
    expect(lifetimeMessage(3_600_000)).toBe('Your session hit the maximum duration of 60 minutes.');
  });

  it('says seconds for limits under a minute, never "0 minutes"', () => {
    expect(lifetimeMessage(30_000)).toBe('Your session hit the maximum duration of 30 seconds.');
    expect(lifetimeMessage(1_000)).toBe('Your session hit the maximum duration of 1 second.');
    expect(lifetimeMessage(200)).toBe('Your session hit the maximum duration of 1 second.');
  });

  it('uses the singular for one minute', () => {
    expect(lifetimeMessage(60_000)).toBe('Your session hit the maximum duration of 1 minute.');
    expect(lifetimeMessage(120_000)).toBe('Your session hit the maximum duration of 2 minutes.');
  });
});
