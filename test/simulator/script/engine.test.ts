import { describe, expect, it } from 'vitest';
import { VirtualClock, createRandom } from '../../../src/clock/index.js';
import { isRtSimError } from '../../../src/protocol/index.js';
import type { ScriptConnection, ScriptSimulator } from '../../../src/simulator/script/actions.js';
import { ScriptEngine } from '../../../src/simulator/script/engine.js';
import { matches } from '../../../src/simulator/script/triggers.js';
import type { ScriptRule } from '../../../src/simulator/index.js';

function fakeConnection(n: number, log: string[]): ScriptConnection {
  return {
    connection: n,
    open: true,
    sendScripted: (e) => log.push(`send ${String(e['type'])} on ${n}`),
    sendRaw: (t) => log.push(`raw ${t}`),
    sendBinary: (d) => log.push(`binary ${d.length}`),
    failClientSends: (n) => log.push(`fail sends ${n}`),
    sendInvalidUtf8: () => log.push('invalid utf-8'),
    sendError: (e) => log.push(`error ${e.message}`),
    close: (code) => log.push(`close ${code}`),
    resetPeer: (ms) => log.push(`reset ${ms}`),
    installWire: (d, t) => log.push(`wire ${d} ${t.name}`),
    clearWire: () => log.push('clear'),
    addEventFault: (f) => log.push(`fault ${f.kind} ${f.event ?? '*'} ${f.count}`),
    hang: (e, c) => log.push(`hang ${e ?? '*'} ${c}`),
    respond: () => log.push('respond'),
    forceMessage: () => log.push('forceMessage'),
    replay: (events) => log.push(`replay ${events.length}`),
  };
}

function engine(rules: ScriptRule[], log: string[]): { clock: VirtualClock; engine: ScriptEngine } {
  const clock = new VirtualClock();
  const sim: ScriptSimulator = {
    refuseHandshakes: (status, _b, count) => log.push(`refuse ${status}×${count}`),
    holdHandshakes: (count) => log.push(`hold ×${count}`),
    failResponses: (_f, count) => log.push(`fail ×${count}`),
    replayFile: () => [],
  };
  return { clock, engine: new ScriptEngine(rules, clock, createRandom(1), sim) };
}

describe('ScriptEngine', () => {
  it('fires a rule on the nth matching event of a side only', () => {
    const log: string[] = [];
    const { engine: e } = engine(
      [{ when: { event: 'response.done', count: 2 }, do: [{ send: { type: 'ping', timestamp: 0 } }] }],
      log,
    );
    const c = fakeConnection(1, log);
    e.serverEvent(c, { type: 'response.done' });
    e.clientEvent(c, { type: 'response.done' }); // wrong side: not counted
    e.serverEvent(c, { type: 'response.done' });
    e.serverEvent(c, { type: 'response.done' });
    expect(log).toEqual(['send ping on 1']);
  });

  it('defaults protocol faults to the triggering server event type and hang to the triggering client event', () => {
    const log: string[] = [];
    const { engine: e } = engine(
      [
        { when: { event: 'response.created' }, do: [{ drop: {} }, { duplicate: { event: 'x', times: 1 } }] },
        { when: { event: 'response.create' }, do: [{ hang: {} }] },
        { when: { connect: true }, do: [{ hang: {} }, { reorder: {} }] },
      ],
      log,
    );
    const c = fakeConnection(1, log);
    e.connected(c);
    e.serverEvent(c, { type: 'response.created' });
    e.clientEvent(c, { type: 'response.create' });
    expect(log).toEqual([
      'hang * all',
      'fault reorder * 1',
      'fault drop response.created 1',
      'fault duplicate x 1',
      'hang response.create 1',
    ]);
  });

  it('runs the actions after a delay even when the connection has ended, skipping those that need it', async () => {
    const log: string[] = [];
    const { clock, engine: e } = engine(
      [
        {
          when: { connect: true },
          do: [{ delay: 100 }, { sendRaw: 'x' }, { failNextResponse: {} }, { setState: 'later' }],
        },
      ],
      log,
    );
    const c = { ...fakeConnection(1, log), open: false };
    e.connected(c);
    e.disconnected(c);
    await clock.advance(100);
    expect(log).toEqual(['fail ×1']);
    expect(e.state).toBe('later');
  });

  it('schedules afterMs per connection and drops it when the connection ends', async () => {
    const log: string[] = [];
    const { clock, engine: e } = engine([{ when: { afterMs: 50, connection: 2 }, do: [{ sendRaw: 'late' }] }], log);
    const c1 = fakeConnection(1, log);
    const c2 = fakeConnection(2, log);
    e.connected(c1);
    e.connected(c2);
    await clock.advance(60);
    expect(log).toEqual(['raw late']);
    const c3 = fakeConnection(2, log);
    e.connected(c3);
    e.disconnected(c3);
    await clock.advance(100);
    expect(log).toEqual(['raw late']);
  });

  it('stops a setState / enterState cycle with RTSIM_SIM_SCRIPT_LOOP', () => {
    const log: string[] = [];
    const { engine: e } = engine(
      [
        { when: { connect: true }, setState: 'a' },
        { when: { enterState: 'a' }, setState: 'b' },
        { when: { enterState: 'b' }, setState: 'a' },
      ],
      log,
    );
    let error: unknown;
    try {
      e.connected(fakeConnection(1, log));
    } catch (x) {
      error = x;
    }
    expect(isRtSimError(error, 'RTSIM_SIM_SCRIPT_LOOP')).toBe(true);
  });

  it('guards rules by state, one or several', () => {
    const log: string[] = [];
    const { engine: e } = engine(
      [
        { when: { event: 'ping' }, state: ['a', 'b'], do: [{ sendRaw: 'in a or b' }] },
        { when: { event: 'pong', from: 'server' }, setState: 'a' },
      ],
      log,
    );
    const c = fakeConnection(1, log);
    e.serverEvent(c, { type: 'ping' });
    e.serverEvent(c, { type: 'pong' });
    e.serverEvent(c, { type: 'ping' });
    expect(log).toEqual(['raw in a or b']);
  });
});

describe('trigger matchers', () => {
  it('compare values, deep values, patterns, presence and alternatives', () => {
    expect(matches('x', 'x')).toBe(true);
    expect(matches(1, '1')).toBe(false);
    expect(matches({ a: [1] }, { equals: { a: [1] } })).toBe(true);
    expect(matches('response_create_1', { regex: '^response_create_' })).toBe(true);
    expect(matches(undefined, { exists: false })).toBe(true);
    expect(matches('b', { oneOf: ['a', 'b'] })).toBe(true);
  });
});
