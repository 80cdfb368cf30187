/** What a redacted value was, as shown in its placeholder: `<redacted:key-1>`. */
export type SecretKind = 'key' | 'secret' | 'token';

/** How a named field, header or query parameter holding a secret is redacted. */
export interface SecretFieldRule {
  kind: SecretKind;
  /**
   * `strong`: any string value is a secret, and in an object value the `value` fields are
   * (`client_secret.value`). `weak` (`key`, `token`): only a string value is, and not in a
   * logprob entry, where `token` is a piece of text.
   */
  strength: 'strong' | 'weak';
  /** `Authorization`-like: keep the scheme (`Bearer <redacted:key-1>`). */
  scheme: boolean;
}

/**
 * The rule for a field / header / query parameter name, or undefined when the name says
 * nothing about secrets. Case, `-` and `_` are ignored: `api_key`, `X-Api-Key` and `apiKey`
 * are the same name.
 */
export function secretFieldRule(name: string): SecretFieldRule | undefined {
  const n = name.toLowerCase().replace(/[-_]/g, '');
  if (n === 'authorization' || n === 'proxyauthorization') return { kind: 'key', strength: 'strong', scheme: true };
  if (n === 'key') return { kind: 'key', strength: 'weak', scheme: false };
  if (n === 'token') return { kind: 'token', strength: 'weak', scheme: false };
  if (n === 'cookie' || n === 'setcookie') return { kind: 'secret', strength: 'strong', scheme: false };
  if (n.endsWith('apikey') || n.endsWith('secretkey') || n.endsWith('privatekey') || n === 'bearer' || n === 'auth') {
    return { kind: 'key', strength: 'strong', scheme: false };
  }
  if (n.endsWith('secret') || n.endsWith('password') || n === 'passwd')
    return { kind: 'secret', strength: 'strong', scheme: false };
  if (n.endsWith('token')) return { kind: 'token', strength: 'strong', scheme: false };
  return undefined;
}
