/**
 * Internal barrel of `src/client`: the public API (`./index.ts`) plus what other folders of
 * rt-sim use and users do not: the checks of a scenario's `client:` block. Other folders import
 * `src/client` through this file or `./index.ts`; it is not a package export, and no package
 * entry exports what it adds (test/architecture/internal-barrels.test.ts).
 */
export * from './index.js';
export {
  validateClientOptions,
  CLIENT_DATA_KEYS,
  CONN_OPTION_KEYS,
  TURN_DETECTION_KEYS,
  TRANSCRIPTION_KEYS,
  type OptionIssue,
} from './option-checks.js';
