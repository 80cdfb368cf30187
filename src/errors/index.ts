/**
 * rt-sim's error class and the "did you mean" of its messages, below every other folder
 * (clock and protocol included) so that any layer can use them without an import cycle.
 * Users import the class from the package root or `src/protocol`, which re-export it.
 */
export { RtSimError, isRtSimError } from './rt-sim-error.js';
export { closest, didYouMean } from './did-you-mean.js';
