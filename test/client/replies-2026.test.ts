/** 2026 additions to replies and errors: per-response tools, say() through force_message, fatal server errors. */
import { describe, expect, it } from 'vitest';
import {
  SAY_TIMEOUT_MS,
  type APIError,
  type RealtimeModelError,
  type RealtimeSession,
} from '../../src/client/index.js';
import { recordEvents, run, setup, withSession } from './peer.js';
import { responseCreated, responseDone, serverError } from './server-events.js';

const weather = { name: 'get_weather', description: 'Weather.', parameters: { type: 'object', properties: {} } };

describe('generateReply with per-response tools', () => {
  it('sends tools and tool_choice in response.create only when given', async () => {
    const s = setup();
    await withSession(s, async (session) => {
      void session.generateReply('hi').catch(() => {});
      void session
        .generateReply(undefined, {
          tools: [weather],
          toolChoice: { type: 'function', function: { name: 'get_weather' } },
        })
        .catch(() => {});
      void session.generateReply(undefined, { tools: [], toolChoice: null }).catch(() => {});
      await s.peer.waitFor('response.create', 3);
      const responses = s.peer.ofType('response.create').map((f) => f.event['response'] as Record<string, unknown>);
      expect(responses[0]).not.toHaveProperty('tools');
      expect(responses[0]).not.toHaveProperty('tool_choice');
      expect([responses[1]!['tools'], responses[1]!['tool_choice']]).toEqual([
        [
          {
            type: 'function',
            name: 'get_weather',
            description: 'Weather.',
            parameters: { type: 'object', properties: {} },
          },
        ],
        { type: 'function', name: 'get_weather' },
      ]);
      expect([responses[2]!['tools'], responses[2]!['tool_choice']]).toEqual([[], 'auto']);
      expect(session.tools).toEqual([]);
    });
  });
});

describe('say() through force_message', () => {
  it('sends a force_message item and resolves with the next response.created that has no client_event_id', async () => {
    const s = setup();
    await withSession(s, async (session) => {
      const said = session.say('Welcome back.', { interruptible: false, voice: 'eve' });
      const create = await s.peer.waitFor('conversation.item.create');
      expect(create.event['item']).toEqual({
        type: 'force_message',
        role: 'assistant',
        content: [{ type: 'output_text', text: 'Welcome back.' }],
        interruptible: false,
        voice: 'eve',
      });
      s.peer.send(responseCreated('r1'));
      const generation = await said;
      expect([generation.responseId, generation.userInitiated]).toEqual(['r1', true]);
      s.peer.send(responseDone('r1'));
    });
  });

  it('matches pending says in order, and never takes a response that names a generateReply', async () => {
    const s = setup();
    await withSession(s, async (session) => {
      const first = session.say('One.');
      const second = session.say('Two.');
      const reply = session.generateReply();
      const create = await s.peer.waitFor('response.create');
      s.peer.send(responseCreated('r1', { client_event_id: String(create.event['event_id']) }));
      s.peer.send(responseCreated('r2'));
      s.peer.send(responseCreated('r3'));
      s.peer.send(responseDone('r3'));
      const ids = await Promise.all([reply, first, second].map(async (p) => (await p).responseId));
      expect(ids).toEqual(['r1', 'r2', 'r3']);
    });
  });

  it('rejects after SAY_TIMEOUT_MS without a response.created, and a later one is server-initiated', async () => {
    const s = setup();
    await withSession(s, async (session) => {
      const start = s.clock.now();
      const outcome = await session.say('Hello?').then(
        () => undefined,
        (e: unknown) => e as APIError,
      );
      expect(s.clock.now() - start).toBe(SAY_TIMEOUT_MS);
      expect(outcome?.code).toBe('RTSIM_CLIENT_TIMEOUT');
      const generation = new Promise<boolean>((resolve) =>
        session.once('generation_created', (g) => resolve(g.userInitiated)),
      );
      s.peer.send(responseCreated('late'));
      expect(await generation).toBe(false);
      s.peer.send(responseDone('late'));
    });
  });
});

describe('fatal server error codes', () => {
  async function fatal(
    code: string,
    opts: { fatalErrorCodes?: string[] } = {},
  ): Promise<{ errors: RealtimeModelError[]; connections: number; closed: boolean }> {
    const s = setup(opts);
    let result = { errors: [] as RealtimeModelError[], connections: 0, closed: false };
    await run(s, async () => {
      const session: RealtimeSession = s.model.session();
      const errors: RealtimeModelError[] = [];
      session.on('error', (e) => errors.push(e));
      await s.peer.waitFor('session.update');
      s.peer.send(serverError('Incorrect API key provided', { type: 'authentication_error', code }));
      await s.clock.sleep(10_000);
      result = { errors, connections: s.peer.connections.length, closed: session.closed };
      await session.close().catch(() => {});
    });
    return result;
  }

  it('invalid_api_key kills the session with a non-retryable error: no reconnect', async () => {
    const { errors, connections, closed } = await fatal('invalid_api_key');
    expect(errors.map((e) => [e.recoverable, (e.error as APIError).code, (e.error as APIError).retryable])).toEqual([
      [false, 'RTSIM_CLIENT_FATAL_SERVER_ERROR', false],
    ]);
    expect(errors[0]!.error.message).toBe(
      '[rt-sim] OpenAI Realtime API returned a fatal error (invalid_api_key): Incorrect API key provided',
    );
    expect([connections, closed]).toEqual([1, true]);
  });

  it('with fatalErrorCodes [] the same error is recoverable and the session stays, as in the reference', async () => {
    const { errors, connections, closed } = await fatal('invalid_api_key', { fatalErrorCodes: [] });
    expect(errors.map((e) => [e.recoverable, (e.error as APIError).code])).toEqual([[true, 'RTSIM_CLIENT_API_ERROR']]);
    expect([connections, closed]).toEqual([1, false]);
  });

  it('a code outside the list stays recoverable', async () => {
    const { errors, closed } = await fatal('rate_limit_exceeded');
    expect([errors.map((e) => e.recoverable), closed]).toEqual([[true], false]);
  });
});

describe('say after close', () => {
  it('rejects at once', async () => {
    const s = setup();
    await run(s, async () => {
      const session = s.model.session();
      const events = recordEvents(session, s.clock);
      await session.close();
      await expect(session.say('x')).rejects.toMatchObject({ code: 'RTSIM_CLIENT_CLOSED' });
      expect(
        events.filter((e) => e.name === 'openai_client_event_queued').map((e) => (e.payload as { type: string }).type),
      ).not.toContain('conversation.item.create');
    });
  });
});
