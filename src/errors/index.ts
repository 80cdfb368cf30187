/**
 * rt-sim's error class, its table of codes and the "did you mean" of its messages, below every
 * other folder (clock and protocol included) so that any layer can use them without an import
 * cycle. Users import the class from the package root or `src/protocol`, which re-export it.
 */
export { RtSimError, isRtSimError, withoutPrefix } from './rt-sim-error.js';
export { ERROR_CODES, areaOf, exitCodeOf, isErrorCode, type ErrorCode, type ErrorCodeEntry } from './codes.js';
export { closest, didYouMean } from './did-you-mean.js';
