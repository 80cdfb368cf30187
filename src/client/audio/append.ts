import type { InputAudioBufferAppendEvent } from '../../protocol/index.js';

/** Standard base64 of `bytes`, read in place (a view on the same memory, no copy). */
export function bytesToBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}

/**
 * The `input_audio_buffer.append` event for one chunk of 24 kHz PCM16 bytes (R6.2). One
 * builder for the session and bench/audio-path.ts, so the bench times what goes on the wire.
 */
export function appendEvent(chunk: Uint8Array): InputAudioBufferAppendEvent {
  return { type: 'input_audio_buffer.append', audio: bytesToBase64(chunk) };
}
