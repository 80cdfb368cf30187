import type { FunctionToolDefinition as WireFunctionTool } from '../../protocol/index.js';

/**
 * A function the model may call (agents-js `FunctionTool`, raw JSON-Schema form).
 */
export interface FunctionTool {
  /** 1–64 characters of `[a-zA-Z0-9_-]`. */
  name: string;
  description?: string;
  /** JSON Schema of the arguments: an object schema. */
  parameters: Record<string, unknown>;
  /** Runs the call; the session does not call it itself. */
  execute?: (args: unknown) => unknown;
}

/**
 * A function tool as `session.update` carries it (§2.1c): the protocol's `FunctionToolDefinition`
 * with `description` and `parameters` always present.
 */
export type FunctionToolDefinition = Required<WireFunctionTool>;

const TOOL_NAME = /^[a-zA-Z0-9_-]{1,64}$/;

/** The wire form of a tool (§2.1c): `description` defaults to `""`; both fields always present. */
export function toToolDefinition(tool: FunctionTool): FunctionToolDefinition {
  return { type: 'function', name: tool.name, description: tool.description ?? '', parameters: tool.parameters };
}

/**
 * Why a tool cannot be sent, or null when it can. Invalid tools are dropped by the session
 * (§2.1c, §5.12) rather than failing the whole update.
 */
export function validateTool(tool: FunctionTool): string | null {
  const name: unknown = tool?.name;
  if (typeof name !== 'string' || !TOOL_NAME.test(name)) {
    return `tool name must match ${String(TOOL_NAME)} (1-64 letters, digits, "_" or "-"), got ${JSON.stringify(name)}`;
  }
  if (tool.description !== undefined && typeof tool.description !== 'string') {
    return `tool "${name}": description must be a string, got ${typeof tool.description}`;
  }
  const params: unknown = tool.parameters;
  if (typeof params !== 'object' || params === null || Array.isArray(params)) {
    return (
      `tool "${name}": parameters must be a JSON Schema object, got ` +
      `${params === null ? 'null' : Array.isArray(params) ? 'array' : typeof params}`
    );
  }
  const type = (params as Record<string, unknown>)['type'];
  if (type !== 'object') {
    return (
      `tool "${name}": parameters must be an object schema ({"type":"object",…}), got type ` + `${JSON.stringify(type)}`
    );
  }
  const props = (params as Record<string, unknown>)['properties'];
  if (props !== undefined && (typeof props !== 'object' || props === null || Array.isArray(props))) {
    return (
      `tool "${name}": parameters.properties must be an object, got ` +
      `${props === null ? 'null' : Array.isArray(props) ? 'array' : typeof props}`
    );
  }
  return null;
}
