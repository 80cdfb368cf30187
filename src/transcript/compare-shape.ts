import { isAudioReference } from './audio-ref.js';
import { isJsonObject, type JsonValue } from './json.js';

/**
 * The structure of a frame without its values: every field path (`response.output[].id`,
 * array elements merged under `[]`) with the kinds of value seen there: `string`, `number`,
 * `boolean`, `null`, `object`, `array`, and for strings under id keys (`id`, `…_id`, `…Id`)
 * the id form instead: `uuid`, `prefixed <prefix>_` or `other id`. Audio references count
 * as the base64 `string` they stand for. JSON has one number type, so a float that happens to
 * be whole is not told from an integer.
 */
export type Shape = Map<string, Set<string>>;

const ID_KEY = /^(?:id|.+_id|.*[a-z]Id)$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const PREFIXED = /^([A-Za-z][A-Za-z0-9]*(?:_[A-Za-z][A-Za-z0-9]*)*)_[A-Za-z0-9-]{4}[A-Za-z0-9-]*$/;

/** The shape of a JSON value (usually a whole frame). */
export function shapeOf(value: JsonValue): Shape {
  const shape: Shape = new Map();
  walk(value, '', undefined, shape);
  return shape;
}

/** The form of an id string: `uuid`, `prefixed item_`, or `other id`. */
export function idForm(id: string): string {
  if (UUID.test(id)) return 'uuid';
  const prefixed = PREFIXED.exec(id);
  return prefixed === null ? 'other id' : `prefixed ${prefixed[1]}_`;
}

function walk(value: JsonValue, path: string, key: string | undefined, shape: Shape): void {
  const add = (kind: string): void => {
    const kinds = shape.get(path) ?? new Set<string>();
    kinds.add(kind);
    shape.set(path, kinds);
  };
  if (path !== '') {
    if (typeof value === 'string')
      return add(key !== undefined && ID_KEY.test(key) && value !== '' ? idForm(value) : 'string');
    if (value === null) return add('null');
    if (Array.isArray(value)) add('array');
    else if (isJsonObject(value)) {
      if (isAudioReference(value)) return add('string');
      add('object');
    } else return add(typeof value);
  }
  if (Array.isArray(value)) {
    for (const item of value) walk(item, `${path}[]`, key, shape);
  } else if (isJsonObject(value)) {
    for (const [k, v] of Object.entries(value)) walk(v, path === '' ? k : `${path}.${k}`, k, shape);
  }
}

/** One field where two shapes differ: the kinds each side had there (empty: absent). */
export interface ShapeDifference {
  path: string;
  a: string[];
  b: string[];
}

/**
 * The fields whose kinds differ between two shapes, in the order they first appear (A, then
 * B). A field missing on one side only because its parent differs there is left out: the
 * parent's difference says it.
 */
export function compareShapes(a: Shape, b: Shape): ShapeDifference[] {
  const out: ShapeDifference[] = [];
  const differing = new Set<string>();
  for (const path of new Set([...a.keys(), ...b.keys()])) {
    const ka = [...(a.get(path) ?? [])].sort();
    const kb = [...(b.get(path) ?? [])].sort();
    if (ka.join('|') === kb.join('|')) continue;
    differing.add(path);
    const parent = parentPath(path);
    if ((ka.length === 0 || kb.length === 0) && parent !== undefined && differing.has(parent)) continue;
    out.push({ path, a: ka, b: kb });
  }
  return out;
}

function parentPath(path: string): string | undefined {
  if (path.endsWith('[]')) return path.slice(0, -2);
  const dot = path.lastIndexOf('.');
  return dot < 0 ? undefined : path.slice(0, dot);
}
