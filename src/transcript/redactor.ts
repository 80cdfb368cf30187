import { MAX_JSON_DEPTH, TOO_DEEP } from '../protocol/index.js';
import { audioFieldOf } from './audio-ref.js';
import { isJsonObject, type JsonObject, type JsonValue } from './json.js';
import { secretFieldRule, type SecretFieldRule, type SecretKind } from './secret-fields.js';
import { SECRET_PATTERNS } from './secret-patterns.js';

/** Secrets shorter than this are only replaced where a rule names them, not everywhere. */
export const MIN_EXACT_SECRET_LENGTH = 8;

const PLACEHOLDER = /^<redacted:[a-z]+-\d+>$/;
const DATA_URL = /^data:[^,]*;base64,/;
const SECRET_PROTOCOL = /^([A-Za-z0-9-]*?(?:secret|key|token|auth|bearer)[A-Za-z0-9-]*)\.(.+)$/i;

/** A handshake as the recorder sees it. */
export interface HandshakeCredentials {
  url: string;
  headers: Record<string, string>;
  protocols: readonly string[];
}

/** Options of {@link Redactor}. */
export interface RedactorOptions {
  /** Values that are secrets whatever they look like (e.g. the key of a recording). */
  secrets?: Iterable<string>;
}

/**
 * Replaces secrets with stable placeholders, `<redacted:key-1>`, `<redacted:secret-1>`,
 * `<redacted:token-1>`: the same secret always gets the same placeholder from one redactor,
 * so a recording still shows that two connections used the same key.
 *
 * What is a secret:
 * - values of secret-named headers, query parameters and JSON fields (`authorization` keeping
 *   its scheme, `api_key`, `key`, `token`, `secret`, `client_secret` and its `.value`,
 *   `…_token`, `password`, `cookie`; see {@link secretFieldRule});
 * - the token of a credential subprotocol (`xai-client-secret.<token>`);
 * - anything in any string that looks like one ({@link SECRET_PATTERNS}): `xai-…` and `sk-…`
 *   keys, `Bearer …`, JWTs, long high-entropy tokens that are not ids;
 * - exact values: those given as {@link RedactorOptions.secrets} or {@link addSecret}, and
 *   every secret found by the rules above (when at least {@link MIN_EXACT_SECRET_LENGTH}
 *   characters), wherever they appear afterwards, even in audio fields and binary frames.
 *
 * Base64 audio in known audio fields and `data:` URLs is not pattern-scanned (it would look
 * like high-entropy text); ids like `item_3f2a9c1b7d4e` are kept.
 */
export class Redactor {
  readonly #placeholders = new Map<string, string>();
  readonly #counters: Record<SecretKind, number> = { key: 0, secret: 0, token: 0 };
  #exact: RegExp | undefined;
  #exactStale = false;

  constructor(options: RedactorOptions = {}) {
    for (const secret of options.secrets ?? []) this.addSecret(secret);
  }

  /**
   * Marks `value` as a secret to replace wherever it appears; returns its placeholder. For a
   * prefixed key (`xai-…`) the part after the prefix is caught too.
   */
  addSecret(value: string, kind: SecretKind = 'key'): string {
    return value === '' ? value : this.#placeholder(value, kind);
  }

  /** Number of distinct secret strings known (a prefixed key counts whole and without its prefix). */
  get size(): number {
    return this.#placeholders.size;
  }

  /** Learns the credentials of a handshake (header, subprotocol, query) without redacting anything yet. */
  learnHandshake(request: HandshakeCredentials): void {
    this.redactUrl(request.url);
    this.redactHeaders(request.headers);
    this.redactProtocols(request.protocols);
  }

  /** Redacts known secrets and anything that looks like one in free text. */
  redactText(text: string): string {
    let out = this.#exactOnly(text);
    for (const pattern of SECRET_PATTERNS) {
      pattern.regex.lastIndex = 0;
      out = out.replace(pattern.regex, (match: string, group?: unknown) => {
        const secret = typeof group === 'string' ? group : match;
        if (PLACEHOLDER.test(secret) || (pattern.accept !== undefined && !pattern.accept(secret))) return match;
        return `${match.slice(0, match.length - secret.length)}${this.#placeholder(secret, pattern.kind)}`;
      });
    }
    return out;
  }

  /**
   * Redacts a URL: secret query parameters (`api_key`, `key`, `token`, `client_secret`, …),
   * the password of `user:password@`, and anything that looks like a secret elsewhere.
   */
  redactUrl(url: string): string {
    const m = /^([a-z][a-z0-9+.-]*:\/\/)?([^/?#]*)([^?#]*)(\?[^#]*)?(#.*)?$/is.exec(url);
    if (m === null) return this.redactText(url);
    const [, scheme = '', authority = '', pathPart = '', query = '', hash = ''] = m;
    let auth = authority;
    const at = authority.lastIndexOf('@');
    if (scheme !== '' && at >= 0) {
      const userinfo = authority.slice(0, at);
      const colon = userinfo.indexOf(':');
      const password: SecretFieldRule = { kind: 'secret', strength: 'strong', scheme: false };
      const redactedUser =
        colon >= 0
          ? `${userinfo.slice(0, colon)}:${this.#secretValue(decode(userinfo.slice(colon + 1)), password)}`
          : this.#secretValue(decode(userinfo), password);
      auth = `${redactedUser}${authority.slice(at)}`;
    }
    const redactedQuery =
      query === ''
        ? ''
        : `?${query
            .slice(1)
            .split('&')
            .map((pair) => {
              const eq = pair.indexOf('=');
              if (eq < 0) return pair;
              const name = pair.slice(0, eq);
              const value = pair.slice(eq + 1);
              const rule = secretFieldRule(decode(name.replace(/\+/g, ' ')));
              if (rule === undefined || value === '') return pair;
              return `${name}=${this.#secretValue(decode(value.replace(/\+/g, ' ')), rule)}`;
            })
            .join('&')}`;
    return this.redactText(`${scheme}${auth}${pathPart}${redactedQuery}${hash}`);
  }

  /** Redacts handshake headers (names kept as given). */
  redactHeaders(headers: Readonly<Record<string, string>>): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [name, value] of Object.entries(headers)) out[name] = this.redactHeader(name, value);
    return out;
  }

  /** Redacts one header value according to its name. */
  redactHeader(name: string, value: string): string {
    if (name.toLowerCase() === 'sec-websocket-protocol') {
      return this.redactProtocols(value.split(',').map((p) => p.trim())).join(', ');
    }
    const rule = secretFieldRule(name);
    return rule === undefined ? this.redactText(value) : this.#secretValue(value, rule);
  }

  /** Redacts offered subprotocols. */
  redactProtocols(protocols: readonly string[]): string[] {
    return protocols.map((p) => this.redactProtocol(p));
  }

  /** `xai-client-secret.<token>` → `xai-client-secret.<redacted:secret-1>`; others pattern-scanned. */
  redactProtocol(protocol: string): string {
    const m = SECRET_PROTOCOL.exec(protocol);
    if (m === null) return this.redactText(protocol);
    const prefix = m[1] ?? '';
    const kind: SecretKind = /secret/i.test(prefix) ? 'secret' : /key/i.test(prefix) ? 'key' : 'token';
    return `${prefix}.${this.#placeholder(m[2] ?? '', kind)}`;
  }

  /**
   * A redacted deep copy of a JSON frame (see the class comment for what goes). Arrays and
   * objects nested deeper than `MAX_JSON_DEPTH` become the string `TOO_DEEP`: the walk
   * recurses, so its depth is bounded (the recorder never stores such a frame as JSON).
   */
  redactFrame<T extends JsonValue>(frame: T): T {
    return this.#walk(frame, undefined, isJsonObject(frame) ? audioFieldOf(frame) : undefined, 1) as T;
  }

  /** Replaces known exact secrets (as ASCII) in a binary frame; nothing else is touched. */
  redactBinary(bytes: Uint8Array): Uint8Array {
    const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
    const out = this.#exactOnly(text);
    return out === text ? bytes : new Uint8Array(Buffer.from(out, 'latin1'));
  }

  /** `audioField`: the field of this object that holds streamed audio (top level only). */
  #walk(value: JsonValue, key: string | undefined, audioField: string | undefined, depth: number): JsonValue {
    if (typeof value === 'string') {
      return key === 'audio' || DATA_URL.test(value) ? this.#exactOnly(value) : this.redactText(value);
    }
    if (typeof value === 'object' && value !== null && depth > MAX_JSON_DEPTH) return TOO_DEEP;
    if (Array.isArray(value)) return value.map((item) => this.#walk(item, key, undefined, depth + 1));
    if (!isJsonObject(value)) return value;
    const out: JsonObject = {};
    const isLogprob = typeof value.logprob === 'number';
    for (const [name, child] of Object.entries(value)) {
      const rule = secretFieldRule(name);
      if (name === audioField && typeof child === 'string') {
        out[name] = this.#exactOnly(child);
      } else if (rule !== undefined && typeof child === 'string' && !(rule.strength === 'weak' && isLogprob)) {
        out[name] = this.#secretValue(child, rule);
      } else if (rule?.strength === 'strong' && isJsonObject(child)) {
        out[name] = this.#walkSecretObject(child, rule.kind, depth + 1);
      } else if (rule?.strength === 'strong' && Array.isArray(child)) {
        out[name] = child.map((item) =>
          typeof item === 'string' ? this.#secretValue(item, rule) : this.#walk(item, undefined, undefined, depth + 2),
        );
      } else {
        out[name] = this.#walk(child, name, undefined, depth + 1);
      }
    }
    return out;
  }

  /** Inside `client_secret: {value, expires_at}`: `value` strings are secrets too. */
  #walkSecretObject(value: JsonObject, kind: SecretKind, depth: number): JsonValue {
    if (depth > MAX_JSON_DEPTH) return TOO_DEEP;
    const out: JsonObject = {};
    for (const [name, child] of Object.entries(value)) {
      if (name === 'value' && typeof child === 'string')
        out[name] = this.#secretValue(child, { kind, strength: 'strong', scheme: false });
      else if (isJsonObject(child)) out[name] = this.#walkSecretObject(child, kind, depth + 1);
      else out[name] = this.#walk(child, undefined, name, depth + 1);
    }
    return out;
  }

  #secretValue(value: string, rule: SecretFieldRule): string {
    if (value === '' || PLACEHOLDER.test(value)) return value;
    if (rule.scheme) {
      const m = /^([A-Za-z][A-Za-z0-9_-]*)\s+(\S.*)$/s.exec(value);
      if (m !== null && !PLACEHOLDER.test(m[2] ?? '')) return `${m[1]} ${this.#placeholder(m[2] ?? '', rule.kind)}`;
      if (m !== null) return value;
    }
    return this.#placeholder(value, rule.kind);
  }

  #placeholder(secret: string, kind: SecretKind): string {
    const known = this.#placeholders.get(secret);
    if (known !== undefined) return known;
    const placeholder = `<redacted:${kind}-${++this.#counters[kind]}>`;
    this.#remember(secret, placeholder);
    // `xai-<body>`: the body alone is the same secret.
    // Prefix matched alone: `(.{16,})` would keep a backtrack entry per character of a huge secret.
    const prefix = /^[A-Za-z]+-/.exec(secret)?.[0];
    if (prefix !== undefined && secret.length - prefix.length >= 16)
      this.#remember(secret.slice(prefix.length), placeholder);
    return placeholder;
  }

  #remember(secret: string, placeholder: string): void {
    if (this.#placeholders.has(secret)) return;
    this.#placeholders.set(secret, placeholder);
    if (secret.length >= MIN_EXACT_SECRET_LENGTH) this.#exactStale = true;
  }

  #exactOnly(text: string): string {
    if (this.#exactStale) {
      const secrets = [...this.#placeholders.keys()]
        .filter((s) => s.length >= MIN_EXACT_SECRET_LENGTH)
        .sort((a, b) => b.length - a.length);
      this.#exact = secrets.length === 0 ? undefined : new RegExp(secrets.map(escapeRegExp).join('|'), 'g');
      this.#exactStale = false;
    }
    if (this.#exact === undefined) return text;
    return text.replace(this.#exact, (secret) => this.#placeholders.get(secret) ?? secret);
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
