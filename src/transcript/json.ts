/** JSON values as they appear in a transcript line. */
export type JsonValue = string | number | boolean | null | JsonValue[] | JsonObject;

/** A JSON object; every frame of the xAI protocol is one. */
export interface JsonObject {
  [key: string]: JsonValue;
}

/** True for a non-null, non-array object. */
export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Names the JSON kind of a value for error messages: `null`, `array`, `string`, `number`, … */
export function jsonKind(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}
