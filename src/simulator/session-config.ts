/**
 * A session's effective configuration: defaults, how a `session.update` is checked and
 * merged (the whole update is refused when one value is out of range, as the service does),
 * and the `session` object echoed in `session.created` / `session.updated`.
 */
import type {
  AudioFormat,
  InputAudioTranscription,
  Modality,
  NoiseReduction,
  ServerVadTurnDetection,
  SessionConfig,
  ToolChoice,
  ToolDefinition,
} from '../protocol/index.js';
import { G711_RATE, SUPPORTED_PCM_RATES, XAI_SERVER_VAD_LIMITS, XAI_VOICES } from '../protocol/index.js';
import { DEFAULT_AUDIO_FORMAT } from './audio-format.js';
import { SERVER_DEFAULTS } from './config.js';
import type { RequestError } from './request-error.js';
import type { SessionExtras } from './session-extras.js';
import { applyExtras, echoExtras } from './session-extras.js';
import { requestError } from './request-error.js';

/** The effective configuration of one session. */
export interface SessionState {
  model: string;
  instructions: string | null;
  outputModalities: Modality[];
  voice: string | null;
  turnDetection: ServerVadTurnDetection | null;
  inputFormat: AudioFormat;
  outputFormat: AudioFormat;
  transcription: InputAudioTranscription | null;
  noiseReduction: NoiseReduction | null;
  speed: number;
  tools: ToolDefinition[];
  toolChoice: ToolChoice;
  maxOutputTokens: number | 'inf';
  resumption: boolean;
  /** xAI 2026 fields: reasoning, replace, audio transports. */
  extras: SessionExtras;
}

/** xAI's server default turn detection (reference §1.6). */
export function defaultTurnDetection(): ServerVadTurnDetection {
  return {
    type: 'server_vad',
    threshold: SERVER_DEFAULTS.threshold,
    prefix_padding_ms: SERVER_DEFAULTS.prefixPaddingMs,
    silence_duration_ms: SERVER_DEFAULTS.silenceDurationMs,
    create_response: true,
    interrupt_response: true,
  };
}

/** The configuration a new session starts with; `turnDetection: 'off'` starts with manual turns (xAI 2026). */
export function initialSessionState(model: string, turnDetection: 'server_vad' | 'off' = 'server_vad'): SessionState {
  return {
    model,
    instructions: null,
    outputModalities: ['audio'],
    voice: SERVER_DEFAULTS.voice,
    turnDetection: turnDetection === 'off' ? null : defaultTurnDetection(),
    inputFormat: DEFAULT_AUDIO_FORMAT,
    outputFormat: DEFAULT_AUDIO_FORMAT,
    transcription: {},
    noiseReduction: null,
    speed: 1,
    tools: [],
    toolChoice: 'auto',
    maxOutputTokens: 'inf',
    resumption: false,
    extras: {},
  };
}

const SPEED_RANGE: readonly [number, number] = [0.7, 1.5];

function invalid(param: string, message: string): RequestError {
  return requestError('invalid_value', `Invalid value for '${param}': ${message}`, param);
}

function checkVoice(
  voice: string | null | undefined,
  param: string,
  extraVoices: readonly string[],
): RequestError | undefined {
  if (voice === undefined || voice === null) return undefined;
  const known = [...XAI_VOICES, ...extraVoices.map((v) => v.toLowerCase())];
  if (known.includes(voice.toLowerCase())) return undefined;
  return invalid(
    param,
    `'${voice}' is not a supported voice. Supported values are: ${known.map((v) => `'${v}'`).join(', ')}.`,
  );
}

function checkFormat(format: AudioFormat | undefined, param: string): RequestError | undefined {
  if (format === undefined) return undefined;
  if (format.type === 'audio/pcm') {
    if (!(SUPPORTED_PCM_RATES as readonly number[]).includes(format.rate)) {
      return invalid(
        `${param}.rate`,
        `audio/pcm rate ${format.rate} is not supported. Supported rates are: ${SUPPORTED_PCM_RATES.join(', ')}.`,
      );
    }
    return undefined;
  }
  if (format.rate !== undefined && format.rate !== G711_RATE) {
    return invalid(`${param}.rate`, `${format.type} is only available at ${G711_RATE} Hz, got ${format.rate}.`);
  }
  return undefined;
}

function checkRange(
  value: number | undefined,
  range: readonly [number, number],
  param: string,
): RequestError | undefined {
  if (value === undefined) return undefined;
  if (value < range[0] || value > range[1])
    return invalid(param, `expected a number between ${range[0]} and ${range[1]}, got ${value}.`);
  return undefined;
}

function checkTurnDetection(td: ServerVadTurnDetection | null | undefined, param: string): RequestError | undefined {
  if (td === undefined || td === null) return undefined;
  return (
    checkRange(td.threshold, XAI_SERVER_VAD_LIMITS.threshold, `${param}.threshold`) ??
    checkRange(td.prefix_padding_ms, XAI_SERVER_VAD_LIMITS.prefix_padding_ms, `${param}.prefix_padding_ms`) ??
    checkRange(td.silence_duration_ms, XAI_SERVER_VAD_LIMITS.silence_duration_ms, `${param}.silence_duration_ms`) ??
    (td.idle_timeout_ms !== undefined && td.idle_timeout_ms !== null && td.idle_timeout_ms < 0
      ? invalid(`${param}.idle_timeout_ms`, `expected a non-negative number, got ${td.idle_timeout_ms}.`)
      : undefined)
  );
}

function checkUpdate(update: SessionConfig, extraVoices: readonly string[]): RequestError | undefined {
  const input = update.audio?.input;
  const output = update.audio?.output;
  const modalities = update.output_modalities ?? update.modalities;
  if (modalities !== undefined && modalities.length === 0) {
    return invalid('session.output_modalities', 'expected ["audio"], ["text"] or both, got an empty list.');
  }
  if (
    typeof update.max_output_tokens === 'number' &&
    (!Number.isInteger(update.max_output_tokens) || update.max_output_tokens < 1)
  ) {
    return invalid(
      'session.max_output_tokens',
      `expected a positive integer or "inf", got ${update.max_output_tokens}.`,
    );
  }
  const names = new Set<string>();
  for (const [i, tool] of (update.tools ?? []).entries()) {
    if (tool.type !== 'function') continue;
    if (tool.name === '') return invalid(`session.tools[${i}].name`, 'expected a non-empty function name.');
    if (names.has(tool.name)) return invalid(`session.tools[${i}].name`, `function '${tool.name}' is declared twice.`);
    names.add(tool.name);
  }
  return (
    checkVoice(update.voice, 'session.voice', extraVoices) ??
    checkVoice(output?.voice, 'session.audio.output.voice', extraVoices) ??
    checkFormat(input?.format, 'session.audio.input.format') ??
    checkFormat(output?.format, 'session.audio.output.format') ??
    checkTurnDetection(input?.turn_detection, 'session.audio.input.turn_detection') ??
    checkTurnDetection(update.turn_detection, 'session.turn_detection') ??
    checkRange(output?.speed, SPEED_RANGE, 'session.audio.output.speed')
  );
}

function withDefaults(td: ServerVadTurnDetection | null): ServerVadTurnDetection | null {
  return td === null ? null : { ...defaultTurnDetection(), ...td };
}

/**
 * Checks a `session.update` and merges it over `state`. Both placements of voice and turn
 * detection are read (reference §1.7); xAI's top level wins when both are given. The model
 * never changes (xAI keeps the one of the URL).
 */
export function applySessionUpdate(
  state: SessionState,
  update: SessionConfig,
  extraVoices: readonly string[],
): { ok: true; state: SessionState } | { ok: false; error: RequestError } {
  const error = checkUpdate(update, extraVoices);
  if (error) return { ok: false, error };
  const next: SessionState = { ...state };
  const input = update.audio?.input;
  const output = update.audio?.output;
  if (update.instructions !== undefined) next.instructions = update.instructions;
  const modalities = update.output_modalities ?? update.modalities;
  if (modalities !== undefined) next.outputModalities = [...new Set(modalities)];
  if (output?.voice !== undefined) next.voice = output.voice;
  if (update.voice !== undefined) next.voice = update.voice;
  if (input?.turn_detection !== undefined) next.turnDetection = withDefaults(input.turn_detection);
  if (update.turn_detection !== undefined) next.turnDetection = withDefaults(update.turn_detection);
  if (input?.format !== undefined) next.inputFormat = input.format;
  if (output?.format !== undefined) next.outputFormat = output.format;
  if (input?.transcription !== undefined) next.transcription = input.transcription;
  if (input?.noise_reduction !== undefined) next.noiseReduction = input.noise_reduction;
  if (output?.speed !== undefined) next.speed = output.speed;
  if (update.tools !== undefined) next.tools = update.tools;
  if (update.tool_choice !== undefined) next.toolChoice = update.tool_choice;
  if (update.max_output_tokens !== undefined) next.maxOutputTokens = update.max_output_tokens ?? 'inf';
  if (update.resumption?.enabled !== undefined) next.resumption = update.resumption.enabled;
  next.extras = applyExtras(state.extras, update);
  return { ok: true, state: next };
}

/** The `session` object of `session.created` / `session.updated`, in both placements. */
export function sessionEcho(state: SessionState, id: string): SessionConfig {
  return echoExtras(
    {
      type: 'realtime',
      object: 'realtime.session',
      id,
      model: state.model,
      instructions: state.instructions,
      output_modalities: [...state.outputModalities],
      voice: state.voice,
      turn_detection: state.turnDetection,
      tools: state.tools,
      tool_choice: state.toolChoice,
      max_output_tokens: state.maxOutputTokens,
      audio: {
        input: {
          format: state.inputFormat,
          transcription: state.transcription,
          noise_reduction: state.noiseReduction,
          turn_detection: state.turnDetection,
        },
        output: { format: state.outputFormat, voice: state.voice, speed: state.speed },
      },
      resumption: { enabled: state.resumption },
    },
    state.extras,
  );
}
