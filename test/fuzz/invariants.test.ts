/**
 * Each invariant against a hand-made bad outcome (it must say what broke) and a good one (it
 * must hold), then all of them against real runs of the harness with no fault.
 */
import { describe, expect, it } from 'vitest';
import {
  INVARIANTS,
  appendSizes,
  buildScenario,
  callFailuresExplained,
  cancelOnlyWhileResponding,
  chatCtxApiAgrees,
  rawEventsSurfaced,
  secretsRedacted,
  chatCtxConsistent,
  checkInvariants,
  clientEventIdsUnique,
  clientFramesMatchCatalogue,
  failedResponsesRaiseError,
  functionCallsFinished,
  generationsEnd,
  itemReferencesKnown,
  metricsConsistent,
  mirrorOrderMatchesServer,
  retryBudgetKept,
  reconnectsAfterDrop,
  runEnds,
  runFuzzScenario,
  sessionUpdateLeads,
} from '../../src/fuzz/index.js';
import type { FuzzCase } from '../../src/fuzz/index.js';
import { SESSION_UPDATE, audio, run } from './hand-made.js';

const created = (id: string, clientEventId?: string): Record<string, unknown> => ({
  type: 'response.created',
  event_id: 'event_000000000001',
  response: {
    id,
    object: 'realtime.response',
    status: 'in_progress',
    output: [],
    metadata: clientEventId ? { client_event_id: clientEventId } : null,
  },
});
const done = (id: string): Record<string, unknown> => ({
  type: 'response.done',
  event_id: 'event_000000000002',
  response: { id, status: 'completed', output: [] },
});
const doneWith = (id: string, status: string): Record<string, unknown> => ({
  type: 'response.done',
  event_id: 'event_000000000003',
  response: { id, status, output: [] },
});
const added = (id: string, previous: string | null): Record<string, unknown> => ({
  type: 'conversation.item.added',
  event_id: `event_${id.slice(-12)}`,
  previous_item_id: previous,
  item: { id, type: 'message', role: 'user', content: [{ type: 'input_text', text: 'hi' }] },
});
const create = (id: string, previous: string): Record<string, unknown> => ({
  type: 'conversation.item.create',
  event_id: `chat_ctx_create_${id.slice(-12)}`,
  previous_item_id: previous,
  item: { id, type: 'message', role: 'user', content: [{ type: 'input_text', text: 'hi' }] },
});

describe('runEnds', () => {
  it('holds for a run without harness failures', () => {
    expect(runEnds(run())).toBeUndefined();
  });

  it('excuses no harness error, not even one of a truncate step that found no reply', () => {
    // Generated truncates say skipIfNoMessage, so a truncate that stops the run is a failure like any other.
    const truncate = { call: 'truncate' as const, args: { audioEndMs: 100 } };
    const wording = 'truncate: there is no assistant message in the chat context yet at step 3';
    expect(runEnds(run({ failures: [{ kind: 'error', message: wording }] }))?.invariant).toBe('runEnds');
    expect(
      runEnds(run({ failures: [{ kind: 'error', message: wording }], scenario: { steps: [truncate] } }))?.invariant,
    ).toBe('runEnds');
  });

  it('breaks on a run past timeoutMs or a deadlock', () => {
    const v = runEnds(
      run({
        failures: [
          { kind: 'timeout', message: 'the scenario did not finish within timeoutMs 60000 at step 2 (wait idle)' },
        ],
      }),
    );
    expect(v?.invariant).toBe('runEnds');
    expect(v?.message).toContain('wait idle');
    expect(
      runEnds(
        run({ failures: [{ kind: 'deadlock', message: 'the run waited for something that can no longer happen' }] }),
      )?.invariant,
    ).toBe('runEnds');
  });
});

describe('clientFramesMatchCatalogue', () => {
  it('holds for frames of the catalogue', () => {
    expect(
      clientFramesMatchCatalogue(
        run({
          frames: [
            { t: 0, from: 'client', body: SESSION_UPDATE },
            { t: 1, from: 'client', body: { type: 'response.cancel' } },
          ],
        }),
      ),
    ).toBeUndefined();
  });

  it('breaks on a bad field or an unknown type, naming the frame', () => {
    const bad = clientFramesMatchCatalogue(
      run({
        frames: [
          { t: 0, from: 'client', body: SESSION_UPDATE },
          { t: 5, from: 'client', body: { type: 'input_audio_buffer.append', audio: 5 } },
        ],
      }),
    );
    expect(bad).toMatchObject({ invariant: 'clientFramesMatchCatalogue', frameIndex: 1, t: 5 });
    expect(bad?.message).toContain('audio');
    expect(
      clientFramesMatchCatalogue(run({ frames: [{ t: 0, from: 'client', body: { type: 'response.retry' } }] }))
        ?.message,
    ).toContain('response.retry');
  });
});

describe('clientEventIdsUnique', () => {
  it('holds for distinct, well-formed ids', () => {
    expect(
      clientEventIdsUnique(
        run({
          frames: [
            { t: 0, from: 'client', body: SESSION_UPDATE },
            { t: 0, from: 'client', body: create('item_aaaaaaaaaaaa', 'root') },
          ],
        }),
      ),
    ).toBeUndefined();
  });

  it('breaks on an id sent twice or of the wrong shape', () => {
    expect(
      clientEventIdsUnique(
        run({
          frames: [
            { t: 0, from: 'client', body: SESSION_UPDATE },
            { t: 1, from: 'client', body: SESSION_UPDATE },
          ],
        }),
      ),
    ).toMatchObject({ frameIndex: 1 });
    expect(
      clientEventIdsUnique(run({ frames: [{ t: 0, from: 'client', body: { ...SESSION_UPDATE, event_id: 'x1' } }] }))
        ?.message,
    ).toContain('"x1"');
  });
});

describe('sessionUpdateLeads', () => {
  it('holds when every connection starts with a session.update', () => {
    const frames = [
      { t: 0, conn: 1, from: 'client' as const, body: SESSION_UPDATE },
      { t: 1, conn: 1, from: 'client' as const, body: { type: 'response.cancel' } },
      { t: 9, conn: 2, from: 'client' as const, body: { ...SESSION_UPDATE, event_id: 'session_update_ba9876543210' } },
    ];
    expect(sessionUpdateLeads(run({ frames }))).toBeUndefined();
  });

  it('breaks when a reconnect starts with anything else', () => {
    const frames = [
      { t: 0, conn: 1, from: 'client' as const, body: SESSION_UPDATE },
      { t: 9, conn: 2, from: 'client' as const, body: { type: 'input_audio_buffer.commit' } },
    ];
    expect(sessionUpdateLeads(run({ frames }))).toMatchObject({ invariant: 'sessionUpdateLeads', frameIndex: 1 });
  });
});

describe('generationsEnd', () => {
  it('holds when every generation ended', () => {
    expect(
      generationsEnd(
        run({
          events: [
            { t: 1, event: 'generation_created' },
            { t: 5, event: 'generation_done' },
          ],
        }),
      ),
    ).toBeUndefined();
  });

  it('breaks when one never ended or a stream failed, and says what a correct run shows', () => {
    const open = generationsEnd(
      run({
        events: [
          { t: 1, event: 'generation_created' },
          { t: 2, event: 'generation_created' },
          { t: 5, event: 'generation_done' },
        ],
      }),
    );
    expect(open?.message).toBe('2 generation(s) created but 1 ended (all streams closed)');
    expect(open?.expect).toEqual([{ event: 'generation_done', count: 2 }]);
    const failed = run({
      events: [
        { t: 1, event: 'generation_created' },
        { t: 3, event: 'generation_stream_error', data: { message: 'boom' } },
        { t: 3, event: 'generation_done' },
      ],
    });
    expect(generationsEnd(failed)).toMatchObject({ eventIndex: 1 });
  });
});

describe('callFailuresExplained', () => {
  const timeout = (t: number): { t: number; event: string; data: Record<string, unknown> } => ({
    t,
    event: 'call_failed',
    data: {
      call: 'generateReply',
      step: 0,
      code: 'RTSIM_CLIENT_TIMEOUT',
      message:
        '[rt-sim] generate_reply timed out: expected response.created with metadata.client_event_id ' +
        '"response_create_0123456789ab" within 5000 ms, got none',
    },
  });
  const request = {
    type: 'response.create',
    event_id: 'response_create_0123456789ab',
    response: { instructions: null, metadata: { client_event_id: 'response_create_0123456789ab' } },
  };

  it('holds for lost connections, and for a timeout whose answer never reached the client', () => {
    const lost = {
      t: 300,
      event: 'call_failed',
      data: { call: 'updateChatCtx', step: 1, code: 'RTSIM_CLIENT_CONNECTION_LOST', message: 'the connection ended' },
    };
    expect(callFailuresExplained(run({ events: [lost] }))).toBeUndefined();
    expect(
      callFailuresExplained(run({ frames: [{ t: 0, from: 'client', body: request }], events: [timeout(5000)] })),
    ).toBeUndefined();
  });

  it('breaks on a timeout though the echo came in time, and on any other code', () => {
    const frames = [
      { t: 0, from: 'client' as const, body: request },
      { t: 10, from: 'server' as const, body: created('resp_0123456789ab', 'response_create_0123456789ab') },
    ];
    const v = callFailuresExplained(run({ frames, events: [timeout(5000)] }));
    expect(v?.message).toContain('reached the client before');
    expect(v?.expect).toEqual([{ event: 'call_failed', count: 0, match: { code: 'RTSIM_CLIENT_TIMEOUT' } }]);
    const other = {
      t: 3,
      event: 'call_failed',
      data: { call: 'generateReply', step: 0, code: 'RTSIM_CLIENT_BAD_OPTION', message: 'no' },
    };
    expect(callFailuresExplained(run({ events: [other] }))?.message).toContain('RTSIM_CLIENT_BAD_OPTION');
  });

  it('finds the timed-out request by when the call was made, whatever the message says', () => {
    const worded = {
      t: 5000,
      event: 'call_failed',
      data: { call: 'generateReply', step: 0, code: 'RTSIM_CLIENT_TIMEOUT', message: 'timed out' },
    };
    const echoed = [
      { t: 0, from: 'client' as const, body: request },
      { t: 10, from: 'server' as const, body: created('resp_0123456789ab', 'response_create_0123456789ab') },
    ];
    expect(callFailuresExplained(run({ frames: echoed, events: [worded] }))?.message).toContain(
      'reached the client before',
    );
    // The request went out 5000 ms before the failure and was never echoed: explained.
    expect(callFailuresExplained(run({ frames: [echoed[0]!], events: [worded] }))).toBeUndefined();
  });

  it('explains an updateChatCtx timeout only when its item was not acknowledged', () => {
    const step = {
      call: 'updateChatCtx' as const,
      args: { add: [{ role: 'user' as const, text: 'hi', id: 'item_fuzzuser0000' }] },
      await: false,
    };
    const failed = {
      t: 5000,
      event: 'call_failed',
      data: { call: 'updateChatCtx', step: 0, code: 'RTSIM_CLIENT_TIMEOUT', message: 'update_chat_ctx timed out' },
    };
    const unanswered = run({
      scenario: { steps: [step] },
      frames: [{ t: 0, from: 'client', body: create('item_fuzzuser0000', 'root') }],
      events: [failed],
    });
    expect(callFailuresExplained(unanswered)).toBeUndefined();
    const answered = run({
      scenario: { steps: [step] },
      frames: [
        { t: 0, from: 'client', body: create('item_fuzzuser0000', 'root') },
        { t: 1, from: 'server', body: added('item_fuzzuser0000', null) },
      ],
      events: [failed],
    });
    expect(callFailuresExplained(answered)?.invariant).toBe('callFailuresExplained');
  });
});

describe('retryBudgetKept', () => {
  // maxRetry 2 (hand-made scenario): the third failure in a row is fatal.
  const open = (attempt: number, conn: number, t: number, closedAt: number, closedBy = 'fault', code = 1006) => ({
    attempt,
    conn,
    t,
    outcome: 'open' as const,
    closedAt,
    code,
    closedBy,
  });
  const refused = (attempt: number, t: number) => ({
    attempt,
    conn: null,
    t,
    outcome: 'refused' as const,
    status: 503,
  });
  const fatalAt = (t: number) => ({
    t,
    event: 'error',
    data: { recoverable: false, error: { code: 'RTSIM_CLIENT_CONNECTION' } },
  });
  const spent = [open(1, 1, 0, 300), refused(2, 400), refused(3, 600)];

  it('holds with recoverable errors only, and for a death exactly when the budget is spent', () => {
    expect(
      retryBudgetKept(
        run({
          events: [{ t: 1, event: 'error', data: { recoverable: true, error: { code: 'RTSIM_CLIENT_CONNECTION' } } }],
        }),
      ),
    ).toBeUndefined();
    expect(retryBudgetKept(run({ connections: spent, events: [fatalAt(600)] }))).toBeUndefined();
  });

  it('breaks on a fatal error or a dead session within the budget', () => {
    expect(retryBudgetKept(run({ events: [fatalAt(1)] }))?.expect).toEqual([
      { event: 'error', count: 0, match: { recoverable: false } },
    ]);
    expect(
      retryBudgetKept(
        run({ events: [{ t: 9, event: 'session_failed', data: { code: 'RTSIM_CLIENT_RETRIES_EXHAUSTED' } }] }),
      )?.message,
    ).toContain('RETRIES_EXHAUSTED');
    // Two failures in a row with maxRetry 2: one retry is left.
    expect(retryBudgetKept(run({ connections: spent.slice(0, 2), events: [fatalAt(400)] }))?.message).toContain(
      'within the retry budget (maxRetry 2)',
    );
  });

  it('breaks when the budget is spent and the session lives on, or keeps trying', () => {
    const v = retryBudgetKept(run({ connections: [...spent, open(4, 2, 2700, 9000, 'client', 1000)] }));
    expect(v?.message).toBe(
      'failure 3 in a row at 600 ms spends the retry budget (maxRetry 2), but no non-recoverable error followed',
    );
    expect(
      retryBudgetKept(run({ connections: [...spent, refused(4, 2700)], events: [fatalAt(600)] }))?.message,
    ).toContain('still tried connection attempt 4');
  });

  it(
    'owes no retry for a connection that ended once the harness had begun closing the client (seed 11, run 538), ' +
      'and allows both at that moment',
    () => {
      // Two failures would spend maxRetry 2's budget... but the third end comes with the close.
      const closing = [open(1, 1, 0, 300), refused(2, 400), open(3, 2, 600, 900, 'server', 1000)];
      expect(retryBudgetKept(run({ connections: closing, simulatedMs: 899 }))).toBeUndefined();
      // At the very moment the close began, either may have come first (seed 1, run 713): both hold.
      expect(retryBudgetKept(run({ connections: closing, simulatedMs: 900 }))).toBeUndefined();
      expect(retryBudgetKept(run({ connections: closing, simulatedMs: 900, events: [fatalAt(900)] }))).toBeUndefined();
      expect(retryBudgetKept(run({ connections: closing, simulatedMs: 901 }))?.message).toContain(
        'failure 3 in a row at 900 ms',
      );
    },
  );

  it('counts a connection that proved healthy as a fresh start', () => {
    const updated = {
      t: 10,
      conn: 2,
      from: 'server' as const,
      body: { type: 'session.updated', event_id: 'event_0000000000aa', session: {} },
    };
    const healthy = [open(1, 1, 0, 300), refused(2, 400), open(3, 2, 600, 5000), refused(4, 5100)];
    expect(retryBudgetKept(run({ connections: healthy, frames: [updated] }))).toBeUndefined();
    // Without its session.updated the third connection was not healthy: its end is the third failure.
    expect(retryBudgetKept(run({ connections: healthy }))?.t).toBe(5000);
  });
});

describe('reconnectsAfterDrop', () => {
  const dropped = [
    { attempt: 1, conn: 1, t: 0, outcome: 'open' as const, closedAt: 1000, code: 1006, closedBy: 'fault' },
    { attempt: 2, conn: 2, t: 1100, outcome: 'open' as const, closedAt: 10_000, code: 1000, closedBy: 'client' },
  ];

  it('holds when a reconnect follows the drop, or the run ended right after it', () => {
    expect(
      reconnectsAfterDrop(run({ connections: dropped, events: [{ t: 1100, event: 'session_reconnected' }] })),
    ).toBeUndefined();
    expect(reconnectsAfterDrop(run({ connections: [{ ...dropped[0]!, closedAt: 9900 }], events: [] }))).toBeUndefined();
  });

  it('breaks when the client stays away', () => {
    const v = reconnectsAfterDrop(run({ connections: [dropped[0]!], events: [] }));
    expect(v).toMatchObject({
      invariant: 'reconnectsAfterDrop',
      t: 1000,
      expect: [{ event: 'session_reconnected', min: 1, afterMs: 1000 }],
    });
  });
});

describe('chatCtxApiAgrees', () => {
  it('holds for a run whose chat contexts agree with their API', () => {
    expect(chatCtxApiAgrees(run())).toBeUndefined();
  });

  it("breaks on the harness's chat-ctx-api failure, with its message", () => {
    const message = "the chat context's API disagrees (§5.15): ctx: indexById of an unknown id gave 0, not -1";
    const v = chatCtxApiAgrees(run({ failures: [{ kind: 'chat-ctx-api', message }] }));
    expect(v).toMatchObject({ invariant: 'chatCtxApiAgrees', rule: '§5.15', message });
  });
});

describe('rawEventsSurfaced and secretsRedacted', () => {
  it('hold for a run with no raw-events or secret-leak failure', () => {
    expect(rawEventsSurfaced(run())).toBeUndefined();
    expect(secretsRedacted(run({ failures: [{ kind: 'chat-ctx-api', message: 'other' }] }))).toBeUndefined();
  });

  it("break on the harness's raw-events and secret-leak failures, with their messages", () => {
    const lost = 'the client emitted 30 "openai_server_event_received" event(s) for the 32 JSON server event(s)';
    expect(rawEventsSurfaced(run({ failures: [{ kind: 'raw-events', message: lost }] }))).toMatchObject({
      invariant: 'rawEventsSurfaced',
      rule: '§5.19',
      message: lost,
    });
    const leak = 'expected the API key never to reach the observation, got it at events.0.data.error.cause';
    expect(secretsRedacted(run({ failures: [{ kind: 'secret-leak', message: leak }] }))).toMatchObject({
      invariant: 'secretsRedacted',
      message: leak,
    });
  });
});

describe('chatCtxConsistent', () => {
  it('holds for distinct ids and single texts', () => {
    expect(
      chatCtxConsistent(
        run({
          chatCtx: [{ type: 'message', id: 'item_aaaaaaaaaaaa', role: 'assistant', text: 'Hi.', content: ['Hi.'] }],
        }),
      ),
    ).toBeUndefined();
  });

  it('breaks on "T\\nT" (§8.1) and on a repeated id, with the context a correct client holds', () => {
    const doubled = chatCtxConsistent(
      run({
        chatCtx: [
          { type: 'message', id: 'item_aaaaaaaaaaaa', role: 'assistant', text: 'Hi.\nHi.', content: ['Hi.', 'Hi.'] },
        ],
      }),
    );
    expect(doubled?.message).toContain('"Hi." twice');
    expect(doubled?.expect).toEqual([{ chatCtx: [{ role: 'assistant', text: 'Hi.' }] }]);
    const item = { type: 'message', id: 'item_aaaaaaaaaaaa', role: 'user', text: 'a', content: ['a'] };
    expect(chatCtxConsistent(run({ chatCtx: [item, item] }))?.message).toContain('repeats the id');
  });
});

describe('mirrorOrderMatchesServer', () => {
  const a = 'item_aaaaaaaaaaaa';
  const b = 'item_bbbbbbbbbbbb';
  const frames = [
    { t: 0, from: 'server' as const, body: added(a, null) },
    { t: 1, from: 'server' as const, body: added(b, a) },
  ];
  const item = (id: string, text: string): Record<string, unknown> => ({
    type: 'message',
    id,
    role: 'user',
    text,
    content: [text],
  });

  it('holds when the shared items are in the server order', () => {
    expect(
      mirrorOrderMatchesServer(run({ frames, serverItemIds: [a, b], chatCtx: [item(a, 'A'), item(b, 'B')] })),
    ).toBeUndefined();
  });

  it('breaks when they are not, and says the order a correct client shows', () => {
    const v = mirrorOrderMatchesServer(run({ frames, serverItemIds: [b, a], chatCtx: [item(a, 'A'), item(b, 'B')] }));
    expect(v?.invariant).toBe('mirrorOrderMatchesServer');
    expect(v?.expect).toEqual([
      {
        chatCtx: [
          { role: 'user', text: 'B' },
          { role: 'user', text: 'A' },
        ],
      },
    ]);
  });

  it('breaks when an own "root" create echoed after other items was appended (the bug it found)', () => {
    const root = [
      ...frames,
      { t: 2, from: 'client' as const, body: create('item_cccccccccccc', 'root') },
      { t: 3, from: 'server' as const, body: added('item_cccccccccccc', null) },
    ];
    const r = run({
      frames: root,
      serverItemIds: ['item_cccccccccccc', a, b],
      chatCtx: [item(a, 'A'), item(b, 'B'), item('item_cccccccccccc', 'C')],
    });
    expect(mirrorOrderMatchesServer(r)?.invariant).toBe('mirrorOrderMatchesServer');
  });
});

describe('itemReferencesKnown', () => {
  it('holds when every named item was announced on the connection or created there', () => {
    const frames = [
      { t: 0, from: 'server' as const, body: added('item_aaaaaaaaaaaa', null) },
      { t: 1, from: 'client' as const, body: create('item_bbbbbbbbbbbb', 'item_aaaaaaaaaaaa') },
      { t: 1, from: 'client' as const, body: create('item_cccccccccccc', 'item_bbbbbbbbbbbb') },
    ];
    expect(itemReferencesKnown(run({ frames }))).toBeUndefined();
  });

  it('breaks on an item of an earlier connection, also when it was queued during the reconnect', () => {
    const frames = [
      { t: 0, conn: 1, from: 'server' as const, body: added('item_aaaaaaaaaaaa', null) },
      { t: 900, conn: 2, from: 'client' as const, body: SESSION_UPDATE },
      {
        t: 950,
        conn: 2,
        from: 'client' as const,
        body: { type: 'conversation.item.truncate', item_id: 'item_aaaaaaaaaaaa', content_index: 0, audio_end_ms: 0 },
      },
    ];
    expect(itemReferencesKnown(run({ frames }))).toMatchObject({ invariant: 'itemReferencesKnown', frameIndex: 2 });
    const queued = frames.map((f) => (f.conn === 2 ? { ...f, t: 900 } : f));
    expect(itemReferencesKnown(run({ frames: queued }))?.invariant).toBe('itemReferencesKnown');
  });
});

describe('cancelOnlyWhileResponding', () => {
  it('holds for a cancel between response.created and response.done, a tie included', () => {
    const frames = [
      { t: 0, from: 'server' as const, body: created('resp_aaaaaaaaaaaa') },
      { t: 100, from: 'client' as const, body: { type: 'response.cancel' } },
      { t: 200, from: 'server' as const, body: done('resp_aaaaaaaaaaaa') },
      { t: 200, from: 'client' as const, body: { type: 'response.cancel' } },
    ];
    expect(cancelOnlyWhileResponding(run({ frames }))).toBeUndefined();
  });

  it('breaks on a cancel after the response was done, or on another connection (§8.13)', () => {
    const after = [
      { t: 0, from: 'server' as const, body: created('resp_aaaaaaaaaaaa') },
      { t: 100, from: 'server' as const, body: done('resp_aaaaaaaaaaaa') },
      { t: 150, from: 'client' as const, body: { type: 'response.cancel' } },
    ];
    expect(cancelOnlyWhileResponding(run({ frames: after }))).toMatchObject({
      frameIndex: 2,
      t: 150,
      expect: [{ frame: 'response.cancel', from: 'client', max: 0 }],
    });
    const otherConnection = [
      { t: 0, conn: 1, from: 'server' as const, body: created('resp_aaaaaaaaaaaa') },
      { t: 50, conn: 2, from: 'client' as const, body: { type: 'response.cancel' } },
    ];
    expect(cancelOnlyWhileResponding(run({ frames: otherConnection }))?.invariant).toBe('cancelOnlyWhileResponding');
  });
});

describe('appendSizes', () => {
  const append = (bytes: number): Record<string, unknown> => ({
    type: 'input_audio_buffer.append',
    audio: audio(bytes),
  });

  it('holds for 4800-byte appends and a shorter last one right before the commit', () => {
    const frames = [append(4800), append(4800), append(2400), { type: 'input_audio_buffer.commit' }].map((body, t) => ({
      t,
      from: 'client' as const,
      body,
    }));
    expect(appendSizes(run({ frames }))).toBeUndefined();
  });

  it('breaks on a short append with no commit after it (§8.9), an empty one, or an oversized one', () => {
    const short = [append(4800), append(2400), append(4800)].map((body, t) => ({ t, from: 'client' as const, body }));
    expect(appendSizes(run({ frames: short }))).toMatchObject({ frameIndex: 1 });
    expect(appendSizes(run({ frames: [{ t: 0, from: 'client', body: append(0) }] }))?.message).toContain('0 bytes');
    expect(
      appendSizes(
        run({
          frames: [append(9600), { type: 'input_audio_buffer.commit' }].map((body, t) => ({
            t,
            from: 'client' as const,
            body,
          })),
        }),
      )?.message,
    ).toContain('9600');
  });
});

describe('metricsConsistent', () => {
  const m = (over: Record<string, unknown> = {}): Record<string, unknown> => ({
    requestId: '<resp#1>',
    duration: 1,
    ttft: 0.2,
    tokensPerSecond: 10,
    cancelled: false,
    ...over,
  });
  const frames = [{ t: 0, from: 'server' as const, body: done('resp_aaaaaaaaaaaa') }];

  it('holds for one sane record per response.done', () => {
    expect(metricsConsistent(run({ frames, metrics: [m()] }))).toBeUndefined();
    expect(metricsConsistent(run({ frames, metrics: [m({ ttft: -1 })] }))).toBeUndefined();
  });

  it('breaks on more records than response.done frames, a ttft past the duration, or a bad rate', () => {
    expect(metricsConsistent(run({ frames, metrics: [m(), m()] }))?.message).toContain(
      '2 metrics records for 1 response.done',
    );
    expect(metricsConsistent(run({ frames, metrics: [m({ ttft: 2 })] }))?.message).toContain('ttft 2');
    expect(metricsConsistent(run({ frames, metrics: [m({ tokensPerSecond: Infinity })] }))?.message).toContain(
      'tokensPerSecond',
    );
  });

  // A response the client saw start and end: response.created, then its response.done on the same connection.
  const seen = (status: string): { t: number; from: 'server'; body: Record<string, unknown> }[] => [
    { t: 0, from: 'server', body: created('resp_aaaaaaaaaaaa') },
    { t: 50, from: 'server', body: doneWith('resp_aaaaaaaaaaaa', status) },
  ];

  it('holds for one record per response seen start and end, cancelled only for a cancelled one', () => {
    expect(metricsConsistent(run({ frames: seen('cancelled'), metrics: [m({ cancelled: true })] }))).toBeUndefined();
    expect(metricsConsistent(run({ frames: seen('incomplete'), metrics: [m({ cancelled: false })] }))).toBeUndefined();
    // A response.done of a response the client never saw start is a stray: no record is owed.
    expect(
      metricsConsistent(run({ frames: [{ t: 50, from: 'server', body: doneWith('resp_aaaaaaaaaaaa', 'completed') }] })),
    ).toBeUndefined();
  });

  it('breaks on a response ended with no record, two records for one response, or a wrong cancelled flag', () => {
    const none = metricsConsistent(run({ frames: seen('failed') }));
    expect(none).toMatchObject({ invariant: 'metricsConsistent', frameIndex: 1, t: 50 });
    expect(none?.message).toContain('response <resp#1> ended (response.done, status failed');
    expect(none?.expect).toEqual([{ event: 'metrics_collected', count: 1, match: { requestId: '<resp#1>' } }]);
    const twice = [
      ...seen('completed'),
      { t: 60, from: 'server' as const, body: doneWith('resp_aaaaaaaaaaaa', 'completed') },
    ];
    expect(metricsConsistent(run({ frames: twice, metrics: [m(), m()] }))?.message).toContain(
      'second one for response <resp#1>',
    );
    expect(
      metricsConsistent(run({ frames: seen('incomplete'), metrics: [m({ cancelled: true })] }))?.message,
    ).toContain('cancelled: true for a response.done with status incomplete');
  });
});

describe('failedResponsesRaiseError', () => {
  const frames = [
    { t: 0, from: 'server' as const, body: created('resp_aaaaaaaaaaaa') },
    { t: 70, from: 'server' as const, body: doneWith('resp_aaaaaaaaaaaa', 'failed') },
  ];
  const error = (t: number, recoverable: boolean): { t: number; event: string; data: Record<string, unknown> } => ({
    t,
    event: 'error',
    data: { recoverable, error: { message: 'failed' } },
  });

  it('holds when a failed response raised a recoverable error as its response.done arrived', () => {
    expect(failedResponsesRaiseError(run({ frames, events: [error(70, true)] }))).toBeUndefined();
    // A failed response.done with no response in flight is a stray (§5.16): nothing is owed.
    expect(failedResponsesRaiseError(run({ frames: [frames[1]!] }))).toBeUndefined();
  });

  it('breaks on a failure the application never heard of, or only as a fatal error', () => {
    const silent = failedResponsesRaiseError(run({ frames }));
    expect(silent).toMatchObject({ invariant: 'failedResponsesRaiseError', frameIndex: 1, t: 70 });
    expect(silent?.message).toContain('response <resp#1> failed');
    expect(failedResponsesRaiseError(run({ frames, events: [error(70, false)] }))?.invariant).toBe(
      'failedResponsesRaiseError',
    );
  });
});

describe('functionCallsFinished', () => {
  const call = (status: string, args: string): Record<string, unknown> => ({
    id: 'item_cccccccccccc',
    type: 'function_call',
    status,
    name: 'lookup',
    call_id: 'call_aaaaaaaaaaaa',
    arguments: args,
  });
  const itemDone = (
    t: number,
    status: string,
    args: string,
  ): { t: number; from: 'server'; body: Record<string, unknown> } => ({
    t,
    from: 'server',
    body: {
      type: 'response.output_item.done',
      event_id: 'event_000000000009',
      response_id: 'resp_aaaaaaaaaaaa',
      output_index: 0,
      item: call(status, args),
    },
  });
  const emitted = (t: number, args: string): { t: number; event: string; data: Record<string, unknown> } => ({
    t,
    event: 'function_call',
    data: { callId: 'call_aaaaaaaaaaaa', name: 'lookup', arguments: args },
  });

  it('holds for a call the server completed, emitted once with its arguments', () => {
    expect(
      functionCallsFinished(
        run({ frames: [itemDone(10, 'completed', '{"topic":"rome"}')], events: [emitted(10, '{"topic":"rome"}')] }),
      ),
    ).toBeUndefined();
    // Completed only in the output of response.done (its output_item.done was lost): still finished.
    const inDone = {
      t: 20,
      from: 'server' as const,
      body: {
        type: 'response.done',
        event_id: 'event_00000000000a',
        response: { id: 'resp_aaaaaaaaaaaa', status: 'completed', output: [call('completed', '{}')] },
      },
    };
    expect(functionCallsFinished(run({ frames: [inDone], events: [emitted(20, '{}')] }))).toBeUndefined();
  });

  it('breaks on a call cut while its arguments streamed (partial JSON), the known bug of issue 9', () => {
    const v = functionCallsFinished(
      run({ frames: [itemDone(10, 'incomplete', '{"to')], events: [emitted(10, '{"to')] }),
    );
    expect(v).toMatchObject({ invariant: 'functionCallsFinished', eventIndex: 0, t: 10 });
    expect(v?.message).toBe(
      'function_call for call <call#1> with arguments "{\\"to", ' +
        'but the server ended that call item incomplete with arguments "{\\"to"',
    );
    expect(v?.expect).toEqual([{ event: 'function_call', count: 0, match: { callId: '<call#1>' } }]);
  });

  it('breaks on a call emitted twice, on other arguments than the server finished, and on a call never ended', () => {
    const done = [itemDone(10, 'completed', '{}'), itemDone(11, 'completed', '{}')];
    expect(functionCallsFinished(run({ frames: done, events: [emitted(10, '{}'), emitted(11, '{}')] }))?.message).toBe(
      'function_call for call <call#1> emitted a second time',
    );
    expect(functionCallsFinished(run({ frames: done, events: [emitted(10, '{"x":1}')] }))?.message).toContain(
      'with arguments "{\\"x\\":1}"',
    );
    expect(functionCallsFinished(run({ events: [emitted(10, '{}')] }))?.message).toContain(
      'the server never ended that call item',
    );
  });
});

describe('every invariant on real runs without faults', () => {
  const base: FuzzCase = {
    seed: 7,
    client: {
      manualTurns: false,
      textOnly: false,
      maxRetry: 2,
      retryIntervalMs: 200,
      idleTimeoutMs: null,
      maxSessionDurationMs: null,
      outputAudioRate: 24000,
    },
    server: {
      profile: 'xai-2026',
      replies: [
        {
          words: ['sunny', 'in', 'paris'],
          ttftMs: 100,
          chunkMs: 100,
          toneMs: 400,
          transcriptDeltaWords: 1,
          startTime: false,
          call: null,
          end: null,
          pacing: 'realtime',
        },
      ],
      quirks: { nullPreviousItemId: false, emptyDeletedItemId: false, transcriptInUserItem: false, textEvents: 'xai' },
      latency: null,
      userWords: ['hello'],
      transcriptionDelayMs: 0,
      sessionCreated: false,
      refuseTruncate: false,
      lifetimeMs: null,
      coalesceFrames: false,
    },
    faults: [],
    steps: [
      { kind: 'addUserText', words: ['weather'], withAudio: false },
      { kind: 'waitIdle' },
      { kind: 'generateReply', instructions: null },
      { kind: 'interrupt', afterMs: 200 },
      { kind: 'waitIdle' },
    ],
  };

  it('hold for a text turn with an interruption, and for a manual voice turn', async () => {
    const text = await runFuzzScenario(buildScenario(base, 'good-text', '/tmp/good-text.yaml'));
    expect(text.outcome.observation.frames.filter((f) => f.type === 'response.cancel')).toHaveLength(1);
    expect(checkInvariants(text, INVARIANTS)).toEqual([]);
    const voice: FuzzCase = {
      ...base,
      client: { ...base.client, manualTurns: true },
      steps: [
        { kind: 'speak', hz: 300, toneMs: 250, silenceMs: 300, sampleRate: 16000, frameMs: 10 },
        { kind: 'generateReply', instructions: null },
      ],
    };
    const spoken = await runFuzzScenario(buildScenario(voice, 'good-voice', '/tmp/good-voice.yaml'));
    expect(spoken.outcome.observation.frames.filter((f) => f.type === 'input_audio_buffer.commit')).toHaveLength(1);
    expect(checkInvariants(spoken, INVARIANTS)).toEqual([]);
  });

  it('hold for a barge-in: a parallel block in which the user speaks while the reply plays', async () => {
    const barge: FuzzCase = {
      ...base,
      steps: [{ kind: 'bargeIn', afterMs: 100, hz: 300, toneMs: 500, silenceMs: 600, sampleRate: 48000, frameMs: 20 }],
    };
    const scenario = buildScenario(barge, 'good-barge-in', '/tmp/good-barge-in.yaml');
    const [reply, user] = (scenario.steps[0] as { parallel: Record<string, unknown>[][] }).parallel;
    expect(reply).toEqual([{ call: 'generateReply', await: false }, { wait: 'idle' }]);
    expect(user!.map((s) => Object.keys(s)[0])).toEqual(['sleep', 'call', 'call']);
    expect(user![0]).toEqual({ sleep: 100 });
    const run = await runFuzzScenario(scenario);
    const events = run.outcome.observation.events.map((e) => e.event);
    // The user spoke before the first generation ended: the server's VAD heard them over the reply.
    expect(events.indexOf('input_speech_started')).toBeGreaterThan(-1);
    expect(events.indexOf('input_speech_started')).toBeLessThan(events.indexOf('generation_done'));
    expect(checkInvariants(run, INVARIANTS)).toEqual([]);
  });

  it(
    'hold for a finished tool call, a failure after two audio chunks, ' +
      'an incomplete reply in a burst, and a refused truncate',
    async () => {
      const reply = base.server.replies[0]!;
      const issue9: FuzzCase = {
        ...base,
        server: {
          ...base.server,
          refuseTruncate: true,
          replies: [
            { ...reply, call: { topic: 'rome', argumentsDeltaChars: 4, withMessage: true, more: ['paris'] } },
            { ...reply, end: { kind: 'fail', code: 'internal_error', cut: { at: 'afterAudioChunks', n: 2 } } },
            {
              ...reply,
              end: { kind: 'incomplete', reason: 'content_filter', cut: { at: 'afterTranscriptDeltas', n: 1 } },
              pacing: 'burst',
            },
          ],
        },
        steps: [
          { kind: 'generateReply', instructions: null },
          { kind: 'waitIdle' },
          { kind: 'truncate', audioEndMs: 200, textPath: false },
        ],
      };
      const r = await runFuzzScenario(buildScenario(issue9, 'good-issue9', '/tmp/good-issue9.yaml'));
      const statuses = r.outcome.observation.frames
        .filter((f) => f.type === 'response.done')
        .map((f) => (f.body as { response: { status: string } }).response.status);
      // Two calls in one response, the tool's answers failing mid-audio, then the truncate step's
      // reply ending incomplete.
      expect(statuses).toEqual(['completed', 'failed', 'incomplete']);
      expect(
        r.outcome.observation.events
          .filter((e) => e.event === 'function_call')
          .map((e) => (e.data as { arguments: string }).arguments),
      ).toEqual(['{"topic":"rome"}', '{"topic":"paris"}']);
      expect(r.outcome.observation.frames.filter((f) => f.type === 'error' && f.from === 'server')).toHaveLength(1);
      expect(checkInvariants(r, INVARIANTS)).toEqual([]);
    },
  );
});
