import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../src/clock/index.js';
import { APIError } from '../../src/client/index.js';
import { CLIENT_LOG_LINES, ClientLog, MAX_LOG_RECORDS } from '../../src/harness/client-log.js';

describe('the client log a run keeps', () => {
  it('keeps warnings and errors with their virtual time, and drops debug and info', async () => {
    const clock = new VirtualClock();
    const log = new ClientLog(clock);
    log.debug();
    log.info();
    log.warn('deleted item not in the mirror', { id: 'item_1' });
    await clock.advance(250);
    log.error('failed to handle event', { type: 'response.created' });
    expect(log.lines()).toEqual([
      "0 ms warn: deleted item not in the mirror { id: 'item_1' }",
      "250 ms error: failed to handle event { type: 'response.created' }",
    ]);
  });

  it('shows an error as its name, code and message, without its stack, on one line', () => {
    const log = new ClientLog(new VirtualClock());
    log.error('failed to handle event', {
      error: new APIError('bad\nframe', { code: 'RTSIM_CLIENT_EVENT_FAILED' }),
      nested: { cause: new TypeError('x') },
    });
    const [line] = log.lines();
    expect(line).toBe(
      "0 ms error: failed to handle event { error: 'APIError RTSIM_CLIENT_EVENT_FAILED: [rt-sim] bad\\nframe', " +
        "nested: { cause: 'TypeError: x' } }",
    );
    expect(line).not.toContain('    at ');
  });

  it(`keeps only the last ${CLIENT_LOG_LINES} lines, says how many went before, and cuts long ones`, () => {
    const log = new ClientLog(new VirtualClock());
    for (let i = 0; i < CLIENT_LOG_LINES + 5; i++) log.warn(`line ${i}`);
    log.warn('x'.repeat(1000));
    const lines = log.lines();
    expect(lines[0]).toBe('(6 earlier line(s) not kept)');
    expect(lines[1]).toBe('0 ms warn: line 6');
    expect(lines).toHaveLength(CLIENT_LOG_LINES + 1);
    expect(lines.at(-1)).toHaveLength(400);
    expect(lines.at(-1)?.endsWith('…')).toBe(true);
  });

  it('records warnings and errors for the observation, fields JSON-safe and errors without stacks', async () => {
    const clock = new VirtualClock();
    const log = new ClientLog(clock);
    log.debug();
    log.info();
    log.warn('deleted item not in the mirror');
    await clock.advance(40);
    log.error('failed to handle event', {
      type: 'response.created',
      error: new APIError('bad frame', { code: 'RTSIM_CLIENT_EVENT_FAILED' }),
      listener: () => undefined,
    });
    expect(log.records()).toEqual([
      { t: 0, level: 'warn', message: 'deleted item not in the mirror' },
      {
        t: 40,
        level: 'error',
        message: 'failed to handle event',
        fields: {
          type: 'response.created',
          error: {
            name: 'APIError',
            message: '[rt-sim] bad frame',
            code: 'RTSIM_CLIENT_EVENT_FAILED',
            retryable: true,
            body: null,
          },
        },
      },
    ]);
    expect(JSON.stringify(log.records())).not.toContain('    at ');
  });

  it(`records only the first ${MAX_LOG_RECORDS} and ends with how many more came`, async () => {
    const clock = new VirtualClock();
    const log = new ClientLog(clock);
    for (let i = 0; i < MAX_LOG_RECORDS + 7; i++) {
      log.warn(`line ${i}`);
      await clock.advance(1);
    }
    const records = log.records();
    expect(records).toHaveLength(MAX_LOG_RECORDS + 1);
    expect(records[MAX_LOG_RECORDS - 1]?.message).toBe(`line ${MAX_LOG_RECORDS - 1}`);
    expect(records.at(-1)).toEqual({
      t: MAX_LOG_RECORDS - 1,
      level: 'warn',
      message: '(7 later line(s) not recorded)',
    });
  });
});
