import { looksLikeId } from '../protocol/index.js';
import type { SecretKind } from './secret-fields.js';

/** A shape of secret found in free text. */
export interface SecretPattern {
  kind: SecretKind;
  /**
   * Global regex. Group 1, when present, is the secret and ends the match; what comes
   * before it (`Bearer `, `?api_key=`) is kept.
   */
  regex: RegExp;
  /** Extra test on the secret part, for shapes a regex cannot pin down. */
  accept?: (secret: string) => boolean;
}

const NOT_AFTER_TOKEN = '(?<![A-Za-z0-9_-])';
const NOT_BEFORE_TOKEN = '(?![A-Za-z0-9_-])';

/**
 * Shapes of secrets, most specific first. "At least n" is written `{n}` then `*`, never
 * `{n,}`: V8 keeps a backtrack entry per character of a `{n,}` run and overflows its stack
 * on a run of millions (a 15 MB token-like frame); `*` after a fixed count does not. Each match is replaced by a
 * placeholder; a text
 * already holding a placeholder is left alone because no pattern matches `<redacted:…>`.
 */
export const SECRET_PATTERNS: readonly SecretPattern[] = [
  // JSON Web Tokens (ephemeral tokens often are): one placeholder for all three parts.
  {
    kind: 'token',
    regex: new RegExp(
      `${NOT_AFTER_TOKEN}eyJ[A-Za-z0-9_-]{8}[A-Za-z0-9_-]*` +
        `\\.[A-Za-z0-9_-]{8}[A-Za-z0-9_-]*\\.[A-Za-z0-9_-]*${NOT_BEFORE_TOKEN}`,
      'g',
    ),
  },
  // xAI and OpenAI-style API keys.
  { kind: 'key', regex: new RegExp(`${NOT_AFTER_TOKEN}xai-[A-Za-z0-9]{20}[A-Za-z0-9_-]*`, 'g') },
  { kind: 'key', regex: new RegExp(`${NOT_AFTER_TOKEN}sk-[A-Za-z0-9_-]{16}[A-Za-z0-9_-]*`, 'g') },
  // Well-known prefixed tokens that would otherwise pass as ids (`ghp_…`, `sk_live_…`).
  {
    kind: 'key',
    regex: new RegExp(
      `${NOT_AFTER_TOKEN}(?:(?:gh[pousr]|github_pat|sk_live|sk_test|rk_live|rk_test)_[A-Za-z0-9_]{16}[A-Za-z0-9_]*` +
        '|xox[abprs]-[A-Za-z0-9-]{10}[A-Za-z0-9-]*|AKIA[0-9A-Z]{16}|AIza[0-9A-Za-z_-]{35})' +
        NOT_BEFORE_TOKEN,
      'g',
    ),
  },
  // Secret query parameters in URLs inside text (`…?api_key=…`), the name kept.
  {
    kind: 'key',
    regex: /[?&;](?:[A-Za-z0-9_-]*(?:api[_-]?key|secret|token|password)|key|auth)=(?!<redacted:)([^&#\s"'<>]+)/gi,
  },
  // `Bearer <token>` anywhere in text (the scheme is kept).
  { kind: 'key', regex: /\bBearer\s+(?!<redacted:)([A-Za-z0-9._~+/=-]+)/g },
  // Long high-entropy tokens that are not ids.
  {
    kind: 'token',
    regex: new RegExp(`${NOT_AFTER_TOKEN}[A-Za-z0-9_-]{32}[A-Za-z0-9_-]*${NOT_BEFORE_TOKEN}`, 'g'),
    accept: isHighEntropyToken,
  },
];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * True for a run of ≥ 32 `[A-Za-z0-9_-]` that looks random: letters and digits mixed, at
 * least 3.5 bits of entropy per character, and not shaped like a generated id
 * (`response_3f2a9c1b7d4e…`) or a UUID.
 */
export function isHighEntropyToken(text: string): boolean {
  if (text.length < 32 || !/[0-9]/.test(text) || !/[A-Za-z]/.test(text)) return false;
  if (looksLikeId(text) || UUID.test(text)) return false;
  return entropyPerChar(text) >= 3.5;
}

function entropyPerChar(text: string): number {
  const counts = new Map<string, number>();
  for (const ch of text) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let bits = 0;
  for (const count of counts.values()) {
    const p = count / text.length;
    bits -= p * Math.log2(p);
  }
  return bits;
}
