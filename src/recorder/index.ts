/**
 * Public API of `src/recorder`: the recording proxy behind `rt-sim record`. It forwards
 * clients to a real upstream and writes a redacted transcript (src/transcript). Other
 * folders import only from here.
 */
export { startRecorder, type Recorder, type RecorderOptions } from './recorder.js';
export {
  createRecordingHandler,
  type RecordingHandler,
  type RecordingHandlerOptions,
  type RecordingProgress,
} from './recording-handler.js';
export type { CatalogueDeviation } from './catalogue-check.js';
export { BAD_GATEWAY_CLOSE_CODE, RECORDER_CLOSE_CODE, RECORDER_CLOSE_REASON, refusalCloseCode } from './close-codes.js';
