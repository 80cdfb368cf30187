import {
  SAMPLE_RATE,
  type AudioInputConfig,
  type AudioOutputConfig,
  type IdSource,
  type Modality,
  type SessionConfig,
  type SessionUpdateEvent,
  type ToolChoice,
} from '../protocol/index.js';
import type { FunctionToolDefinition } from './chat/index.js';
import { toNoiseReduction, type SessionOptions, type ToolChoiceOption } from './options.js';

/**
 * Builders of the `session.update` variants of §2.1, in the reference's placement: voice
 * under `audio.output`, turn detection under `audio.input` (§1.7; §8.11 is kept on purpose).
 */

const PCM_FORMAT = { type: 'audio/pcm', rate: SAMPLE_RATE } as const;

/** `tool_choice` on the wire: strings pass, the nested function form flattens, null is `"auto"`. */
export function toWireToolChoice(choice: ToolChoiceOption | null): ToolChoice {
  if (choice === null) return 'auto';
  if (typeof choice === 'string') return choice;
  return 'function' in choice
    ? { type: 'function', name: choice.function.name }
    : { type: 'function', name: choice.name };
}

/** Inputs of the full update. */
export interface FullUpdateInput {
  model: string;
  modalities: readonly Modality[];
  options: SessionOptions;
  /** Set only once `updateInstructions` was called (§2.1a). */
  instructions: string | undefined;
}

/**
 * (a) The full configuration, sent first on every socket and at the head of a reconnect
 * burst: `session_update_…`, no `tools`, `instructions` only once set.
 */
export function fullSessionUpdate(ids: IdSource, input: FullUpdateInput): SessionUpdateEvent {
  const { options } = input;
  const session: SessionConfig = {
    type: 'realtime',
    model: input.model,
    output_modalities: input.modalities.includes('audio') ? ['audio'] : ['text'],
  };
  if (input.instructions !== undefined) session.instructions = input.instructions;
  session.audio = {
    input: {
      format: { ...PCM_FORMAT },
      noise_reduction: options.inputAudioNoiseReduction === null ? null : { ...options.inputAudioNoiseReduction },
      transcription: options.inputAudioTranscription === null ? null : { ...options.inputAudioTranscription },
      turn_detection: options.turnDetection === null ? null : { ...options.turnDetection },
    },
    output: {
      format: { type: 'audio/pcm', rate: options.outputAudioRate },
      speed: options.speed,
      voice: options.voice,
    },
  };
  session.max_output_tokens = options.maxResponseOutputTokens;
  session.tool_choice = toWireToolChoice(options.toolChoice);
  session.tracing = options.tracing;
  return { type: 'session.update', event_id: ids.next('session_update_'), session };
}

/** (b) Instructions only: `instructions_update_…`. */
export function instructionsSessionUpdate(ids: IdSource, instructions: string): SessionUpdateEvent {
  return {
    type: 'session.update',
    event_id: ids.next('instructions_update_'),
    session: { type: 'realtime', instructions },
  };
}

/** (c) Tools, with the model, always sent even when empty: `tools_update_…`. */
export function toolsSessionUpdate(
  ids: IdSource,
  model: string,
  tools: readonly FunctionToolDefinition[],
): SessionUpdateEvent {
  return {
    type: 'session.update',
    event_id: ids.next('tools_update_'),
    session: { type: 'realtime', model, tools: tools.map((t) => ({ ...t })) },
  };
}

/** The options `updateOptions` takes; a key given as `null` counts as given (§5.14). */
export interface UpdateOptionsInput {
  toolChoice?: ToolChoiceOption | null;
  voice?: string | null;
  turnDetection?: SessionOptions['turnDetection'];
  maxResponseOutputTokens?: number | 'inf';
  inputAudioTranscription?: SessionOptions['inputAudioTranscription'];
  inputAudioNoiseReduction?: SessionOptions['inputAudioNoiseReduction'] | 'near_field' | 'far_field';
  speed?: number;
  tracing?: SessionOptions['tracing'];
}

/**
 * (d) Only the given options: `options_update_…`. `tool_choice`, `max_output_tokens` and
 * `tracing` at the top; audio options under `audio.input` / `audio.output`, both present
 * whenever one is. Returns undefined when nothing was given (nothing is sent).
 */
export function optionsSessionUpdate(ids: IdSource, given: UpdateOptionsInput): SessionUpdateEvent | undefined {
  const session: SessionConfig = { type: 'realtime' };
  const input: AudioInputConfig = {};
  const output: AudioOutputConfig = {};
  let any = false;
  let audio = false;
  if (given.toolChoice !== undefined) {
    session.tool_choice = toWireToolChoice(given.toolChoice);
    any = true;
  }
  if (given.voice !== undefined) {
    output.voice = given.voice;
    any = audio = true;
  }
  if (given.turnDetection !== undefined) {
    input.turn_detection = given.turnDetection === null ? null : { ...given.turnDetection };
    any = audio = true;
  }
  if (given.maxResponseOutputTokens !== undefined) {
    session.max_output_tokens = given.maxResponseOutputTokens;
    any = true;
  }
  if (given.inputAudioTranscription !== undefined) {
    input.transcription = given.inputAudioTranscription === null ? null : { ...given.inputAudioTranscription };
    any = audio = true;
  }
  if (given.inputAudioNoiseReduction !== undefined) {
    input.noise_reduction = toNoiseReduction(given.inputAudioNoiseReduction);
    any = audio = true;
  }
  if (given.speed !== undefined) {
    output.speed = given.speed;
    any = audio = true;
  }
  if (given.tracing !== undefined) {
    session.tracing = given.tracing;
    any = true;
  }
  if (!any) return undefined;
  if (audio) session.audio = { input, output };
  return { type: 'session.update', event_id: ids.next('options_update_'), session };
}
