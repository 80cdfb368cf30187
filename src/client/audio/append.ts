import type { ClientEvent, InputAudioBufferAppendEvent } from '../../protocol/index.js';

/** Standard base64 of `bytes`, read in place (a view on the same memory, no copy). */
export function bytesToBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}

/** The base64 each append {@link appendEvent} built carries, to tell it from one changed since. */
const BUILT_AUDIO = new WeakMap<object, string>();

/**
 * The `input_audio_buffer.append` event for one chunk of 24 kHz PCM16 bytes (R6.2). One
 * builder for the session and bench/audio-path.ts, so the bench times what goes on the wire.
 */
export function appendEvent(chunk: Uint8Array): InputAudioBufferAppendEvent {
  const event: InputAudioBufferAppendEvent = { type: 'input_audio_buffer.append', audio: bytesToBase64(chunk) };
  BUILT_AUDIO.set(event, event.audio);
  return event;
}

/**
 * The JSON text of a client event, exactly as `JSON.stringify` writes it. An append
 * {@link appendEvent} built, and nobody changed since (a listener of the queued event may), is
 * written without `JSON.stringify`: its base64 needs no escaping by construction, and scanning
 * 6,400 characters for escapes took 4-5 µs of the 7 its serialisation cost, ten times a second
 * per session (measured on a 2-core machine; the appends are most of what a client sends).
 */
export function eventText(event: ClientEvent): string {
  const audio = BUILT_AUDIO.get(event);
  if (audio !== undefined && event.type === 'input_audio_buffer.append' && event.audio === audio) {
    // With `type` among them, two keys ending in `audio` are in the order appendEvent wrote them.
    const keys = Object.keys(event);
    if (keys.length === 2 && keys[1] === 'audio') {
      return `{"type":"input_audio_buffer.append","audio":"${audio}"}`;
    }
  }
  return JSON.stringify(event);
}
