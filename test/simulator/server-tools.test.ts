import { afterEach, describe, expect, it } from 'vitest';
import { validateServerConfig } from '../../src/simulator/internal.js';
import { Harness, userText } from './driver.js';
import { checkAllTraffic } from './traffic-check.js';

checkAllTraffic();

let h: Harness | undefined;
afterEach(async () => {
  if (!h) return;
  await h.stop();
  expect(h.clock.pendingTimers()).toBe(0);
  h = undefined;
});

const ask = async (server: Record<string, unknown>, tools: unknown[]) => {
  h = await Harness.start({ server });
  const c = await h.connect();
  c.send({ type: 'session.update', session: { tools } });
  c.send(userText('Question?'));
  c.send({ type: 'response.create' });
  const done = await h.run(c.waitFor('response.done'));
  return { c, done };
};
const SKIP = [
  'conversation.created',
  'session.updated',
  'conversation.item.added',
  'response.output_audio.delta',
  'response.output_audio_transcript.delta',
];

describe('server-side tools played from scripted results', () => {
  it('web_search: the call item in_progress → completed, three status events, the answer, one response', async () => {
    const results = [{ type: 'url', url: 'https://example.com/weather', title: 'Paris weather' }];
    const { c, done } = await ask(
      { reply: { transcript: 'It is sunny.', serverTool: { type: 'web_search', query: 'weather Paris', results } } },
      [{ type: 'web_search' }],
    );
    expect(c.types(SKIP)).toEqual([
      'response.created',
      'response.output_item.added',
      'response.web_search_call.in_progress',
      'response.web_search_call.searching',
      'response.web_search_call.completed',
      'response.output_item.done',
      'response.output_item.added',
      'response.content_part.added',
      'response.output_audio.done',
      'response.output_audio_transcript.done',
      'response.content_part.done',
      'response.output_item.done',
      'response.done',
    ]);
    const added = c.events('response.output_item.added')[0]!;
    const finished = c.events('response.output_item.done')[0]!;
    expect(added.item).toMatchObject({
      type: 'web_search_call',
      status: 'in_progress',
      action: { type: 'search', query: 'weather Paris' },
    });
    expect(finished.item).toMatchObject({ type: 'web_search_call', status: 'completed', action: { sources: results } });
    expect(c.events('response.web_search_call.searching')[0]).toMatchObject({
      item_id: added.item.id,
      output_index: 0,
      response_id: done.response.id,
    });
    expect(done.response.output.map((i: { type: string }) => i.type)).toEqual(['web_search_call', 'message']);
    expect(done.response.output[1].content[0].transcript).toBe('It is sunny.');
  });

  it('x_search keeps only results from allowed_x_handles; file_search keeps max_num_results', async () => {
    const posts = [
      { handle: '@xai', text: 'a' },
      { handle: 'someone', text: 'b' },
      { handle: 'XAI', text: 'c' },
    ];
    const x = await ask({ reply: { serverTool: { type: 'x_search', query: 'news', results: posts } } }, [
      { type: 'x_search', allowed_x_handles: ['xai'] },
    ]);
    expect(x.c.types(SKIP).filter((t) => t.startsWith('response.x_search_call'))).toEqual([
      'response.x_search_call.in_progress',
      'response.x_search_call.searching',
      'response.x_search_call.completed',
    ]);
    expect(x.done.response.output[0]).toMatchObject({
      type: 'x_search_call',
      status: 'completed',
      action: { sources: [posts[0], posts[2]] },
    });
    await h!.stop();
    const files = [1, 2, 3].map((n) => ({ file_id: `file_${n}`, filename: `f${n}.txt`, score: 1 / n, text: `t${n}` }));
    const f = await ask({ reply: { serverTool: { type: 'file_search', query: 'refund policy', results: files } } }, [
      { type: 'file_search', vector_store_ids: ['vs_1'], max_num_results: 2 },
    ]);
    expect(f.done.response.output[0]).toEqual({
      id: expect.any(String),
      object: undefined,
      type: 'file_search_call',
      queries: ['refund policy'],
      status: 'completed',
      results: files.slice(0, 2),
    } as never);
  });

  it('mcp: arguments streamed, in_progress then completed (or failed with the error), output on the item', async () => {
    const tool = { type: 'mcp', server_label: 'crm', server_url: 'https://mcp.example.com' };
    const { c, done } = await ask(
      {
        reply: {
          transcript: 'Found it.',
          serverTool: [
            { type: 'mcp', name: 'lookup', arguments: { id: 7 }, output: '{"name":"Ann"}' },
            { type: 'mcp', serverLabel: 'crm', name: 'lookup', error: 'timeout' },
          ],
        },
      },
      [tool],
    );
    const types = c.types(SKIP).filter((t) => t.includes('mcp'));
    expect(types).toEqual([
      'mcp_list_tools.in_progress',
      'mcp_list_tools.completed',
      'response.mcp_call_arguments.delta',
      'response.mcp_call_arguments.done',
      'response.mcp_call.in_progress',
      'response.mcp_call.completed',
      'response.mcp_call_arguments.delta',
      'response.mcp_call_arguments.done',
      'response.mcp_call.in_progress',
      'response.mcp_call.failed',
    ]);
    expect(c.events('response.mcp_call_arguments.done')[0]!.arguments).toBe('{"id":7}');
    expect(done.response.output[0]).toMatchObject({
      type: 'mcp_call',
      server_label: 'crm',
      name: 'lookup',
      arguments: '{"id":7}',
      output: '{"name":"Ann"}',
      error: null,
    });
    expect(done.response.output[1]).toMatchObject({ type: 'mcp_call', output: null, error: { message: 'timeout' } });
    expect(done.response.output[2].type).toBe('message');
  });

  it('mcp_list_tools: a session declaring an mcp server gets its item, listed from server.mcpTools, once', async () => {
    h = await Harness.start({ server: { mcpTools: { crm: [{ name: 'lookup', description: 'Find a customer.' }] } } });
    const c = await h.connect();
    const tools = [{ type: 'mcp', server_label: 'crm', server_url: 'https://mcp.example.com' }];
    c.send({ type: 'session.update', session: { tools } });
    c.send({ type: 'session.update', session: { tools, instructions: 'x' } });
    await h.run(c.waitFor('session.updated', 2));
    expect(c.types(['conversation.created'])).toEqual([
      'session.updated',
      'conversation.item.added',
      'mcp_list_tools.in_progress',
      'mcp_list_tools.completed',
      'conversation.item.done',
      'session.updated',
    ]);
    expect(c.events('conversation.item.done')[0]!.item).toMatchObject({
      type: 'mcp_list_tools',
      server_label: 'crm',
      tools: [{ name: 'lookup', description: 'Find a customer.', input_schema: { type: 'object' } }],
    });
  });

  it('server.tools: sessions start with these tools, echoed; a reply may use them without session.update', async () => {
    h = await Harness.start({
      server: { sessionCreated: true, tools: [{ type: 'web_search' }], reply: { serverTool: { type: 'web_search' } } },
    });
    const c = await h.connect();
    expect((await h.run(c.waitFor('session.created'))).session.tools).toEqual([{ type: 'web_search' }]);
    c.send({ type: 'response.create' });
    const done = await h.run(c.waitFor('response.done'));
    expect(done.response.output.map((i: { type: string }) => i.type)).toEqual(['web_search_call', 'message']);
    expect(c.events('error')).toEqual([]);
  });

  it('a tool the session did not declare is refused with an error event; the answer is spoken without it', async () => {
    const { c, done } = await ask({ reply: { transcript: 'Sorry.', serverTool: { type: 'web_search', query: 'q' } } }, [
      { type: 'x_search' },
    ]);
    expect(c.events('error')[0]!.error).toMatchObject({
      type: 'invalid_request_error',
      code: 'tool_not_declared',
      param: 'tools',
    });
    expect(c.events('error')[0]!.error.message).toContain("'web_search'");
    expect(done.response.output.map((i: { type: string }) => i.type)).toEqual(['message']);
  });

  it('the validator refuses unknown tool types, stray keys, a nameless mcp call, bad mcpTools, session tools', () => {
    const issues = validateServerConfig({
      reply: { serverTool: [{ type: 'web_serch' }, { type: 'web_search', name: 'x' }, { type: 'mcp' }] },
      mcpTools: { crm: [{ description: 'no name' }] },
      tools: [{ type: 'file_search' }, { type: 'mcp', server_label: 'crm', token: 'x' }],
    });
    expect(issues.map((i) => `${i.path.join('.')}: ${i.hint ?? i.message}`)).toEqual([
      'reply.serverTool.0.type: did you mean "web_search"?',
      'reply.serverTool.1.name: unknown key "name"; expected one of type, query, results',
      'reply.serverTool.2.name: missing required key "name"',
      'mcpTools.crm.0.name: missing required key "name"',
      'tools.0.vector_store_ids: missing required key "vector_store_ids"',
      'tools.1.token: unknown key "token"; expected one of type, server_label, server_url',
    ]);
  });
});
