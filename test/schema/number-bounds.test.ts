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
const NOT_SETTINGS = new Set(['/definitions/matcher/anyOf/0']);

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
      node.forEach((child, i) => stack.push([child, `${pointer}/${i}`]));
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

const bounded = (node: Record<string, unknown>, keys: readonly string[]): boolean =>
  keys.some((k) => typeof node[k] === 'number');

describe('numbers in the scenario schema', () => {
  const fields = numberFields(schema);

  it('are found where expected (the walk reaches client, server, script and steps)', () => {
    const pointers = fields.map((f) => f.pointer);
    expect(fields.length).toBeGreaterThan(80);
    for (const p of [
      '/definitions/connOptions/properties/maxRetry',
      '/definitions/server/properties/latency/properties/ms',
      '/definitions/timeTrigger/properties/afterMs',
      '/definitions/sleepStep/properties/sleep',
      '/properties/seed',
    ]) {
      expect(pointers).toContain(p);
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
        const low = (node['minimum'] ?? node['exclusiveMinimum']) as number;
        const high = (node['maximum'] ?? node['exclusiveMaximum']) as number;
        return !(low < high);
      })
      .map(({ pointer }) => pointer);
    expect(empty).toEqual([]);
  });
});
