/**
 * Token usage the simulator reports in `response.done` when a reply gives none: 1 text
 * token per 4 characters, 1 output audio token per 50 ms, 1 input audio token per 100 ms.
 */
import type { ConversationItem, Usage } from '../protocol/index.js';

/** Input side of a response: what the conversation and instructions amount to. */
export interface InputTokens {
  text: number;
  audio: number;
}

function textTokens(chars: number): number {
  return Math.ceil(chars / 4);
}

/** Counts the input tokens of a conversation. `audioMs` gives the audio length of an item. */
export function inputTokens(
  items: readonly ConversationItem[],
  instructions: string | null,
  audioMs: (id: string) => number,
): InputTokens {
  let chars = instructions?.length ?? 0;
  let audio = 0;
  for (const item of items) {
    if (item.type === 'message') {
      for (const part of item.content) {
        if ('text' in part && typeof part.text === 'string') chars += part.text.length;
        if ('transcript' in part && typeof part.transcript === 'string') chars += part.transcript.length;
      }
      if (item.role === 'user' && item.id) audio += audioMs(item.id);
    } else if (item.type === 'function_call') chars += item.arguments.length + item.name.length;
    else if (item.type === 'function_call_output') chars += item.output.length;
  }
  return { text: textTokens(chars), audio: Math.ceil(audio / 100) };
}

/** Builds a usage object from the input tokens and what the response produced. */
export function computeUsage(input: InputTokens, outputChars: number, outputAudioMs: number): Usage {
  const outText = textTokens(outputChars);
  const outAudio = Math.ceil(outputAudioMs / 50);
  const inputTotal = input.text + input.audio;
  const outputTotal = outText + outAudio;
  return {
    total_tokens: inputTotal + outputTotal,
    input_tokens: inputTotal,
    output_tokens: outputTotal,
    input_token_details: {
      text_tokens: input.text,
      audio_tokens: input.audio,
      image_tokens: 0,
      cached_tokens: 0,
      cached_tokens_details: { text_tokens: 0, audio_tokens: 0, image_tokens: 0 },
    },
    output_token_details: { text_tokens: outText, audio_tokens: outAudio },
  };
}
