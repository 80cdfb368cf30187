/**
 * Issue 12, "a harness that notices more": a run fails on a server error it did not declare,
 * a timer or connection the client left after close, a server error the client did not
 * surface, and an unhandled rejection; each failure says what happened.
 */
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { RealtimeSession } from '../../src/client/index.js';
import { VirtualClock } from '../../src/clock/index.js';
import type { Clock } from '../../src/clock/index.js';
import { parseScenario, runScenario } from '../../src/harness/index.js';
import type { Failure } from '../../src/harness/index.js';

const DIR = path.resolve(import.meta.dirname, '../../scenarios');

/** A scenario file's text, parsed as if it sat in scenarios/ (for its fixtures). */
function scenario(yaml: string): ReturnType<typeof parseScenario> {
  return parseScenario(yaml, path.join(DIR, 'inline.yaml'));
}

const SERVER_ERROR = `
name: undeclared-error
client: { voice: ara }
script:
  - name: refuse
    when: { afterMs: 200, connection: 1 }
    do:
      - send:
          type: error
          error: { type: invalid_request_error, code: invalid_value, message: "Bad value.", param: null }
steps:
  - sleep: 1000
`;

function kinds(failures: Failure[]): string[] {
  return failures.map((f) => f.kind);
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('a server error the scenario did not declare', () => {
  it('fails the run, naming the error, its place and time, and how to declare it', async () => {
    const { failures } = await runScenario(scenario(SERVER_ERROR));
    expect(kinds(failures)).toEqual(['undeclared-error']);
    expect(failures[0]!.message).toBe(
      'the server sent an error the scenario did not declare: frames[4] on connection 1 at virtual time 200 ms, ' +
        'code "invalid_value", type "invalid_request_error", message "Bad value.". ' +
        'If the scenario expects it, declare it under expect: - { frame: error, from: server, count: 1, match: ' +
        '{ error.code: "invalid_value" } }',
    );
  });

  it('passes once an expectation on server error frames selects it', async () => {
    const declared =
      `${SERVER_ERROR}expect:\n` +
      `  - { frame: error, from: server, count: 1, match: { error.code: invalid_value } }\n`;
    expect((await runScenario(scenario(declared))).failures).toEqual([]);
  });

  it('still fails when the only declaration selects another error', async () => {
    const declaration = '  - { frame: error, from: server, count: 0, match: { error.code: other_code } }\n';
    const other = `${SERVER_ERROR}expect:\n${declaration}`;
    expect(kinds((await runScenario(scenario(other))).failures)).toEqual(['undeclared-error']);
  });
});

describe('a client that leaves a timer behind', () => {
  it('fails the run, naming the timer, when it was due and when the client closed', async () => {
    // A broken client: it never clears a timer, so its generate_reply timeout outlives close().
    const scoped = VirtualClock.prototype.scoped;
    vi.spyOn(VirtualClock.prototype, 'scoped').mockImplementation(function (this: VirtualClock, owner: string): Clock {
      const view = scoped.call(this, owner);
      return {
        now: () => view.now(),
        setTimeout: (fn, ms, label) => view.setTimeout(fn, ms, label),
        clearTimeout: () => {},
        sleep: (ms, s, l) => view.sleep(ms, s, l),
      };
    });
    const { failures } = await runScenario(path.join(DIR, 'text-reply.yaml'));
    expect(new Set(kinds(failures))).toEqual(new Set(['leak']));
    const leaks = failures.map((f) => f.message);
    expect(leaks).toContainEqual(
      expect.stringMatching(
        new RegExp(
          String.raw`^timer 'generate_reply timeout' \(due at \d+ ms\) left after close ` +
            String.raw`\(the client closed at virtual time 1800 ms\): clear it when the session closes$`,
        ),
      ),
    );
    expect(leaks).toContain(
      "timer 'close grace' (due at 3800 ms) left after close (the client closed at virtual time 1800 ms): " +
        'clear it when the session closes',
    );
  });

  it('names the call site of a timer set without a label', async () => {
    // A broken client: close() arms a timer on the client's clock and never clears it.
    let clientClock: Clock | undefined;
    const scoped = VirtualClock.prototype.scoped;
    vi.spyOn(VirtualClock.prototype, 'scoped').mockImplementation(function (this: VirtualClock, owner: string): Clock {
      clientClock = scoped.call(this, owner);
      return clientClock;
    });
    const close = RealtimeSession.prototype.close;
    vi.spyOn(RealtimeSession.prototype, 'close').mockImplementation(function (this: RealtimeSession) {
      armStrayTimer(clientClock!);
      return close.call(this);
    });
    const { failures } = await runScenario(path.join(DIR, 'text-reply.yaml'));
    expect(kinds(failures)).toEqual(['leak']);
    expect(failures[0]!.message).toMatch(
      new RegExp(
        String.raw`^an unlabelled timer set at armStrayTimer \(.*run-notices\.test\.ts:\d+:\d+\) \(due at \d+ ms\) ` +
          String.raw`left after close \(the client closed at virtual time \d+ ms\)`,
      ),
    );
  });
});

function armStrayTimer(clock: Clock): void {
  clock.setTimeout(() => {}, 60_000);
}

describe('a server error the client does not surface', () => {
  it('fails the run, naming the error the client swallowed', async () => {
    // A broken client: it drops every error event instead of emitting it.
    const emit = RealtimeSession.prototype.emit;
    vi.spyOn(RealtimeSession.prototype, 'emit').mockImplementation(function (
      this: RealtimeSession,
      ...args: Parameters<typeof emit>
    ) {
      if (args[0] === 'error') return false;
      return emit.apply(this, args);
    });
    const declared = `${SERVER_ERROR}expect:\n  - { frame: error, from: server, count: 1 }\n`;
    const { failures } = await runScenario(scenario(declared));
    expect(kinds(failures)).toEqual(['unsurfaced-error']);
    expect(failures[0]!.message).toBe(
      'the client received a server error and emitted no "error" event for it (§5.18 E1): server event #4 the ' +
        'client received, ' +
        'at virtual time 200 ms, code "invalid_value", message "Bad value."',
    );
  });
});

describe('a promise rejected with no handler during the run', () => {
  it('fails the run, naming the reason, where it was thrown and the virtual time', async () => {
    // A broken client: close() starts work whose failure nobody handles.
    const close = RealtimeSession.prototype.close;
    vi.spyOn(RealtimeSession.prototype, 'close').mockImplementation(function (this: RealtimeSession) {
      void forgetfulCleanup();
      return close.call(this);
    });
    // vitest's own listener would report the rejection as an error of this test file.
    const others = process.listeners('unhandledRejection');
    process.removeAllListeners('unhandledRejection');
    try {
      const { failures } = await runScenario(path.join(DIR, 'text-reply.yaml'));
      expect(kinds(failures)).toEqual(['unhandled-rejection']);
      expect(failures[0]!.message).toMatch(
        new RegExp(
          '^a promise rejected with no handler at virtual time 1800 ms: ' +
            String.raw`Error: cleanup failed \(at forgetfulCleanup \(.*run-notices\.test\.ts:\d+:\d+\)\)$`,
        ),
      );
    } finally {
      for (const listener of others) process.on('unhandledRejection', listener);
    }
  });
});

async function forgetfulCleanup(): Promise<void> {
  throw new Error('cleanup failed');
}

describe('a client whose generation never ends', () => {
  it('fails the shutdown, naming the generation whose streams are still open', async () => {
    // A broken client: the function stream of each generation it announces never ends.
    const emit = RealtimeSession.prototype.emit;
    vi.spyOn(RealtimeSession.prototype, 'emit').mockImplementation(function (
      this: RealtimeSession,
      ...args: Parameters<typeof emit>
    ) {
      if (args[0] !== 'generation_created') return emit.apply(this, args);
      const never: AsyncIterable<never> = {
        [Symbol.asyncIterator]: () => ({ next: () => new Promise<never>(() => {}) }),
      };
      return emit.apply(this, [
        'generation_created',
        { ...(args[1] as object), functionStream: never },
      ] as unknown as Parameters<typeof emit>);
    });
    const yaml =
      'name: endless\nclient: { voice: ara }\nserver: { reply: { transcript: "Hi." } }\n' +
      'steps:\n  - call: generateReply\n    await: false\n  - sleep: 2000\n';
    const { failures } = await runScenario(scenario(yaml));
    expect(kinds(failures)).toEqual(['error']);
    expect(failures[0]!.message).toMatch(
      new RegExp(
        '^the client or the simulator did not shut down: .*nothing left to run.* ' +
          String.raw`\(still pending: the streams of generation \S+ never ended\)$`,
      ),
    );
  });
});

describe('a call close() does not settle', () => {
  it('fails the run, naming the call and its step', async () => {
    // A broken client: generateReply returns a promise nothing ever settles, close() included.
    vi.spyOn(RealtimeSession.prototype, 'generateReply').mockImplementation(() => new Promise<never>(() => {}));
    const yaml =
      'name: hanging\ntimeoutMs: 2000\nclient: { voice: ara }\nsteps:\n' +
      '  - call: generateReply\n    await: false\n  - sleep: 500\n';
    const { failures } = await runScenario(scenario(yaml));
    expect(failures.find((f) => f.kind === 'leak')?.message).toBe(
      'the promise of generateReply (step 0) is still pending after close: close() should settle it',
    );
    // The steps could not finish either: they wait for every background call.
    expect(kinds(failures)).toEqual(['timeout', 'leak']);
  });
});
