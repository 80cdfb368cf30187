/**
 * The rule catalogue's wire rules (docs/protocol.md §1, §2, §4): wire-level facts, the
 * client events one by one, and the orderings of whole exchanges.
 */
import { c, info, rule, type RuleEntry } from './rule-entry.js';

/** The rules of §1, §2 and §4, in the order of the page. */
export const WIRE_RULES: readonly RuleEntry[] = [
  // §1 wire-level facts
  rule('§1.1', 'Endpoint, URL and handshake: wss://…/v1/realtime?model=… and Authorization: Bearer', [
    c(
      'base-url',
      'a given base URL is processed: http→ws, /realtime appended to an empty, ' +
        '/v1 or /openai path, an existing model parameter kept',
    ),
    c(
      'websocket-class',
      'a WebSocket class given to the model is called as new C(url, { protocols, headers }), the Bearer header in it',
    ),
    c(
      'browser-class',
      'a class that throws on that form is called again as new C(url, protocols), without headers (rt-sim)',
    ),
  ]),
  info(
    '§1.2',
    'Authentication and ephemeral tokens',
    'server side: the client authenticates with the Bearer header of §1.1; ' +
      "minting and accepting ephemeral tokens is the simulator's part",
  ),
  info(
    '§1.3',
    'Models',
    "the model names the server knows; the client's default model is R1.2 and the ?model= parameter §1.1",
  ),
  info('§1.4', 'Voices', 'the voices the server accepts; the client passes the voice through (R1.1, §2.1)'),
  rule('§1.5', 'Audio formats: the client asks for audio/pcm at 24000 Hz in both directions', [
    c(
      'output-rate',
      'outputAudioRate asks for audio/pcm output at another rate xAI offers; input stays 24000 Hz (rt-sim)',
    ),
  ]),
  rule('§1.6', "Turn detection: the client's default server_vad settings", [
    c('null', 'turnDetection null sends "turn_detection": null (manual turns)'),
  ]),
  rule('§1.7', 'Field placement: voice under audio.output, turn_detection under audio.input'),
  info(
    '§1.8',
    'Feature support compared with OpenAI GA',
    'a comparison table; each behaviour it names is a rule of its own (§8.5, §5.10, §2.1, §5.7 …)',
  ),
  rule('§1.9', 'xAI-specific fields and events are accepted', [
    c('conversation-created', 'conversation.created on connect is accepted and ignored'),
    c('session-created', 'session.created (2026) on connect is accepted and ignored'),
    c('ping', 'xAI ping frames are ignored: no error, no effect'),
    c('top-level-usage', 'usage at the top level of response.done is read (rt-sim; the reference ignores it)'),
    c(
      'force-message',
      'a force_message response (response.created without client_event_id) is a server-initiated generation',
    ),
    c('say', 'say() sends a force_message item, no response.create, and takes the next response FIFO'),
  ]),
  // §2 client → server events
  rule('§2.1', 'session.update: the initial full update (§2.1a) with the exact reference content', [
    c('instructions', '§2.1b: updateInstructions sends only {type, instructions} with an instructions_update_ id'),
    c('tools', '§2.1c: updateTools sends {type, model, tools} with a tools_update_ id'),
    c('options', '§2.1d: updateOptions sends only the changed keys, audio.input and audio.output both present'),
    c('text-modality', 'output_modalities is ["text"] when the model has no audio modality, never both'),
    c('tool-choice-function', 'a function tool_choice is sent as {type: "function", name}'),
  ]),
  rule('§2.2', 'input_audio_buffer.append: exactly 4800 bytes (100 ms), no event_id', [
    c('remainder', 'commitAudio sends the remainder as one last, shorter append (§8.9)'),
    c(
      'resampler-tail',
      "the last append also carries the resampler's held-back tail: " +
        "alone when the chunker is empty, after the chunker's bytes otherwise",
    ),
  ]),
  rule('§2.3', 'input_audio_buffer.commit: {type} only'),
  rule('§2.4', 'input_audio_buffer.clear: {type} only'),
  rule('§2.5', 'conversation.item.create: chat_ctx_create_ id, previous_item_id "root" first, else the preceding id', [
    c('function-call', 'a function_call item {id, type, call_id, name, arguments}'),
    c('function-call-output', 'a function_call_output item {id, type, call_id, output}'),
    c('input-audio', "a user message's audio: input_audio with its frames' PCM concatenated, transcript or null"),
    c('system-message', 'a system message with input_text parts only'),
    c('assistant-message', 'an assistant message with output_text parts only'),
    c('video', 'pushVideo: a video_ id, an input_image item and no previous_item_id'),
  ]),
  rule('§2.6', 'conversation.item.delete: item_id and a chat_ctx_delete_ id'),
  rule('§2.7', 'conversation.item.truncate: item_id, content_index 0, integer audio_end_ms, no event_id'),
  rule('§2.8', 'response.create: response_create_ id, instructions null, metadata.client_event_id = event_id', [
    c('instructions', 'given instructions are sent in response.instructions'),
    c('per-response-tools', 'per-response tools and tool_choice go in response.create only (rt-sim)'),
  ]),
  rule('§2.9', 'response.cancel: {type} only'),
  // §4 orderings
  rule('§4.1', 'Startup: the full session.update first, then instructions, chat items and tools'),
  rule('§4.2', 'User audio turn under server VAD: speech events, user item, server-initiated reply'),
  rule('§4.3', 'Text-initiated reply: item create acknowledged, response.create echoed, user-initiated reply'),
  rule('§4.4', 'Function-call round trip: call on the function stream, output item, next response.create', [
    c('parallel', 'several calls in one response: each gets its own output item, then one response.create'),
  ]),
  rule('§4.5', 'Interrupted response: cancelled with turn_detected ends the generation with no error', [
    c(
      'client-cancel',
      'a client response.cancel ends the response cancelled, reason client_cancelled, metrics cancelled',
    ),
  ]),
  rule('§4.6', 'Errors: error events and failed responses are recoverable, the connection stays'),
];
