import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createControlClient } from '../../src/control/index.js';
import type { ControlErrorBody, ServedScenario } from '../../src/harness/index.js';
import { blockValidators, parseScenario, serveScenario } from '../../src/harness/index.js';
import { isRtSimError } from '../../src/errors/index.js';
import { open, terminateAll } from '../harness/serve-client.js';

const SCENARIO = `
name: control-api
description: a served scenario whose faults the test adds at run time
server:
  reply: { transcript: "Hello there.", pacing: burst }
steps:
  - { wait: idle }
expect:
  - { frame: response.create, from: client, min: 0 }
`;

let served: ServedScenario | undefined;
afterEach(async () => {
  terminateAll();
  await served?.close();
  served = undefined;
});

async function serve(options: { control?: boolean; journal?: number } = {}): Promise<ServedScenario> {
  const scenario = parseScenario(SCENARIO, path.join(import.meta.dirname, 'control-api.yaml'), blockValidators);
  served = await serveScenario(scenario, { port: 0, anyKey: true, ...options });
  return served;
}

/** POSTs a raw body to a control route: status and parsed answer. */
async function post(url: string, route: string, body: string): Promise<{ status: number; json: ControlErrorBody }> {
  const base = createControlClient(url).baseUrl;
  const res = await fetch(new URL(route, base), { method: 'POST', body });
  return { status: res.status, json: JSON.parse(await res.text()) as ControlErrorBody };
}

describe('the control API of a served scenario', () => {
  it('lists the open connections with their number, state and faults', async () => {
    const { url } = await serve();
    const c = await open(url);
    await c.next('conversation.created');
    const control = createControlClient(url);
    expect(await control.connections()).toEqual([
      expect.objectContaining({ connection: 1, open: true, faults: { downstream: [], upstream: [] } }),
    ]);
  });

  it('pushes a server event to one connection, and the journal shows the action before the frame', async () => {
    const { url } = await serve();
    const c = await open(url);
    await c.next('conversation.created');
    const control = createControlClient(url);
    const { seq } = await control.send(1, {
      type: 'input_audio_buffer.speech_started',
      audio_start_ms: 5,
      item_id: 'x',
    });
    expect(await c.next('input_audio_buffer.speech_started')).toMatchObject({ audio_start_ms: 5 });
    const page = await control.journal({ since: seq - 1 });
    expect(page.entries.map((e) => (e.kind === 'frame' ? `${e.kind} ${e.from} ${e.type}` : e.kind))).toEqual([
      'action',
      'frame server input_audio_buffer.speech_started',
    ]);
    expect(page.entries[0]).toMatchObject({ kind: 'action', connection: 1, seq });
  });

  it('disconnects a connection now with the code asked for', async () => {
    const { url } = await serve();
    const c = await open(url);
    await c.next('conversation.created');
    await createControlClient(url).disconnect(1, 4001, 'from the test');
    await expect(c.next('never')).rejects.toThrow('closed (4001)');
    const { entries } = await createControlClient(url).journal();
    expect(entries.at(-1)).toMatchObject({ kind: 'close', connection: 1, code: 4001, initiator: 'server' });
  });

  it('drops the next frame of a type, and a reset removes the fault', async () => {
    const { url } = await serve();
    const c = await open(url);
    await c.next('conversation.created');
    const control = createControlClient(url);
    await control.addFault(1, { drop: { event: 'response.created' } });
    c.ws.send(JSON.stringify({ type: 'response.create' }));
    await c.next('response.done');
    expect(c.events.filter((e) => e.type === 'response.created')).toHaveLength(0);
    await control.addFault(1, { latency: { ms: 5 } });
    expect((await control.connections())[0]!.faults.downstream).toEqual(['latency']);
    await control.reset();
    expect((await control.connections())[0]!.faults.downstream).toEqual([]);
    await control.addFault(1, { drop: { event: 'response.created' } });
    await control.reset();
    c.ws.send(JSON.stringify({ type: 'response.create' }));
    await c.next('response.done', 2);
    expect(c.events.filter((e) => e.type === 'response.created')).toHaveLength(1);
  });

  it('fails the next response, which the client sees as a failed response.done', async () => {
    const { url } = await serve();
    const c = await open(url);
    await c.next('conversation.created');
    await createControlClient(url).failNextResponse(1, { code: 'from_the_test' });
    c.ws.send(JSON.stringify({ type: 'response.create' }));
    const done = await c.next('response.done');
    expect(done).toMatchObject({
      response: { status: 'failed', status_details: { error: { code: 'from_the_test' } } },
    });
  });

  it('starts a server-initiated response on a connection', async () => {
    const { url } = await serve();
    const c = await open(url);
    await c.next('conversation.created');
    await createControlClient(url).respond(1, { transcript: 'Pushed by the test.' });
    const done = await c.next('response.done');
    expect(JSON.stringify(done)).toContain('Pushed by the test.');
  });

  it('refuses the next handshake with the status asked for, then accepts again', async () => {
    const { url } = await serve();
    await createControlClient(url).refuseHandshakes(503);
    const status = await new Promise<number>((resolve) => {
      const ws = new WebSocket(`${url}?model=grok-4-1-fast-non-reasoning`, { headers: { Authorization: 'Bearer k' } });
      ws.on('error', () => {}); // terminate() while connecting reports one
      ws.on('unexpected-response', (_req, res) => {
        resolve(res.statusCode ?? 0);
        ws.terminate();
      });
      ws.on('open', () => resolve(101));
    });
    expect(status).toBe(503);
    const c = await open(url);
    await c.next('conversation.created');
    const { entries } = await createControlClient(url).journal();
    expect(entries.map((e) => e.kind)).toEqual(['action', 'refused', 'connection', 'frame', 'frame']);
  });

  it('shows the verdict so far, and a reset starts it again', async () => {
    const { url } = await serve();
    const c = await open(url);
    await c.next('conversation.created');
    c.ws.send(JSON.stringify({ type: 'response.create' }));
    await c.next('response.done');
    const control = createControlClient(url);
    expect((await control.verdict()).clientFrames).toEqual({ 'response.create': 1 });
    await control.reset();
    const verdict = await control.verdict();
    expect(verdict.clientFrames).toEqual({});
    expect(verdict.connections).toMatchObject({ accepted: 1, open: 1 });
    expect((await control.journal()).entries.map((e) => e.kind)).toEqual(['reset']);
  });

  it('journals frames with their audio shown by length, and keeps only the newest entries', async () => {
    const { url } = await serve({ journal: 3 });
    const c = await open(url);
    await c.next('conversation.created');
    const append = JSON.stringify({ type: 'input_audio_buffer.append', audio: 'AAAA'.repeat(100) });
    c.ws.send(append);
    c.ws.send(JSON.stringify({ type: 'input_audio_buffer.clear' }));
    await c.next('input_audio_buffer.cleared');
    const page = await createControlClient(url).journal();
    expect(page.entries.map((e) => (e.kind === 'frame' ? e.type : e.kind))).toEqual([
      'input_audio_buffer.append',
      'input_audio_buffer.clear',
      'input_audio_buffer.cleared',
    ]);
    expect(page.entries[0]).toMatchObject({ body: { audio: '<400 chars of base64>' }, chars: append.length });
    expect(page.dropped).toBeGreaterThan(0);
  });
});

describe('bad requests to the control API', () => {
  it('answer 400 naming the field of an action that is not valid', async () => {
    const { url } = await serve();
    const c = await open(url);
    await c.next('conversation.created');
    const bad = await post(url, 'actions', JSON.stringify({ connection: 1, do: [{ latency: { ms: -5 } }] }));
    expect(bad.status).toBe(400);
    expect(bad.json.error).toMatchObject({ code: 'RTSIM_SIM_BAD_ACTIONS', field: 'do[0].latency.ms' });
    const unknown = await post(url, 'actions', JSON.stringify({ connection: 1, do: [{ laytency: {} }] }));
    expect(unknown.json.error).toMatchObject({ field: 'do[0].laytency', message: expect.stringContaining('latency') });
  });

  it('answer 400 for a body not JSON, an unknown field and a connection action without a connection', async () => {
    const { url } = await serve();
    expect((await post(url, 'actions', '{not json')).json.error.code).toBe('RTSIM_CONTROL_BAD_REQUEST');
    expect((await post(url, 'actions', JSON.stringify({ do: [], conection: 1 }))).json.error).toMatchObject({
      field: 'conection',
    });
    const none = await post(url, 'actions', JSON.stringify({ do: [{ close: {} }] }));
    expect(none.status).toBe(400);
    expect(none.json.error).toMatchObject({
      field: 'do[0].close',
      message: expect.stringContaining('needs a connection'),
    });
  });

  it('answer 400 for a body nested deeper than a frame may be, instead of overflowing the stack', async () => {
    const { url } = await serve();
    const c = await open(url);
    await c.next('conversation.created');
    const deep = `${'['.repeat(30_000)}${']'.repeat(30_000)}`;
    const event = `{"type":"input_audio_buffer.speech_started","audio_start_ms":0,"item_id":"x","extra":${deep}}`;
    const answer = await post(url, 'actions', `{"connection":1,"do":[{"send":${event}}]}`);
    expect(answer.status).toBe(400);
    expect(answer.json.error.message).toContain('nested at most 64 levels');
    expect((await createControlClient(url).connections())[0]).toMatchObject({ open: true });
  });

  it('answer 409 for a connection that is not open, and 404 or 405 for a wrong route or method', async () => {
    const { url } = await serve();
    const closed = await post(url, 'actions', JSON.stringify({ connection: 7, do: [{ close: {} }] }));
    expect(closed.status).toBe(409);
    expect(closed.json.error).toMatchObject({ field: 'connection', message: expect.stringContaining('open: none') });
    expect((await post(url, 'nothing', '{}')).status).toBe(404);
    expect((await post(url, 'journal', '{}')).status).toBe(405);
    const base = createControlClient(url).baseUrl;
    const badSince = await fetch(new URL('journal?since=-1', base));
    expect(badSince.status).toBe(400);
    expect(JSON.parse(await badSince.text()).error).toMatchObject({ field: 'since' });
  });

  it('reject in the typed client with the code and field the server gave', async () => {
    const { url } = await serve();
    const error = await createControlClient(url)
      .act([{ close: {} }], { connection: 1 })
      .catch((e: unknown) => e);
    expect(isRtSimError(error, 'RTSIM_SIM_BAD_ACTIONS')).toBe(true);
    expect((error as { details: { field: string; status: number } }).details).toEqual({
      field: 'connection',
      status: 409,
    });
  });

  it('are not answered at all with the control API off', async () => {
    const { url } = await serve({ control: false });
    const error = await createControlClient(url)
      .connections()
      .catch((e: unknown) => e);
    expect(isRtSimError(error, 'RTSIM_CONTROL_UNREACHABLE')).toBe(true);
    expect((error as Error).message).toContain('HTTP 426');
  });
});
