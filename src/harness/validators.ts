import { validateClientOptions } from '../client/internal.js';
import { validateScript, validateServerConfig } from '../simulator/internal.js';
import type { BlockValidators } from './validate.js';

/**
 * The validators of the blocks owned by the client (`client:`) and the simulator
 * (`server:`, `script:`), so one load reports every problem of a file with its line.
 */
export const blockValidators: BlockValidators = {
  client: validateClientOptions,
  server: validateServerConfig,
  script: validateScript,
};
