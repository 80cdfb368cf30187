import { afterEach, describe, expect, it } from 'vitest';
import { Harness, type Json } from './driver.js';
import { checkAllTraffic } from './traffic-check.js';

checkAllTraffic();

let h: Harness | undefined;
afterEach(async () => {
  if (!h) return;
  await h.stop();
  expect(h.clock.pendingTimers()).toBe(0);
  h = undefined;
});

async function update(
  session: Record<string, unknown>,
  config = {},
): Promise<{ types: string[]; error?: Record<string, unknown>; session?: Json }> {
  h = await Harness.start(config);
  const c = await h.connect();
  c.send({ type: 'session.update', event_id: 'options_update_1', session: { type: 'realtime', ...session } });
  c.send({ type: 'session.update', session: {} });
  await h.run(c.waitFor('session.updated'));
  const types = c.types();
  const error = c.events('error')[0]?.error as Record<string, unknown> | undefined;
  const updated = c.events('session.updated');
  // The probe update always succeeds; when the first failed, it shows the state was kept.
  return { types, ...(error ? { error } : {}), session: updated[updated.length - 1]!.session };
}

describe('session.update checks (reference §1.4–§1.6)', () => {
  it('§1.4 refuses an unknown voice: invalid_request_error naming the event_id, and the old voice kept', async () => {
    const r = await update({ audio: { input: {}, output: { voice: 'Cora' } } });
    expect(r.types).toEqual(['conversation.created', 'error', 'session.updated']);
    expect(r.error).toMatchObject({
      type: 'invalid_request_error',
      code: 'invalid_value',
      param: 'session.audio.output.voice',
      event_id: 'options_update_1',
    });
    expect(r.error!['message']).toContain("'Cora' is not a supported voice");
    expect(r.session!.voice).toBe('ara');
  });

  it('§1.4 accepts voices case-insensitively, at the xAI top level too', async () => {
    const r = await update({ voice: 'Eve' });
    expect(r.error).toBeUndefined();
    expect(r.session!.voice).toBe('Eve');
    expect(r.session!.audio.output.voice).toBe('Eve');
  });

  it('accepts custom voice ids listed in server.voices', async () => {
    const r = await update({ voice: 'my-clone' }, { server: { voices: ['my-clone'] } });
    expect(r.error).toBeUndefined();
    expect(r.session!.voice).toBe('my-clone');
  });

  it('§1.5 refuses an unsupported audio/pcm rate', async () => {
    const r = await update({ audio: { input: { format: { type: 'audio/pcm', rate: 11025 } } } });
    expect(r.error).toMatchObject({
      code: 'invalid_value',
      param: 'session.audio.input.format.rate',
      event_id: 'options_update_1',
    });
    expect(r.session!.audio.input.format).toEqual({ type: 'audio/pcm', rate: 24000 });
  });

  it('§1.5 refuses G.711 at a rate other than 8000 Hz and accepts it at 8000 Hz', async () => {
    expect((await update({ audio: { output: { format: { type: 'audio/pcmu', rate: 16000 } } } })).error).toMatchObject({
      param: 'session.audio.output.format.rate',
    });
    await h!.stop();
    const ok = await update({ audio: { output: { format: { type: 'audio/pcma', rate: 8000 } } } });
    expect(ok.error).toBeUndefined();
    expect(ok.session!.audio.output.format).toEqual({ type: 'audio/pcma', rate: 8000 });
  });

  it('§1.5 refuses an unknown audio format type as a malformed event', async () => {
    const r = await update({ audio: { input: { format: { type: 'audio/opus', rate: 48000 } } } });
    expect(r.error).toMatchObject({
      type: 'invalid_request_error',
      code: 'invalid_event',
      event_id: 'options_update_1',
    });
  });

  it.each([
    ['threshold', { threshold: 0.95 }, 'session.audio.input.turn_detection.threshold'],
    ['threshold', { threshold: 0.05 }, 'session.audio.input.turn_detection.threshold'],
    ['prefix_padding_ms', { prefix_padding_ms: 10001 }, 'session.audio.input.turn_detection.prefix_padding_ms'],
    ['silence_duration_ms', { silence_duration_ms: -1 }, 'session.audio.input.turn_detection.silence_duration_ms'],
  ])('§1.6 refuses server VAD %s out of range', async (_name, knobs, param) => {
    const r = await update({ audio: { input: { turn_detection: { type: 'server_vad', ...knobs } } } });
    expect(r.error).toMatchObject({ code: 'invalid_value', param, event_id: 'options_update_1' });
  });

  it('§1.6 refuses semantic_vad, which xAI does not have', async () => {
    const r = await update({ turn_detection: { type: 'semantic_vad' } });
    expect(r.error).toMatchObject({ code: 'invalid_event' });
  });

  it('§1.6 fills knobs a turn_detection leaves out with server defaults, and takes null as manual turns', async () => {
    const r = await update({ turn_detection: { type: 'server_vad', silence_duration_ms: 700 } });
    expect(r.session!.turn_detection).toEqual({
      type: 'server_vad',
      threshold: 0.85,
      prefix_padding_ms: 333,
      silence_duration_ms: 700,
      create_response: true,
      interrupt_response: true,
    });
    await h!.stop();
    const manual = await update({ audio: { input: { turn_detection: null } } });
    expect(manual.session!.turn_detection).toBeNull();
    expect(manual.session!.audio.input.turn_detection).toBeNull();
  });

  it('refuses the whole update when one value is bad: nothing of it is applied', async () => {
    const r = await update({ instructions: 'changed', audio: { output: { voice: 'nobody' } } });
    expect(r.error).toBeDefined();
    expect(r.session!.instructions).toBeNull();
  });

  it('refuses speed outside 0.7–1.5, an empty output_modalities and a tool declared twice', async () => {
    expect((await update({ audio: { output: { speed: 2 } } })).error).toMatchObject({
      param: 'session.audio.output.speed',
    });
    await h!.stop();
    expect((await update({ output_modalities: [] })).error).toMatchObject({ param: 'session.output_modalities' });
    await h!.stop();
    const tool = { type: 'function', name: 'f', description: '', parameters: {} };
    expect((await update({ tools: [tool, tool] })).error).toMatchObject({ param: 'session.tools[1].name' });
  });

  it('§2.1c keeps tools, tool_choice and resumption, and echoes them', async () => {
    const tools = [
      { type: 'function', name: 'get_weather', description: 'Weather', parameters: { type: 'object', properties: {} } },
    ];
    const r = await update({
      tools,
      tool_choice: { type: 'function', name: 'get_weather' },
      resumption: { enabled: true },
    });
    expect(r.session).toMatchObject({
      tools,
      tool_choice: { type: 'function', name: 'get_weather' },
      resumption: { enabled: true },
    });
  });
});
