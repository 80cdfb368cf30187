/**
 * Payloads the service would refuse inside otherwise well-formed client events: audio and
 * images that are not what their field says. The catalogue only checks that they are
 * strings; a strict fake also checks what the strings hold.
 */
import type { AudioFormat, ConversationItem } from '../protocol/index.js';
import { decodeBase64, isBase64 } from '../protocol/index.js';
import type { RequestError } from './request-error.js';
import { requestError } from './request-error.js';

/** `data:image/<subtype>;base64,` — the only image form rt-sim's fake accepts. */
const IMAGE_DATA_URL = /^data:image\/[A-Za-z0-9.+-]+;base64,/;

/** Refuses `input_audio_buffer.append` audio that is not base64, or an odd byte count in PCM16. */
export function checkAppendAudio(audio: string, format: AudioFormat): RequestError | Buffer {
  // Checked and decoded in one pass: every append of every session comes here.
  const bytes = decodeBase64(audio);
  if (!bytes) return requestError('invalid_value', "Invalid 'audio': expected standard padded base64.", 'audio');
  if (format.type === 'audio/pcm' && bytes.length % 2 !== 0) {
    return requestError(
      'invalid_value',
      `Invalid 'audio': PCM16 audio must have an even number of bytes, got ${bytes.length}.`,
      'audio',
    );
  }
  return bytes;
}

/**
 * Refuses a binary input audio frame (input transport `binary`) with an odd byte count in PCM16, as
 * an append of it would be.
 */
export function checkBinaryAudio(bytes: Uint8Array, format: AudioFormat): RequestError | undefined {
  if (format.type !== 'audio/pcm' || bytes.length % 2 === 0) return undefined;
  return requestError(
    'invalid_value',
    `Invalid binary audio frame: PCM16 audio must have an even number of bytes, got ${bytes.length}.`,
  );
}

/** Refuses a message item whose `input_image` is not a base64 image data URL, or whose `input_audio` is not base64. */
export function checkItemContent(item: ConversationItem): RequestError | undefined {
  if (item.type !== 'message') return undefined;
  for (const [i, part] of item.content.entries()) {
    if (part.type === 'input_image') {
      const url = part.image_url;
      const head = IMAGE_DATA_URL.exec(url);
      const data = head ? url.slice(head[0].length) : '';
      if (!head || data === '' || !isBase64(data)) {
        const param = `item.content[${i}].image_url`;
        return requestError(
          'invalid_value',
          `Invalid '${param}': expected a data:image/…;base64, URL with standard padded base64 image bytes.`,
          param,
        );
      }
    }
    if (part.type === 'input_audio' && part.audio !== undefined && !isBase64(part.audio)) {
      const param = `item.content[${i}].audio`;
      return requestError('invalid_value', `Invalid '${param}': expected standard padded base64.`, param);
    }
  }
  return undefined;
}
