import { MAX_FRAME_BYTES } from '../protocol/index.js';

/**
 * The most client bytes the recorder queues while its upstream connection is still opening:
 * two frames of the largest size, far more than a client sends during a handshake.
 */
export const MAX_PENDING_BYTES = 2 * MAX_FRAME_BYTES;
