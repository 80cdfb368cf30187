import type { ErrorCode } from '../errors/index.js';

/** Stable codes of the errors `src/recorder` throws. */
export const RECORDER_ERROR_CODES = {
  /** The upstream URL is not a ws://, wss://, http:// or https:// URL. */
  BAD_UPSTREAM: 'RTSIM_RECORDER_BAD_UPSTREAM',
} as const satisfies Record<string, ErrorCode>;
