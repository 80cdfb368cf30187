import { describe, expect, it } from 'vitest';
import { APIError, type RealtimeModelError, type RealtimeModelMetrics } from '../../src/client/index.js';
import { withSession, recordEvents, setup } from './peer.js';
import { responseCreated, responseDone, serverError } from './server-events.js';

describe('§5.18 E1 error events', () => {
  it('E1 "Cancellation failed" errors are dropped silently', async () => {
    const s = setup();
    await withSession(s, async (session) => {
      const events = recordEvents(session, s.clock);
      s.peer.send(serverError('Cancellation failed: no active response found'));
      await s.clock.sleep(1);
      expect(events.map((e) => e.name)).toEqual(['openai_server_event_received']);
      expect(s.logger.lines).toEqual([]);
    });
  });

  it('E1 any other error is a recoverable APIError carrying the error object, the connection stays up', async () => {
    const s = setup();
    await withSession(s, async (session) => {
      const errors: RealtimeModelError[] = [];
      session.on('error', (e) => errors.push(e));
      await s.clock.sleep(500);
      const body = {
        type: 'invalid_request_error',
        code: 'bad_item',
        message: 'Item is bad',
        param: 'item',
        event_id: 'chat_ctx_create_1',
      };
      s.peer.send({ type: 'error', error: body });
      await s.clock.sleep(1);
      expect(errors).toHaveLength(1);
      const [e] = errors;
      expect(e).toMatchObject({
        type: 'realtime_model_error',
        timestamp: 0.5,
        label: 'livekit.plugins.xai.realtime.realtime_model.RealtimeModel',
        recoverable: true,
      });
      expect(e!.error).toBeInstanceOf(APIError);
      const api = e!.error as APIError;
      expect(api.message).toBe('[rt-sim] OpenAI Realtime API returned an error: Item is bad');
      expect(api.body).toEqual(body);
      expect(api.retryable).toBe(true);
      expect(api.code).toBe('RTSIM_CLIENT_API_ERROR');
      expect(s.peer.connections).toHaveLength(1);
    });
  });

  it('E1 an error with a null message: a recoverable error naming the field is emitted, not swallowed', async () => {
    const s = setup();
    await withSession(s, async (session) => {
      const events = recordEvents(session, s.clock);
      s.peer.send(serverError(null));
      await s.clock.sleep(1);
      expect(events.map((e) => e.name)).toEqual(['openai_server_event_received', 'error']);
      const error = (events[1]!.payload as RealtimeModelError).error as APIError;
      expect([error.code, error.message]).toEqual([
        'RTSIM_CLIENT_EVENT_UNREADABLE',
        '[rt-sim] could not handle server event error: error: expected field "error.message" to be a string, got null',
      ]);
      expect(s.logger.lines.map((l) => l.message)).toEqual(['failed to handle event']);
      expect(s.peer.connections).toHaveLength(1);
    });
  });

  it('E1 no future fails on an error event: generateReply still waits for its timeout', async () => {
    const s = setup();
    await withSession(s, async (session) => {
      const start = s.clock.now();
      const reply = session.generateReply().catch((e: unknown) => e);
      const create = await s.peer.waitFor('response.create');
      s.peer.send(serverError('nope', { event_id: create.event['event_id'] }));
      await reply;
      expect(s.clock.now() - start).toBe(5000);
    });
  });
});

describe('§5.18 E2 failed responses', () => {
  const fail = async (statusDetails: unknown): Promise<{ names: string[]; error: RealtimeModelError | undefined }> => {
    const s = setup();
    let result: { names: string[]; error: RealtimeModelError | undefined } = { names: [], error: undefined };
    await withSession(s, async (session) => {
      const events = recordEvents(session, s.clock);
      s.peer.send(responseCreated('r1'));
      s.peer.send(responseDone('r1', { status: 'failed', ...(statusDetails === undefined ? {} : { statusDetails }) }));
      await s.clock.sleep(1);
      const named = events.filter((e) => e.name === 'metrics_collected' || e.name === 'error');
      result = {
        names: named.map((e) => e.name),
        error: named.find((e) => e.name === 'error')?.payload as RealtimeModelError | undefined,
      };
    });
    return result;
  };

  it('E2 a failed response emits metrics, then a recoverable error naming the error type with its body', async () => {
    const { names, error } = await fail({ type: 'failed', error: { type: 'server_error', code: 'overloaded' } });
    expect(names).toEqual(['metrics_collected', 'error']);
    expect(error?.recoverable).toBe(true);
    expect(error?.error.message).toBe('[rt-sim] OpenAI Realtime API response failed with error type: server_error');
    expect((error!.error as APIError).body).toEqual({ type: 'server_error', code: 'overloaded' });
    expect((error!.error as APIError).retryable).toBe(true);
  });

  it('E2 without status_details the message says "unknown error" and the body is null', async () => {
    const { error } = await fail(undefined);
    expect(error?.error.message).toBe('[rt-sim] OpenAI Realtime API response failed with unknown error');
    expect((error!.error as APIError).body).toBeNull();
  });

  it('E2 status_details without an error reads type "unknown"', async () => {
    const { error } = await fail({ type: 'failed' });
    expect(error?.error.message).toBe('[rt-sim] OpenAI Realtime API response failed with error type: unknown');
  });

  it('E2 cancelled and incomplete responses give metrics and no error', async () => {
    const s = setup();
    await withSession(s, async (session) => {
      const events = recordEvents(session, s.clock);
      s.peer.send(responseCreated('r1'));
      s.peer.send(
        responseDone('r1', { status: 'cancelled', statusDetails: { type: 'cancelled', reason: 'turn_detected' } }),
      );
      s.peer.send(responseCreated('r2'));
      s.peer.send(
        responseDone('r2', {
          status: 'incomplete',
          statusDetails: { type: 'incomplete', reason: 'max_output_tokens' },
        }),
      );
      await s.clock.sleep(1);
      const metrics = events
        .filter((e) => e.name === 'metrics_collected')
        .map((e) => e.payload as RealtimeModelMetrics);
      expect(metrics.map((m) => [m.requestId, m.cancelled])).toEqual([
        ['r1', true],
        ['r2', false],
      ]);
      expect(events.filter((e) => e.name === 'error')).toEqual([]);
    });
  });
});
