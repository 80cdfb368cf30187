/**
 * Credential redaction of text: shared by the client (everything it says), and the
 * harness's golden files (what a server echoed). Linear-time regular expressions.
 */

/** What a redacted value reads as. */
export const REDACTED = '***';

// Query parameters whose name says they carry a credential: api_key, access_token, client_secret…
const QUERY_CREDENTIAL =
  /([?&][^=&#\s]*(?:key|token|secret|password|passwd|signature|credential|auth)[^=&#\s]*=)[^&#\s"'`]*/gi;
const BEARER = /\b(Bearer\s+)[^\s"',;]+/gi;
const AUTHORIZATION = /(\bauthorization["']?\s*[:=]\s*["']?)(?!Bearer\s)[^\s"',;}]+/gi;
const CLIENT_SECRET = /(xai-client-secret\.)[^\s"',;]+/gi;

/**
 * Text every pattern above needs somewhere: `=` (a query parameter), `Bearer`, `authorization`
 * or `xai-client-secret`, in any case. Text without any of them is returned as it is after one
 * scan instead of four replacements: every string of every frame a golden keeps comes here.
 */
const ANY_CREDENTIAL = /=|bearer|authorization|xai-client-secret/i;

/** `text` with credential values replaced by {@link REDACTED}. Linear time, no backtracking blow-up. */
export function redactCredentials(text: string): string {
  if (!ANY_CREDENTIAL.test(text)) return text;
  return text
    .replace(QUERY_CREDENTIAL, `$1${REDACTED}`)
    .replace(BEARER, `$1${REDACTED}`)
    .replace(AUTHORIZATION, `$1${REDACTED}`)
    .replace(CLIENT_SECRET, `$1${REDACTED}`);
}
