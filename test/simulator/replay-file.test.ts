import { describe, expect, it } from 'vitest';
import { isRtSimError } from '../../src/protocol/index.js';
import { parseReplayFile } from '../../src/simulator/index.js';

describe('parseReplayFile', () => {
  it('reads a JSON array of server events and { afterMs, event } entries', () => {
    const text = JSON.stringify([
      { type: 'ping', timestamp: 1 },
      { afterMs: 50, event: { type: 'ping', timestamp: 2 } },
    ]);
    expect(parseReplayFile(text, 'r.json')).toEqual([
      { afterMs: 0, event: { type: 'ping', timestamp: 1 } },
      { afterMs: 50, event: { type: 'ping', timestamp: 2 } },
    ]);
  });

  it('reads recorded frames as JSON lines, keeps server → client ones, spaced as recorded', () => {
    const lines = [
      { direction: 'server', t: 100, event: { type: 'ping', timestamp: 1 } },
      { direction: 'client', t: 150, text: '{"type":"response.create"}' },
      { direction: 'out', time: 400, text: '{"type":"ping","timestamp":2}' },
    ];
    expect(parseReplayFile(lines.map((l) => JSON.stringify(l)).join('\n'), 'r.jsonl')).toEqual([
      { afterMs: 0, event: { type: 'ping', timestamp: 1 } },
      { afterMs: 300, event: { type: 'ping', timestamp: 2 } },
    ]);
  });

  it('refuses what it cannot read with RTSIM_SIM_BAD_REPLAY naming the file and entry', () => {
    const fails = (text: string): string => {
      try {
        parseReplayFile(text, 'bad.json');
      } catch (e) {
        expect(isRtSimError(e, 'RTSIM_SIM_BAD_REPLAY')).toBe(true);
        return (e as Error).message;
      }
      throw new Error('expected a failure');
    };
    expect(fails('[1')).toContain('bad.json: expected a JSON array or JSON lines');
    expect(fails('[{"foo":1}]')).toContain('entry 0');
    expect(fails('[3]')).toContain('entry 0 must be an object');
  });
});
