import type { TranscriptSource } from '../transcript/index.js';

/** What the recorder writes for `client` or `model` when it was not told. */
export const UNKNOWN = 'unknown';

/**
 * The `source` a recording gets when the user does not say: `xai` when the upstream is the
 * xAI service (a host `x.ai` or under it), otherwise `recorded` (the header's `upstream`
 * then names what was recorded, e.g. `rt-sim serve` on loopback or another vendor).
 */
export function sourceFor(upstream: URL): TranscriptSource {
  const host = upstream.hostname.toLowerCase();
  return host === 'x.ai' || host.endsWith('.x.ai') ? 'xai' : 'recorded';
}
