/**
 * Live frames as the replay compares and names them: parsed when they are JSON objects, their
 * type for messages, and runs of types summarised.
 */
import type { JsonObject } from '../../transcript/index.js';

/** A live frame as compared: a JSON object, or the raw text of anything else. */
export function parseFrame(text: string): JsonObject | string {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as JsonObject) : text;
  } catch {
    return text;
  }
}

/** The `type` of a frame as messages name it. */
export function typeOf(frame: JsonObject | string): string {
  if (typeof frame === 'string') return '(text)';
  return typeof frame['type'] === 'string' ? frame['type'] : '(no type)';
}

/** `a, b, c … z` for a list of types, repeated neighbours counted (`x ×3`). */
export function summarise(types: readonly string[]): string {
  const runs: string[] = [];
  for (let i = 0; i < types.length; ) {
    let j = i + 1;
    while (types[j] === types[i]) j++;
    runs.push(j - i > 1 ? `${types[i]} ×${j - i}` : types[i]!);
    i = j;
  }
  return runs.length <= 4 ? runs.join(', ') : `${runs.slice(0, 3).join(', ')} … ${runs[runs.length - 1]}`;
}
