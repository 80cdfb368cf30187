import { describe, expect, it } from 'vitest';
import {
  APIConnectionError,
  APIError,
  RealtimeModel,
  type Logger,
  type RealtimeModelError,
} from '../../src/client/index.js';
import { TOO_DEEP, redactCredentials, redactData, redactFields } from '../../src/client/redact.js';

const SECRET = 'sekrit-4242';

describe('credential redaction', () => {
  it('replaces credential query parameters, Bearer and Authorization values and client secrets', () => {
    expect(redactCredentials(`wss://h/v1/realtime?api_key=${SECRET}&model=m`)).toBe(
      'wss://h/v1/realtime?api_key=***&model=m',
    );
    expect(redactCredentials(`ws://h/?model=m&access_token=${SECRET}#x`)).toBe('ws://h/?model=m&access_token=***#x');
    expect(redactCredentials(`?client_secret=${SECRET} and ?signature=${SECRET}`)).toBe(
      '?client_secret=*** and ?signature=***',
    );
    expect(redactCredentials(`Authorization: Bearer ${SECRET}`)).toBe('Authorization: Bearer ***');
    expect(redactCredentials(`{"authorization":"${SECRET}"}`)).toBe('{"authorization":"***"}');
    expect(redactCredentials(`protocols: xai-client-secret.${SECRET}, realtime`)).toBe(
      'protocols: xai-client-secret.***, realtime',
    );
    expect(redactCredentials('wss://api.x.ai/v1/realtime?model=grok-4-1-fast-non-reasoning')).toBe(
      'wss://api.x.ai/v1/realtime?model=grok-4-1-fast-non-reasoning',
    );
  });

  it('redacts nested field values and error messages, and leaves other values alone', () => {
    const bytes = new Uint8Array([1, 2]);
    const out = redactFields({
      url: `ws://h?key=${SECRET}`,
      nested: { list: [`Bearer ${SECRET}`] },
      error: new Error(`token=x ?token=${SECRET}`),
      n: 3,
      bytes,
    });
    expect(JSON.stringify(out)).not.toContain(SECRET);
    expect(String(out['error'])).toContain('?token=***');
    expect(out['n']).toBe(3);
    expect(out['bytes']).toBe(bytes);
  });

  it('replaces what is nested deeper than it walks instead of passing it on unredacted', () => {
    const deep = {
      a: { b: { c: { d: { e: `Bearer ${SECRET}` } } } },
      list: [[[[[`Bearer ${SECRET}`]]]]],
      bytes: { a: { b: { c: new Uint8Array(2) } } },
    };
    const out = redactData(deep);
    expect(JSON.stringify(out)).not.toContain(SECRET);
    expect(out).toEqual({
      a: { b: { c: { d: TOO_DEEP } } },
      list: [[[TOO_DEEP]]],
      bytes: { a: { b: { c: new Uint8Array(2) } } },
    });
  });

  it('client errors redact their message, details and cause', () => {
    const error = new APIConnectionError(`could not connect to ws://h/?api_key=${SECRET}`, {
      details: { url: `ws://h/?api_key=${SECRET}` },
      cause: new Error(`Bearer ${SECRET}`),
    });
    expect(error.message).not.toContain(SECRET);
    expect(JSON.stringify(error.details)).not.toContain(SECRET);
    expect((error.cause as Error).message).not.toContain(SECRET);
  });

  it('client errors redact a cause that is a thrown string or plain object, not only an Error', () => {
    const fromString = new APIConnectionError('could not open a socket', { cause: `Authorization: Bearer ${SECRET}` });
    expect(fromString.cause).toBe('Authorization: Bearer ***');
    const thrown = { reason: 'blocked', headers: { Authorization: `Bearer ${SECRET}` }, attempt: 2 };
    const fromObject = new APIConnectionError('could not open a socket', { cause: thrown });
    expect(fromObject.cause).toEqual({ reason: 'blocked', headers: { Authorization: 'Bearer ***' }, attempt: 2 });
    expect(thrown.headers.Authorization).toBe(`Bearer ${SECRET}`);
    const undefinedCause = new APIConnectionError('could not open a socket', { cause: undefined });
    expect(undefinedCause.cause).toBeUndefined();
  });

  it('a class instance becomes a plain object of its own fields, or its redacted text when it has none', () => {
    class SocketRequest {
      url = 'wss://h/v1/realtime';
      headers = { Authorization: `Bearer ${SECRET}` };
    }
    const fromInstance = new APIConnectionError('could not open a socket', { cause: new SocketRequest() });
    expect(fromInstance.cause).toEqual({ url: 'wss://h/v1/realtime', headers: { Authorization: 'Bearer ***' } });
    expect(Object.getPrototypeOf(fromInstance.cause)).toBe(Object.prototype);
    expect(redactData(new URL(`wss://h/v1/realtime?api_key=${SECRET}`))).toBe('wss://h/v1/realtime?api_key=***');
    expect(redactData(new Map([['key', SECRET]]))).toBe('[object Map]');
    const noToString = Object.create(Object.create(null) as object) as object;
    expect(redactData({ odd: noToString })).toEqual({ odd: '[object Object]' });
    const bytes = new Uint8Array([7]);
    expect(redactData({ bytes })).toEqual({ bytes });
  });

  it('client errors redact the server error object they carry as body, keeping its other fields', () => {
    const body = {
      type: 'invalid_request_error',
      code: 'invalid_value',
      message: `bad Bearer ${SECRET}`,
      param: `authorization: ${SECRET}`,
      event_id: null,
    };
    const error = new APIError('the server refused', { body });
    expect(error.body).toEqual({
      type: 'invalid_request_error',
      code: 'invalid_value',
      message: 'bad Bearer ***',
      param: 'authorization: ***',
      event_id: null,
    });
    expect(new APIError('no body').body).toBeNull();
  });

  it('a key in the base URL query is in no error event, session failure, log line or connection event', async () => {
    const lines: string[] = [];
    const record = (message: string, fields?: Record<string, unknown>): void =>
      void lines.push(`${message} ${JSON.stringify(fields ?? {})}`);
    const logger: Logger = { debug: record, info: record, warn: record, error: record };
    // Port 1 on loopback refuses: the handshake fails at once.
    const model = new RealtimeModel({
      apiKey: SECRET,
      baseURL: `http://127.0.0.1:1/v1?api_key=${SECRET}`,
      logger,
      connOptions: { maxRetry: 0 },
    });
    const session = model.session();
    const said: string[] = [];
    const fatal = new Promise<void>((resolve) =>
      session.onAny((name, payload) => {
        said.push(name, JSON.stringify(payload));
        if (name !== 'error') return;
        said.push(String((payload as RealtimeModelError).error.message));
        resolve();
      }),
    );
    await fatal;
    expect(said.join(' ')).toContain('api_key=***');
    const failure = await session.close().then(
      () => undefined,
      (error: unknown) => error as APIConnectionError,
    );
    expect(failure).toBeInstanceOf(APIConnectionError);
    expect(failure!.message).toContain('api_key=***');
    for (const text of [
      failure!.message,
      JSON.stringify(failure!.details),
      String((failure!.cause as Error | undefined)?.message),
      ...said,
      ...lines,
    ]) {
      expect(text).not.toContain(SECRET);
    }
    expect(() => new RealtimeModel({ apiKey: 'k', baseURL: `nota url?api_key=${SECRET}` })).toThrow(/api_key=\*\*\*/);
  });
});
