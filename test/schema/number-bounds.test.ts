/**
 * Every number a scenario file may hold has a documented range in the JSON schema (issue 11:
 * `silenceMs: 1e13` must be a clear error, not a hang): this walks the whole schema and
 * lists each number or integer field that lacks a lower or an upper bound.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const SCHEMA_FILE = path.resolve(import.meta.dirname, '../../schema/scenario.schema.json');
const schema = JSON.parse(readFileSync(SCHEMA_FILE, 'utf8')) as unknown;

/**
 * Places where a number is a value to compare, not a setting: a script matcher's literal
 * (`match: { 'response.status': 3 }`) may be any JSON value the server could send.
 */
const NOT_SETTINGS = new Set<string>();

interface NumberField {
  pointer: string;
  node: Record<string, unknown>;
}

/** Every schema node whose type is number or integer (alone or with null), with its JSON pointer; iterative. */
function numberFields(root: unknown): NumberField[] {
  const found: NumberField[] = [];
  const stack: [unknown, string][] = [[root, '']];
  while (stack.length > 0) {
    const [node, pointer] = stack.pop()!;
    if (Array.isArray(node)) {
      for (const [i, child] of node.entries()) stack.push([child, `${pointer}/${i}`]);
      continue;
    }
    if (typeof node !== 'object' || node === null) continue;
    const record = node as Record<string, unknown>;
    const types = ([] as unknown[]).concat(record['type'] ?? []);
    const numeric = types.some((t) => t === 'number' || t === 'integer');
    const onlyNumeric = types.every((t) => t === 'number' || t === 'integer' || t === 'null');
    if (numeric && onlyNumeric && !NOT_SETTINGS.has(pointer)) found.push({ pointer, node: record });
    for (const [key, child] of Object.entries(record)) stack.push([child, `${pointer}/${key}`]);
  }
  return found.sort((a, b) => a.pointer.localeCompare(b.pointer));
}

/** Bounded by `keys`, or a closed set of numbers (`enum`: outputAudioRate). */
const bounded = (node: Record<string, unknown>, keys: readonly string[]): boolean =>
  Array.isArray(node['enum']) || keys.some((k) => typeof node[k] === 'number');

describe('numbers in the scenario schema', () => {
  const fields = numberFields(schema);

  it('are found where expected (the walk reaches client, server, script and steps)', () => {
    const pointers = fields.map((f) => f.pointer);
    expect(fields.length).toBeGreaterThan(80);
    // Where a part is used in several places (a reply, a rule) it is there each time: look by the end.
    for (const end of [
      '/client/properties/connOptions/properties/maxRetry',
      '/properties/latency/properties/ms',
      '/properties/afterMs',
      '/properties/sleep',
      '/properties/seed',
    ]) {
      expect(
        pointers.some((p) => p.endsWith(end)),
        end,
      ).toBe(true);
    }
  });

  it('each have a minimum (or exclusiveMinimum) and a maximum (or exclusiveMaximum)', () => {
    const missing = fields
      .filter(
        ({ node }) =>
          !bounded(node, ['minimum', 'exclusiveMinimum']) || !bounded(node, ['maximum', 'exclusiveMaximum']),
      )
      .map(({ pointer }) => pointer);
    expect(missing).toEqual([]);
  });

  it('each have a range that is not empty', () => {
    const empty = fields
      .filter(({ node }) => {
        if (Array.isArray(node['enum'])) return node['enum'].length === 0;
        const low = (node['minimum'] ?? node['exclusiveMinimum']) as number;
        const high = (node['maximum'] ?? node['exclusiveMaximum']) as number;
        return !(low < high);
      })
      .map(({ pointer }) => pointer);
    expect(empty).toEqual([]);
  });
});
