/**
 * How a reply's message is cut into ticks: its audio into chunks, its transcript into pieces of
 * words, each piece riding on a chunk so that the reply ends with its last chunk. Without audio,
 * one piece per tick.
 */
import { SAMPLE_RATE } from '../protocol/index.js';
import { splitWords } from './split-words.js';

/** The ticks of one message. */
export interface DeltaSchedule {
  /** Audio of each tick, 24 kHz samples; empty without audio. */
  chunks: Int16Array[];
  /** Transcript pieces sent at each tick, before its chunk. */
  piecesAt: Map<number, string[]>;
  ticks: number;
}

/** Cuts `audio` (null: none) into `chunkMs` chunks and `transcript` into pieces of `wordsPerDelta` words. */
export function deltaSchedule(
  audio: Int16Array | null,
  chunkMs: number,
  transcript: string,
  wordsPerDelta: number,
): DeltaSchedule {
  const chunkSamples = Math.max(1, Math.round((chunkMs * SAMPLE_RATE) / 1000));
  const chunks: Int16Array[] = [];
  if (audio) for (let i = 0; i < audio.length; i += chunkSamples) chunks.push(audio.subarray(i, i + chunkSamples));
  const pieces = splitWords(transcript, wordsPerDelta);
  // With audio, every transcript piece rides on a chunk: the reply ends with its last chunk.
  const ticks = chunks.length > 0 ? chunks.length : Math.max(pieces.length, 1);
  const piecesAt = new Map<number, string[]>();
  pieces.forEach((piece, j) => {
    const tick = chunks.length > 0 ? Math.floor((j * chunks.length) / pieces.length) : j;
    piecesAt.set(tick, [...(piecesAt.get(tick) ?? []), piece]);
  });
  return { chunks, piecesAt, ticks };
}
