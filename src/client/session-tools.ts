/**
 * The function tools a session sends (§5.12): the two shapes callers give them in, and the
 * check that drops invalid ones before they reach the wire.
 */
import { validateTool, type FunctionTool } from './chat/index.js';
import type { Logger } from './logger.js';

/** Tools as `updateTools` takes them: a list, or agents-js's name → tool record. */
export type ToolsInput =
  | readonly FunctionTool[]
  | Readonly<Record<string, Omit<FunctionTool, 'name'> & { name?: string }>>;

/** The valid tools of `tools`; invalid ones are dropped with an error log. */
export function validTools(tools: ToolsInput, logger: Logger): FunctionTool[] {
  const list: FunctionTool[] = Array.isArray(tools)
    ? [...(tools as readonly FunctionTool[])]
    : Object.entries(tools).map(([name, tool]) => ({ ...tool, name: tool.name ?? name }) as FunctionTool);
  const valid: FunctionTool[] = [];
  for (const tool of list) {
    const problem = validateTool(tool);
    if (problem === null) valid.push(tool);
    else logger.error(`tool dropped: ${problem}`);
  }
  return valid;
}
