import { afterEach, describe, expect, it } from 'vitest';
import { MAX_FRAME_BYTES } from '../../src/protocol/index.js';
import { Harness } from './driver.js';
import { checkAllTraffic } from './traffic-check.js';

checkAllTraffic();

let h: Harness | undefined;
afterEach(async () => {
  if (!h) return;
  await h.stop();
  expect(h.clock.pendingTimers()).toBe(0);
  h = undefined;
});

async function errorFor(frame: string): Promise<Record<string, unknown>> {
  h = await Harness.start({});
  const c = await h.connect();
  c.send(frame);
  const e = await h.run(c.waitFor('error'));
  expect(c.closed).toBeUndefined();
  return e.error as Record<string, unknown>;
}

describe('malformed client frames get an error event, never a crash', () => {
  it('answers text that is not JSON with invalid_json', async () => {
    const error = await errorFor('{not json');
    expect(error).toMatchObject({ type: 'invalid_request_error', code: 'invalid_json', event_id: null });
    expect(error['message']).toContain('must be JSON');
  });

  it('answers an unknown event type with invalid_event_type and the event_id', async () => {
    const error = await errorFor(JSON.stringify({ type: 'conversation.item.commit', event_id: 'e1' }));
    expect(error).toMatchObject({ code: 'invalid_event_type', param: 'type', event_id: 'e1' });
    expect(error['message']).toContain("'conversation.item.commit'");
  });

  it('names the bad field of a known event', async () => {
    const error = await errorFor(JSON.stringify({ type: 'input_audio_buffer.append', event_id: 'e2', audio: 42 }));
    expect(error).toMatchObject({ code: 'invalid_event', event_id: 'e2', param: 'audio' });
    expect(error['message']).toBe('input_audio_buffer.append: field "audio" must be a string, got number');
  });

  it('names a nested bad field in param as the service does (session.tools[0].name), and type if missing', async () => {
    const error = await errorFor(
      JSON.stringify({ type: 'session.update', event_id: 'e3', session: { tools: [{ type: 'function', name: 7 }] } }),
    );
    expect(error).toMatchObject({
      type: 'invalid_request_error',
      code: 'invalid_event',
      event_id: 'e3',
      param: 'session.tools[0].name',
    });
    await h!.stop();
    expect(await errorFor(JSON.stringify({ event_id: 'e4' }))).toMatchObject({
      code: 'invalid_event',
      event_id: 'e4',
      param: 'type',
    });
  });

  it('refuses audio that is not base64', async () => {
    const error = await errorFor(JSON.stringify({ type: 'input_audio_buffer.append', audio: 'not base64!' }));
    expect(error).toMatchObject({ code: 'invalid_value', param: 'audio' });
  });

  it('answers a JSON value that is not an event object', async () => {
    const error = await errorFor('[1,2]');
    expect(error).toMatchObject({ code: 'invalid_event' });
  });

  it('§1.8 answers conversation.item.retrieve and output_audio_buffer.clear as unsupported', async () => {
    h = await Harness.start({});
    const c = await h.connect();
    c.send({ type: 'conversation.item.retrieve', item_id: 'x', event_id: 'r1' });
    c.send({ type: 'output_audio_buffer.clear' });
    await h.run(c.waitFor('error', 2));
    expect(c.events('error').map((e) => e.error.code)).toEqual(['unsupported_event', 'unsupported_event']);
    expect(c.events('error')[0]!.error.event_id).toBe('r1');
  });

  it('lets a script catch an event type outside the catalogue (from: client) before it is refused', async () => {
    h = await Harness.start({
      script: [
        {
          when: { event: 'x.custom', from: 'client', count: 1 },
          do: [{ hang: {} }, { send: { type: 'ping', timestamp: 0 } }],
        },
      ],
    });
    const c = await h.connect();
    c.send({ type: 'x.custom' });
    c.send({ type: 'x.custom' });
    await h.run(c.waitFor('error'));
    // The first is swallowed by the script, the second is refused.
    expect(c.types()).toEqual(['conversation.created', 'ping', 'error']);
  });

  it('keeps serving after a bad frame', async () => {
    h = await Harness.start({});
    const c = await h.connect();
    c.send('garbage');
    c.send({ type: 'session.update', session: {} });
    await h.run(c.waitFor('session.updated'));
    expect(c.types()).toEqual(['conversation.created', 'error', 'session.updated']);
  });
});

describe('deeply nested client frames', () => {
  it('answers a 2,000-deep frame with an error naming the depth limit, and keeps serving', async () => {
    h = await Harness.start({});
    const c = await h.connect();
    c.send(
      `{"type":"session.update","event_id":"deep1","session":{"instructions":${'['.repeat(2000)}${']'.repeat(2000)}}}`,
    );
    c.send('['.repeat(2000) + ']'.repeat(2000));
    c.send({ type: 'session.update', session: {} });
    await h.run(c.waitFor('session.updated'));
    expect(c.closed).toBeUndefined();
    const errors = c.events('error').map((e) => e.error as Record<string, unknown>);
    expect(errors).toHaveLength(2);
    expect(errors[0]).toMatchObject({ type: 'invalid_request_error', code: 'invalid_event', event_id: 'deep1' });
    expect(errors[0]!['message']).toContain('more than 64 levels deep');
    expect(errors[1]!['message']).toContain('the limit is 64');
  });

  it('serves a frame nested exactly to the limit as usual', async () => {
    h = await Harness.start({});
    const c = await h.connect();
    // Level 1 is the event, 2 the session, 3 the tool list, 4 the tool, 5 its parameters.
    const schema = `${'{"type":"array","items":'.repeat(59)}{"type":"string"}${'}'.repeat(59)}`;
    c.send(`{"type":"session.update","session":{"tools":[{"type":"function","name":"f","parameters":${schema}}]}}`);
    await h.run(c.waitFor('session.updated'));
    expect(c.events('error')).toEqual([]);
  });
});

describe('frames over the size limit', () => {
  const appendOf = (b64: string): string => `{"type":"input_audio_buffer.append","audio":"${b64}"}`;
  const overhead = appendOf('').length;

  it('closes the connection with 1009 on a text frame just over MAX_FRAME_BYTES', async () => {
    h = await Harness.start({});
    const c = await h.connect();
    const b64Length = Math.floor((MAX_FRAME_BYTES - overhead) / 4) * 4 + 4;
    c.send(appendOf('A'.repeat(b64Length)));
    await h.run(c.waitClosed());
    expect(c.closed?.code).toBe(1009);
    expect(c.closed?.reason).toContain(String(MAX_FRAME_BYTES));
    expect(h.frames.filter((f) => f.direction === 'in')).toEqual([]);
  });

  it('counts UTF-8 bytes, not characters', async () => {
    h = await Harness.start({});
    const c = await h.connect();
    // 6 M characters of 3 bytes each: 18 MB on the wire.
    c.send(JSON.stringify({ type: 'session.update', session: { instructions: '€'.repeat(6_000_000) } }));
    await h.run(c.waitClosed());
    expect(c.closed?.code).toBe(1009);
  });

  it('closes on a binary frame over the limit too', async () => {
    h = await Harness.start({});
    const c = await h.connect();
    c.socket.send(new Uint8Array(MAX_FRAME_BYTES + 1));
    await h.run(c.waitClosed());
    expect(c.closed?.code).toBe(1009);
  });

  it('serves an append of exactly the limit', async () => {
    h = await Harness.start({});
    const c = await h.connect();
    c.send({ type: 'session.update', session: { turn_detection: null } });
    const b64Length = Math.floor((MAX_FRAME_BYTES - overhead) / 4) * 4;
    c.send(appendOf('A'.repeat(b64Length)));
    c.send({ type: 'input_audio_buffer.commit' });
    await h.run(c.waitFor('input_audio_buffer.committed'));
    expect(c.closed).toBeUndefined();
  });
});

describe('content the service would refuse', () => {
  it('refuses a PCM16 append with an odd number of bytes, naming the field', async () => {
    const error = await errorFor(
      JSON.stringify({
        type: 'input_audio_buffer.append',
        event_id: 'a1',
        audio: Buffer.from([1, 2, 3]).toString('base64'),
      }),
    );
    expect(error).toMatchObject({
      type: 'invalid_request_error',
      code: 'invalid_value',
      param: 'audio',
      event_id: 'a1',
    });
    expect(error['message']).toBe("Invalid 'audio': PCM16 audio must have an even number of bytes, got 3.");
  });

  it('accepts an odd byte count in G.711, one byte a sample', async () => {
    h = await Harness.start({});
    const c = await h.connect();
    c.send({
      type: 'session.update',
      session: { turn_detection: null, audio: { input: { format: { type: 'audio/pcmu' } } } },
    });
    await h.run(c.waitFor('session.updated'));
    c.send({ type: 'input_audio_buffer.append', audio: Buffer.alloc(801, 0xff).toString('base64') });
    c.send({ type: 'input_audio_buffer.commit' });
    await h.run(c.waitFor('input_audio_buffer.committed'));
    expect(c.events('error')).toEqual([]);
  });

  it('refuses append audio whose base64 does not decode, and appends nothing', async () => {
    h = await Harness.start({});
    const c = await h.connect();
    c.send({ type: 'session.update', session: { turn_detection: null } });
    c.send({ type: 'input_audio_buffer.append', audio: `${Buffer.alloc(4800).toString('base64')}A` });
    c.send({ type: 'input_audio_buffer.commit', event_id: 'c1' });
    await h.run(c.waitFor('error', 2));
    const [bad, empty] = c.events('error').map((e) => e.error as Record<string, unknown>);
    expect(bad).toMatchObject({ code: 'invalid_value', param: 'audio' });
    expect(empty).toMatchObject({ code: 'input_audio_buffer_commit_empty', event_id: 'c1' });
  });

  const imageItem = (url: string): string =>
    JSON.stringify({
      type: 'conversation.item.create',
      event_id: 'img',
      item: {
        type: 'message',
        role: 'user',
        content: [
          { type: 'input_text', text: 'look' },
          { type: 'input_image', image_url: url },
        ],
      },
    });

  for (const [why, url] of [
    ['an http URL', 'https://example.com/cat.png'],
    ['a data URL that is not an image', 'data:text/plain;base64,AQI='],
    ['a data URL without base64', 'data:image/png,AQI='],
    ['base64 that does not decode', 'data:image/png;base64,AQ*='],
    ['no bytes at all', 'data:image/png;base64,'],
  ] as const) {
    it(`refuses an input_image with ${why}, naming the field, and adds no item`, async () => {
      const error = await errorFor(imageItem(url));
      expect(error).toMatchObject({
        type: 'invalid_request_error',
        code: 'invalid_value',
        param: 'item.content[1].image_url',
        event_id: 'img',
      });
      expect(h!.clients[0]!.events('conversation.item.added')).toEqual([]);
    });
  }

  it('accepts an input_image with a base64 image data URL', async () => {
    h = await Harness.start({});
    const c = await h.connect();
    c.send(imageItem('data:image/png;base64,AQI='));
    await h.run(c.waitFor('conversation.item.added'));
    expect(c.events('error')).toEqual([]);
  });

  it('refuses an input_audio part whose audio is not base64', async () => {
    const error = await errorFor(
      JSON.stringify({
        type: 'conversation.item.create',
        item: { type: 'message', role: 'user', content: [{ type: 'input_audio', audio: 'no!' }] },
      }),
    );
    expect(error).toMatchObject({ code: 'invalid_value', param: 'item.content[0].audio' });
  });
});
