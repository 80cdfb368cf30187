import { describe, expect, it } from 'vitest';
import { toToolDefinition, validateTool, type FunctionTool } from '../../../src/client/chat/index.js';

const params = { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] };

describe('tools (§2.1c, §5.12)', () => {
  it('toToolDefinition gives {type: function, name, description, parameters}', () => {
    expect(
      toToolDefinition({ name: 'get_weather', description: 'Weather now', parameters: params, execute: () => 'sunny' }),
    ).toEqual({
      type: 'function',
      name: 'get_weather',
      description: 'Weather now',
      parameters: params,
    });
  });

  it('§2.1c description defaults to ""', () => {
    expect(toToolDefinition({ name: 'noop', parameters: { type: 'object', properties: {} } }).description).toBe('');
  });

  it('accepts names of 1–64 letters, digits, "_" and "-"', () => {
    for (const name of ['a', 'get_weather', 'A-9_z', 'x'.repeat(64)])
      expect(validateTool({ name, parameters: params })).toBeNull();
  });

  it('rejects empty, too long or oddly spelled names, saying what came', () => {
    for (const name of ['', 'x'.repeat(65), 'get weather', 'météo', 'a.b']) {
      const error = validateTool({ name, parameters: params });
      expect(error).toContain('tool name must match /^[a-zA-Z0-9_-]{1,64}$/');
      expect(error).toContain(`got ${JSON.stringify(name)}`);
    }
  });

  it('rejects parameters that are not an object schema', () => {
    const bad = (parameters: unknown): string | null => validateTool({ name: 'f', parameters } as FunctionTool);
    expect(bad(null)).toContain('parameters must be a JSON Schema object, got null');
    expect(bad([])).toContain('got array');
    expect(bad({ type: 'string' })).toContain(
      'parameters must be an object schema ({"type":"object",…}), got type "string"',
    );
    expect(bad({ properties: {} })).toContain('got type undefined');
    expect(bad({ type: 'object', properties: [] })).toContain('parameters.properties must be an object, got array');
  });

  it('rejects a description that is not a string', () => {
    expect(validateTool({ name: 'f', description: 5, parameters: params } as unknown as FunctionTool)).toContain(
      'description must be a string, got number',
    );
  });
});
