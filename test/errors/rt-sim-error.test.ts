import { describe, expect, it } from 'vitest';
import { RtSimError, isRtSimError, withoutPrefix } from '../../src/errors/index.js';

describe('RtSimError', () => {
  it('starts its message with [rt-sim] and carries its code and details', () => {
    const e = new RtSimError('RTSIM_CLI_BAD_SHARD', 'bad shard', { shard: '4/3' });
    expect(e.message).toBe('[rt-sim] bad shard');
    expect(e.code).toBe('RTSIM_CLI_BAD_SHARD');
    expect(e.details).toEqual({ shard: '4/3' });
    expect(e.name).toBe('RtSimError');
  });

  it('loses only its own prefix to withoutPrefix, even when the message starts with one', () => {
    expect(withoutPrefix(new RtSimError('RTSIM_CLI_BAD_SHARD', 'bad shard').message)).toBe('bad shard');
    expect(withoutPrefix(new RtSimError('RTSIM_CLI_BAD_SHARD', '[rt-sim] twice').message)).toBe('[rt-sim] twice');
  });

  it('is told apart by isRtSimError, with or without a code', () => {
    const e = new RtSimError('RTSIM_CLOCK_BUSY', 'busy');
    expect(isRtSimError(e)).toBe(true);
    expect(isRtSimError(e, 'RTSIM_CLOCK_BUSY')).toBe(true);
    expect(isRtSimError(e, 'RTSIM_CLOCK_LIMIT')).toBe(false);
    expect(isRtSimError(new Error('[rt-sim] busy'))).toBe(false);
  });
});

describe('withoutPrefix', () => {
  it('drops one leading [rt-sim] prefix and leaves any other text as it is', () => {
    expect(withoutPrefix('[rt-sim] no such file')).toBe('no such file');
    expect(withoutPrefix('no such file')).toBe('no such file');
    expect(withoutPrefix('see [rt-sim] later')).toBe('see [rt-sim] later');
    expect(withoutPrefix('[rt-sim]no space')).toBe('[rt-sim]no space');
    expect(withoutPrefix('')).toBe('');
  });
});
