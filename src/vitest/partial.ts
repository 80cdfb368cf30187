/** An asymmetric matcher of vitest or jest (`expect.any(String)`, `expect.stringContaining(...)`). */
interface Asymmetric {
  asymmetricMatch(other: unknown): boolean;
}

function isAsymmetric(value: unknown): value is Asymmetric {
  return !!value && typeof value === 'object' && typeof (value as Asymmetric).asymmetricMatch === 'function';
}

/**
 * Whether `actual` holds everything `partial` names: object keys recursively (others are
 * ignored), arrays element by element with the same length, asymmetric matchers honoured,
 * anything else by `Object.is`.
 */
export function matchesPartial(actual: unknown, partial: unknown): boolean {
  if (isAsymmetric(partial)) return partial.asymmetricMatch(actual);
  if (Array.isArray(partial)) {
    return (
      Array.isArray(actual) && actual.length === partial.length && partial.every((p, i) => matchesPartial(actual[i], p))
    );
  }
  if (partial && typeof partial === 'object') {
    if (!actual || typeof actual !== 'object') return false;
    return Object.entries(partial).every(([key, value]) =>
      matchesPartial((actual as Record<string, unknown>)[key], value),
    );
  }
  return Object.is(actual, partial);
}
