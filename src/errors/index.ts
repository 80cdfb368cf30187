/**
 * rt-sim's error class, below every other folder (clock and protocol included) so that any
 * layer can throw it without an import cycle. Users import it from the package root or
 * `src/protocol`, which re-export it.
 */
export { RtSimError, isRtSimError } from './rt-sim-error.js';
