/**
 * Tools the provider runs itself (xAI `web_search`, `x_search`, `file_search`, `mcp`),
 * played from scripted results: the call item, its status events and its output, before
 * the spoken answer of the same response.
 *
 * Names and shapes follow OpenAI's Realtime (MCP) and Responses (search) APIs. xAI is known
 * to send `mcp_list_tools.*` and `response.mcp_call*` (2026); the search events and items
 * are assumed to take OpenAI's form, `x_search` mirroring `web_search` (docs/deviations.md).
 * These events stay outside the protocol catalogue, which lets unknown types through to
 * the client untouched; the simulator's strict check knows them from the list below.
 */
import type { IdSource, ToolDefinition } from '../protocol/index.js';
import type { ServerToolCallConfig } from './config.js';
import type { RequestError } from './request-error.js';
import { requestError } from './request-error.js';

/** A provider-tool event, before its `event_id` is minted. */
export type ServerToolEvent = { type: ServerToolEventType } & Record<string, unknown>;

/** Every event type a provider tool emits. */
export const SERVER_TOOL_EVENT_TYPES = [
  'response.web_search_call.in_progress',
  'response.web_search_call.searching',
  'response.web_search_call.completed',
  'response.x_search_call.in_progress',
  'response.x_search_call.searching',
  'response.x_search_call.completed',
  'response.file_search_call.in_progress',
  'response.file_search_call.searching',
  'response.file_search_call.completed',
  'response.mcp_call_arguments.delta',
  'response.mcp_call_arguments.done',
  'response.mcp_call.in_progress',
  'response.mcp_call.completed',
  'response.mcp_call.failed',
  'mcp_list_tools.in_progress',
  'mcp_list_tools.completed',
  'mcp_list_tools.failed',
] as const;
/** One of {@link SERVER_TOOL_EVENT_TYPES}. */
export type ServerToolEventType = (typeof SERVER_TOOL_EVENT_TYPES)[number];

/** True for a provider-tool event type. */
export function isServerToolEventType(type: unknown): type is ServerToolEventType {
  return (SERVER_TOOL_EVENT_TYPES as readonly unknown[]).includes(type);
}

/** A provider-tool item (`web_search_call`, `mcp_call`, `mcp_list_tools`…); not a client item type. */
export type ServerToolItem = { id: string; type: string } & Record<string, unknown>;

/** What playing a call needs from its response. */
export interface ServerToolHost {
  readonly ids: IdSource;
  readonly responseId: string;
  emit(event: ServerToolEvent): void;
  /** Adds an output item (`response.output_item.added`, conversation); returns its output index. */
  addItem(item: ServerToolItem): number;
  /** Closes it (`response.output_item.done`, conversation). */
  finishItem(item: ServerToolItem): void;
}

type ToolType = ServerToolCallConfig['type'];

function declaredOf(
  type: ToolType,
  tools: readonly ToolDefinition[],
  serverLabel: string | undefined,
): ToolDefinition | undefined {
  return tools.find(
    (t) =>
      t.type === type &&
      (type !== 'mcp' || serverLabel === undefined || (t as { server_label?: unknown }).server_label === serverLabel),
  );
}

/**
 * The session-tool behind a scripted call, or why the model could not have made it (the
 * session, or the response's own `tools`, declares no such tool).
 */
export function checkDeclared(
  call: ServerToolCallConfig,
  tools: readonly ToolDefinition[],
): { ok: true; tool: ToolDefinition } | { ok: false; error: RequestError } {
  const label = call.type === 'mcp' ? call.serverLabel : undefined;
  const tool = declaredOf(call.type, tools, label);
  if (tool) return { ok: true, tool };
  const which = label === undefined ? '' : ` (server_label '${label}')`;
  return {
    ok: false,
    error: requestError(
      'tool_not_declared',
      `The response calls the server-side tool '${call.type}'${which}, ` +
        `but the session declares no such tool; the call was not made.`,
      'tools',
    ),
  };
}

function statusEvents(
  host: ServerToolHost,
  prefix: string,
  itemId: string,
  outputIndex: number,
  phases: readonly string[],
): void {
  for (const phase of phases)
    host.emit({
      type: `${prefix}.${phase}` as ServerToolEventType,
      response_id: host.responseId,
      item_id: itemId,
      output_index: outputIndex,
    });
}

/** Search results as the session's tool limits them: `max_num_results`, `allowed_x_handles`. */
export function limitResults(call: ServerToolCallConfig, tool: ToolDefinition): Record<string, unknown>[] {
  if (call.type === 'mcp') return [];
  let results = [...(call.results ?? [])];
  if (tool.type === 'x_search' && tool.allowed_x_handles && tool.allowed_x_handles.length > 0) {
    const allowed = tool.allowed_x_handles.map((h) => h.replace(/^@/, '').toLowerCase());
    results = results.filter(
      (r) => typeof r['handle'] !== 'string' || allowed.includes(r['handle'].replace(/^@/, '').toLowerCase()),
    );
  }
  if (tool.type === 'file_search' && tool.max_num_results !== undefined)
    results = results.slice(0, tool.max_num_results);
  return results;
}

/** Plays one provider-tool call: item added, status events, item done with its output. */
export function playServerToolCall(call: ServerToolCallConfig, tool: ToolDefinition, host: ServerToolHost): void {
  const id = host.ids.next('item_');
  if (call.type === 'mcp') return playMcpCall(call, tool, id, host);
  const results = limitResults(call, tool);
  const query = call.query ?? '';
  const prefix = `response.${call.type}_call`;
  const base =
    call.type === 'file_search'
      ? { id, type: 'file_search_call', queries: [query] }
      : { id, type: `${call.type}_call`, action: { type: 'search', query } };
  const started: ServerToolItem =
    call.type === 'file_search'
      ? { ...base, status: 'in_progress', results: null }
      : { ...base, status: 'in_progress' };
  const outputIndex = host.addItem(started);
  statusEvents(host, prefix, id, outputIndex, ['in_progress', 'searching', 'completed']);
  const done: ServerToolItem =
    call.type === 'file_search'
      ? { ...base, status: 'completed', results }
      : { ...base, status: 'completed', action: { type: 'search', query, sources: results } };
  host.finishItem(done);
}

function playMcpCall(
  call: Extract<ServerToolCallConfig, { type: 'mcp' }>,
  tool: ToolDefinition,
  id: string,
  host: ServerToolHost,
): void {
  const label = call.serverLabel ?? (tool as { server_label?: string }).server_label ?? '';
  const args = typeof call.arguments === 'string' ? call.arguments : JSON.stringify(call.arguments ?? {});
  const base = { id, type: 'mcp_call', server_label: label, name: call.name };
  const outputIndex = host.addItem({ ...base, arguments: '', output: null, error: null });
  const ref = { response_id: host.responseId, item_id: id, output_index: outputIndex };
  for (let i = 0; i < args.length; i += 32)
    host.emit({ type: 'response.mcp_call_arguments.delta', ...ref, delta: args.slice(i, i + 32) });
  host.emit({ type: 'response.mcp_call_arguments.done', ...ref, arguments: args });
  host.emit({ type: 'response.mcp_call.in_progress', ...ref });
  const failed = call.error !== undefined;
  host.emit({ type: failed ? 'response.mcp_call.failed' : 'response.mcp_call.completed', ...ref });
  host.finishItem({
    ...base,
    arguments: args,
    output: failed ? null : (call.output ?? ''),
    error: failed ? { type: 'mcp_tool_error', message: call.error } : null,
  });
}

/**
 * The `mcp_list_tools` item a session gets when it declares an mcp tool: added, listed
 * (`in_progress` → `completed`) and done with the tools `server.mcpTools` gives for that
 * server label (none by default).
 */
export function listMcpTools(
  tool: ToolDefinition,
  listed: readonly Record<string, unknown>[],
  host: {
    ids: IdSource;
    emit(event: ServerToolEvent): void;
    added(item: ServerToolItem): void;
    done(item: ServerToolItem): void;
  },
): void {
  const id = host.ids.next('item_');
  const base = { id, type: 'mcp_list_tools', server_label: (tool as { server_label?: string }).server_label ?? '' };
  host.added({ ...base, tools: [] });
  host.emit({ type: 'mcp_list_tools.in_progress', item_id: id });
  host.emit({ type: 'mcp_list_tools.completed', item_id: id });
  host.done({
    ...base,
    tools: listed.map((t) => ({
      name: t['name'],
      description: t['description'] ?? null,
      input_schema: t['inputSchema'] ?? { type: 'object' },
    })),
  });
}
