/** A chat item as the golden file shows it, from the client's `ChatContext`. */
import { toJsonSafe } from './json-safe.js';

/** A chat item as the golden file shows it; `createdAt` only when the item has one. */
export function summariseItem(item: unknown): Record<string, unknown> {
  const i = item as Record<string, unknown>;
  const summary = summariseFields(i);
  return i['createdAt'] === undefined ? summary : { ...summary, createdAt: i['createdAt'] };
}

function summariseFields(i: Record<string, unknown>): Record<string, unknown> {
  if (i['type'] === 'message') {
    // An image keeps its MIME type (the image itself is in the frames); other parts only their type.
    const content = (i['content'] as unknown[]).map((c) => {
      if (typeof c === 'string') return c;
      const part = c as { type?: unknown; mimeType?: unknown };
      return part.mimeType === undefined ? { type: part.type } : { type: part.type, mimeType: part.mimeType };
    });
    return { type: 'message', id: i['id'], role: i['role'], text: i['textContent'] ?? null, content };
  }
  if (i['type'] === 'function_call')
    return { type: 'function_call', id: i['id'], callId: i['callId'], name: i['name'], arguments: i['args'] };
  if (i['type'] === 'function_call_output')
    return {
      type: 'function_call_output',
      id: i['id'],
      callId: i['callId'],
      // The server sends no name, so the mirror's is "" (the reference's default); one only when set,
      // so a client that makes one up changes the golden and goldens without one stay as they were.
      ...(i['name'] === '' || i['name'] === undefined ? {} : { name: i['name'] }),
      output: i['output'],
      isError: i['isError'],
    };
  return toJsonSafe(i) as Record<string, unknown>;
}
