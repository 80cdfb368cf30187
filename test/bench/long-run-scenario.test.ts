import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { longRunScenarioYaml } from '../../bench/long-run-memory.js';

type Expect = { connections?: number; frame?: string; count?: number; match?: Record<string, unknown> };
const expectations = (minutes: number): Expect[] =>
  (parse(longRunScenarioYaml({ minutes, turnEveryMs: 10_000, mode: 'vad' }).yaml) as { expect: Expect[] }).expect;

describe('the long-run benchmark scenario', () => {
  it('expects one connection and no server error within one 60-minute session lifetime', () => {
    const e = expectations(30);
    expect(e).toContainEqual({ connections: 1 });
    expect(e.some((x) => x.frame === 'error')).toBe(false);
  });

  it('expects a reconnect after each session_expired the service sends at the lifetime', () => {
    for (const [minutes, expiries] of [
      [60, 1],
      [125, 2],
    ] as const) {
      const e = expectations(minutes);
      expect(e).toContainEqual({ connections: 1 + expiries });
      expect(e).toContainEqual({
        frame: 'error',
        from: 'server',
        count: expiries,
        match: { 'error.code': 'session_expired' },
      });
    }
  });
});
