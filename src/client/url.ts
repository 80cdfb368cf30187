import { RtSimError } from '../protocol/index.js';
import { redactCredentials } from './redact.js';

/**
 * Builds the WebSocket URL from a base URL and a model, as the reference plugin's
 * `process_base_url` does (§1.1): a leading `http` becomes `ws`; an empty, `/v1` or
 * `/openai` path gets `/realtime`; `model=<model>` is added unless a `model` parameter is
 * already there; other query parameters are kept; a fragment is dropped.
 *
 * `processBaseUrl('wss://api.x.ai/v1/realtime', 'grok-4-1-fast-non-reasoning')` gives
 * `wss://api.x.ai/v1/realtime?model=grok-4-1-fast-non-reasoning`.
 */
export function processBaseUrl(baseUrl: string, model: string): string {
  const withWs = baseUrl.startsWith('http') ? `ws${baseUrl.slice('http'.length)}` : baseUrl;
  let url: URL;
  try {
    url = new URL(withWs);
  } catch (cause) {
    throw new RtSimError(
      'RTSIM_CLIENT_BAD_OPTION',
      `baseURL must be an absolute ws://, wss://, http:// or https:// URL, got ` +
        `${JSON.stringify(redactCredentials(baseUrl))}`,
      { option: 'baseURL' },
      { cause },
    );
  }
  const trimmed = url.pathname.replace(/\/+$/, '');
  const path = ['', '/v1', '/openai'].includes(trimmed) ? `${trimmed}/realtime` : url.pathname;
  const query = new URLSearchParams(url.search);
  if (!query.has('model')) query.append('model', model);
  return `${url.protocol}//${url.host}${path}?${query.toString()}`;
}

/** The network location (host and port) of a URL: the model's `provider` (R1.5). */
export function networkLocation(baseUrl: string): string {
  try {
    return new URL(baseUrl).host;
  } catch {
    return '';
  }
}
