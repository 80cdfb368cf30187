import { describe, expect, it } from 'vitest';
import {
  isHighEntropyToken,
  Redactor,
  redactFrame,
  redactHeaders,
  redactText,
  redactUrl,
  secretFieldRule,
  type JsonValue,
} from '../../src/transcript/index.js';
import { MAX_JSON_DEPTH, TOO_DEEP } from '../../src/protocol/index.js';
import { toneBase64 } from './helpers.js';

const KEY = 'xai-THISISASECRETKEY1234567890abcdef';

describe('redaction', () => {
  describe('headers', () => {
    it('keeps the Authorization scheme and replaces the credential', () => {
      expect(redactHeaders({ Authorization: `Bearer ${KEY}`, 'User-Agent': 'LiveKit Agents' })).toEqual({
        Authorization: 'Bearer <redacted:key-1>',
        'User-Agent': 'LiveKit Agents',
      });
      expect(redactHeaders({ authorization: 'Basic dXNlcjpwYXNz' })).toEqual({
        authorization: 'Basic <redacted:key-1>',
      });
      expect(redactHeaders({ authorization: 'justatoken' })).toEqual({ authorization: '<redacted:key-1>' });
    });

    it('replaces secret-named headers whatever their value looks like', () => {
      expect(
        redactHeaders({
          'x-api-key': 'abc',
          cookie: 'session=1',
          'x-session-token': 't',
          'openai-beta': 'realtime=v1',
        }),
      ).toEqual({
        'x-api-key': '<redacted:key-1>',
        cookie: '<redacted:secret-1>',
        'x-session-token': '<redacted:token-1>',
        'openai-beta': 'realtime=v1',
      });
    });

    it('scans other headers for things that look like secrets', () => {
      expect(redactHeaders({ 'x-debug': `key=${KEY}` })).toEqual({ 'x-debug': 'key=<redacted:key-1>' });
    });

    it('redacts credential subprotocols in Sec-WebSocket-Protocol', () => {
      expect(redactHeaders({ 'sec-websocket-protocol': 'realtime, xai-client-secret.eph-abcdef' })).toEqual({
        'sec-websocket-protocol': 'realtime, xai-client-secret.<redacted:secret-1>',
      });
    });
  });

  it('redacts xai-client-secret.<token> and openai-insecure-api-key.<key> subprotocols, keeping their prefix', () => {
    const r = new Redactor();
    expect(r.redactProtocols(['realtime', 'xai-client-secret.tok_123', 'openai-insecure-api-key.sk-abc'])).toEqual([
      'realtime',
      'xai-client-secret.<redacted:secret-1>',
      'openai-insecure-api-key.<redacted:key-1>',
    ]);
  });

  describe('URLs', () => {
    it.each(['api_key', 'key', 'token', 'secret', 'client_secret', 'access_token'])(
      'replaces the %s query parameter',
      (name) => {
        expect(redactUrl(`wss://api.x.ai/v1/realtime?model=grok-4&${name}=v4lue&x=1`)).toMatch(
          new RegExp(`^wss://api\\.x\\.ai/v1/realtime\\?model=grok-4&${name}=<redacted:[a-z]+-1>&x=1$`),
        );
      },
    );

    it('replaces the password of user:password@ and secrets in the path', () => {
      expect(redactUrl(`wss://me:hunter22@host/v1/${KEY}/realtime`)).toBe(
        'wss://me:<redacted:secret-1>@host/v1/<redacted:key-1>/realtime',
      );
    });

    it('leaves a plain URL alone', () => {
      expect(redactUrl('/v1/realtime?model=grok-4-1-fast-non-reasoning')).toBe(
        '/v1/realtime?model=grok-4-1-fast-non-reasoning',
      );
    });
  });

  describe('text patterns', () => {
    it.each([
      ['an xAI key', `use ${KEY} here`, 'use <redacted:key-1> here'],
      ['an OpenAI-style key', 'sk-proj_abcdefghijklmnop1234', '<redacted:key-1>'],
      ['a Bearer token', 'header was Bearer abc.def-ghi', 'header was Bearer <redacted:key-1>'],
      [
        'a JWT',
        'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U',
        '<redacted:token-1>',
      ],
      ['a long high-entropy token', 'tok aB3dE5fG7hI9jK1lM3nO5pQ7rS9tU1vW3xY5 end', 'tok <redacted:token-1> end'],
      ['a GitHub token that is shaped like an id', 'ghp_aB3dE5fG7hI9jK1lM3nO5pQ7rS9tU1vW', '<redacted:key-1>'],
    ])('replaces %s', (_name, text, expected) => {
      expect(redactText(text)).toBe(expected);
    });

    it.each([
      ['ids', 'item_3f2a9c1b7d4e and response_create_3f2a9c1b7d4e5f6a7b8c9d0e1f2a3b4c and event_AbCdEf123456'],
      ['a UUID', '123e4567-e89b-12d3-a456-426614174000'],
      [
        'long plain words',
        'conversation_item_input_audio_transcription_completed and aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa1',
      ],
      ['"bearer" in a sentence', 'the bearer of good news'],
      ['a task name that contains sk-', 'task-abcdefghijklmnopqrstuvwxyz'],
      ['text already redacted', 'Bearer <redacted:key-1> and xai-client-secret.<redacted:secret-2>'],
    ])('keeps %s', (_name, text) => {
      expect(redactText(text)).toBe(text);
    });

    it('calls 32+ random characters high-entropy and ids not', () => {
      expect(isHighEntropyToken('aB3dE5fG7hI9jK1lM3nO5pQ7rS9tU1vW')).toBe(true);
      expect(isHighEntropyToken('item_3f2a9c1b7d4e5f6a7b8c9d0e1f2a3b')).toBe(false);
      expect(isHighEntropyToken('aB3dE5fG7hI9jK1lM3nO5pQ7rS9tU1v')).toBe(false); // 31 characters
    });
  });

  describe('frames', () => {
    it('replaces client_secret.value and other secret fields at any depth, keeping the rest', () => {
      const frame = {
        type: 'session.updated',
        event_id: 'event_3f2a9c1b7d4e',
        session: {
          id: 'sess_3f2a9c1b7d4e',
          client_secret: { value: 'ek_live_0123456789', expires_at: 1767225600 },
          tools: [
            {
              type: 'mcp',
              server_url: 'https://mcp.example/?api_key=k123',
              authorization: 'Bearer tok-xyz',
              headers: { 'X-Api-Key': 'k2' },
            },
          ],
          instructions: 'Be brief.',
        },
      };
      expect(redactFrame(frame)).toEqual({
        type: 'session.updated',
        event_id: 'event_3f2a9c1b7d4e',
        session: {
          id: 'sess_3f2a9c1b7d4e',
          client_secret: { value: '<redacted:secret-1>', expires_at: 1767225600 },
          tools: [
            {
              type: 'mcp',
              server_url: 'https://mcp.example/?api_key=<redacted:key-1>',
              authorization: 'Bearer <redacted:key-2>',
              headers: { 'X-Api-Key': '<redacted:key-3>' },
            },
          ],
          instructions: 'Be brief.',
        },
      });
      expect(frame.session.client_secret.value).toBe('ek_live_0123456789'); // a copy, not in place
    });

    it.each([
      ['api_key'],
      ['key'],
      ['token'],
      ['secret'],
      ['client_secret'],
      ['apiKey'],
      ['refresh_token'],
      ['password'],
    ])('replaces a string field named %s', (name) => {
      expect(redactFrame({ type: 'x', nested: [{ [name]: 'plain' }] })).toEqual({
        type: 'x',
        nested: [{ [name]: expect.stringMatching(/^<redacted:[a-z]+-1>$/) }],
      });
    });

    it('keeps logprob tokens, usage counts and tool schemas that merely mention keys', () => {
      const frame = {
        type: 'response.output_audio_transcript.delta',
        delta: 'Hello',
        logprobs: [{ token: 'Hello', logprob: -0.1, bytes: [72] }],
        usage: { total_tokens: 12, input_token_details: { cached_tokens: 0 } },
        tools: [
          {
            type: 'function',
            name: 'lookup',
            parameters: {
              type: 'object',
              properties: { api_key: { type: 'string', description: 'the key' }, token: { type: 'string' } },
            },
          },
        ],
      };
      expect(redactFrame(frame)).toEqual(frame);
    });

    it('leaves base64 audio in known audio fields untouched', () => {
      const audio = `${'aB3dE5fG7hI9jK1lM3nO5pQ7rS9tU1vW3xY5'.repeat(3)}AAAA`;
      expect(redactFrame({ type: 'input_audio_buffer.append', audio })).toEqual({
        type: 'input_audio_buffer.append',
        audio,
      });
      for (const type of ['response.output_audio.delta', 'response.audio.delta']) {
        expect(redactFrame({ type, delta: audio })).toEqual({ type, delta: audio });
      }
      const item = {
        type: 'conversation.item.create',
        item: { type: 'message', role: 'user', content: [{ type: 'input_audio', audio }] },
      };
      expect(redactFrame(item)).toEqual(item);
      const image = {
        type: 'conversation.item.create',
        item: { content: [{ type: 'input_image', image_url: `data:image/png;base64,${audio}` }] },
      };
      expect(redactFrame(image)).toEqual(image);
      const tone = toneBase64(2400);
      expect(redactFrame({ type: 'input_audio_buffer.append', audio: tone }).audio).toBe(tone);
    });

    it('still scans the text of a delta that is not audio', () => {
      expect(redactFrame({ type: 'response.output_audio_transcript.delta', delta: `my key is ${KEY}` })).toEqual({
        type: 'response.output_audio_transcript.delta',
        delta: 'my key is <redacted:key-1>',
      });
    });
  });

  describe('a Redactor across one recording', () => {
    it('gives the same secret the same placeholder everywhere, and different secrets different ones', () => {
      const r = new Redactor();
      expect(r.redactHeaders({ authorization: `Bearer ${KEY}` })).toEqual({ authorization: 'Bearer <redacted:key-1>' });
      expect(r.redactHeaders({ authorization: 'Bearer xai-ANOTHERSECRETKEY0987654321zyxw' })).toEqual({
        authorization: 'Bearer <redacted:key-2>',
      });
      expect(r.redactText(`again ${KEY}`)).toBe('again <redacted:key-1>');
      expect(r.redactFrame({ type: 'error', error: { message: `bad key ${KEY}` } })).toEqual({
        type: 'error',
        error: { message: 'bad key <redacted:key-1>' },
      });
      expect(r.redactUrl(`/v1/realtime?api_key=${KEY}`)).toBe('/v1/realtime?api_key=<redacted:key-1>');
    });

    it('catches exact secrets that match no pattern, and the body of a prefixed key on its own', () => {
      const r = new Redactor({ secrets: ['correct horse battery staple'] });
      expect(r.redactText('pass: correct horse battery staple!')).toBe('pass: <redacted:key-1>!');
      r.learnHandshake({
        url: '/v1/realtime',
        headers: { authorization: `Bearer ${KEY}` },
        protocols: ['xai-client-secret.short-but-secret'],
      });
      expect(r.redactText('THISISASECRETKEY1234567890abcdef')).toBe('<redacted:key-2>');
      expect(r.redactText('token short-but-secret leaked')).toBe('token <redacted:secret-1> leaked');
    });

    it('replaces exact secrets in audio fields and binary frames too', () => {
      const r = new Redactor({ secrets: ['SeCrEtSeCrEt'] });
      expect(r.redactFrame({ type: 'input_audio_buffer.append', audio: 'AAAASeCrEtSeCrEt' }).audio).toBe(
        'AAAA<redacted:key-1>',
      );
      const bytes = new Uint8Array(Buffer.from('\x00\x01SeCrEtSeCrEt\xff', 'latin1'));
      expect(Buffer.from(r.redactBinary(bytes)).toString('latin1')).toBe('\x00\x01<redacted:key-1>\xff');
      const clean = new Uint8Array([1, 2, 3]);
      expect(r.redactBinary(clean)).toBe(clean);
    });

    it('does not replace short exact values everywhere (they are only caught where a rule names them)', () => {
      const r = new Redactor();
      expect(r.redactHeaders({ 'x-api-key': 'abc' })).toEqual({ 'x-api-key': '<redacted:key-1>' });
      expect(r.redactText('abc')).toBe('abc');
    });
  });

  it('classifies secret-looking names, ignoring case, - and _', () => {
    expect(secretFieldRule('Authorization')).toEqual({ kind: 'key', strength: 'strong', scheme: true });
    expect(secretFieldRule('X-Api-Key')?.kind).toBe('key');
    expect(secretFieldRule('clientSecret')?.kind).toBe('secret');
    expect(secretFieldRule('token')?.strength).toBe('weak');
    expect(secretFieldRule('total_tokens')).toBeUndefined();
    expect(secretFieldRule('type')).toBeUndefined();
  });

  describe('hostile sizes and depths (issue 11)', () => {
    it('scans a 15 MB run of token characters in linear time without overflowing the regex stack', () => {
      const run = 'x'.repeat(15 * 1024 * 1024);
      for (const text of [
        run,
        `xai-${run}`,
        `sk-${run}`,
        `eyJ${run}`,
        `ghp_${run}`,
        `Bearer ${run}`,
        `a_${'0f'.repeat(run.length / 2)}`,
        `resp_1${'x-'.repeat(run.length / 2)}`,
      ]) {
        expect(() => redactText(text)).not.toThrow();
      }
      expect(redactText(`${KEY} ${'y'.repeat(1_000_000)}`).startsWith('<redacted:key-1> ')).toBe(true);
    });

    it('keeps matching secrets of any length after the regexes lost their {n,} quantifiers', () => {
      expect(redactText(`key xai-${'A1'.repeat(10)}_tail`)).toBe('key <redacted:key-1>');
      expect(redactText(`key xai-${'A1'.repeat(9)}`)).toBe(`key xai-${'A1'.repeat(9)}`);
      expect(redactText(`sk-${'a'.repeat(15)} sk-${'b'.repeat(16)}`)).toBe(`sk-${'a'.repeat(15)} <redacted:key-1>`);
    });

    it('replaces arrays and objects nested deeper than MAX_JSON_DEPTH, so the walk has a bound', () => {
      let deep: JsonValue = 'leaf';
      for (let i = 0; i < 5000; i++) deep = [deep];
      const out = redactFrame({ type: 'x', deep });
      let level: JsonValue = out.deep as JsonValue;
      let depth = 2;
      while (Array.isArray(level)) {
        level = level[0] as JsonValue;
        depth++;
      }
      expect(level).toBe(TOO_DEEP);
      expect(depth).toBe(MAX_JSON_DEPTH + 1);
    });
  });
});
