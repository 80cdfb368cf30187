import { describe, expect, it } from 'vitest';
import { CLIENT_EXAMPLES } from '../protocol/fixtures/client-examples.js';
import { createIdSource, createSequentialIdSource } from '../../src/protocol/index.js';
import { createRandom } from '../../src/clock/index.js';
import { defaultSessionOptions } from '../../src/client/options.js';
import {
  fullSessionUpdate,
  instructionsSessionUpdate,
  optionsSessionUpdate,
  toolsSessionUpdate,
  toWireToolChoice,
} from '../../src/client/session-update.js';

const ids = () => createSequentialIdSource();
const full = (
  over: Partial<ReturnType<typeof defaultSessionOptions>> = {},
  instructions?: string,
  modalities: ('audio' | 'text')[] = ['audio'],
) =>
  fullSessionUpdate(ids(), {
    model: 'grok-4-1-fast-non-reasoning',
    modalities,
    options: { ...defaultSessionOptions(), ...over },
    instructions,
  });

describe('§2.1 session.update variants', () => {
  it('§2.1a the full update for the xAI reference defaults is exactly the documented JSON', () => {
    // The reference's §2.1a JSON, kept once in the protocol fixtures.
    expect(JSON.parse(JSON.stringify(full()))).toEqual({
      ...CLIENT_EXAMPLES['session.update'],
      event_id: 'session_update_000000000001',
    });
  });

  it('§1.5 outputAudioRate sets the output format rate only; input stays 24000 Hz', () => {
    const e = full({ outputAudioRate: 16000 });
    expect(e.session.audio?.output?.format).toEqual({ type: 'audio/pcm', rate: 16000 });
    expect(e.session.audio?.input?.format).toEqual({ type: 'audio/pcm', rate: 24000 });
  });

  it('§2.1a ids come from the seeded source as session_update_<12hex>', () => {
    const e = fullSessionUpdate(createIdSource(createRandom(7)), {
      model: 'm',
      modalities: ['audio'],
      options: defaultSessionOptions(),
      instructions: undefined,
    });
    expect(e.event_id).toMatch(/^session_update_[0-9a-f]{12}$/);
  });

  it('§2.1a instructions only once set, never tools; nulls for turn detection, voice and transcription', () => {
    const e = full({ turnDetection: null, voice: null, inputAudioTranscription: null }, 'Be brief.');
    expect(e.session.instructions).toBe('Be brief.');
    expect('tools' in e.session).toBe(false);
    expect(e.session.audio?.input?.turn_detection).toBeNull();
    expect(e.session.audio?.input?.transcription).toBeNull();
    expect(e.session.audio?.output?.voice).toBeNull();
    expect('instructions' in full().session).toBe(false);
  });

  it('§2.1a output_modalities is ["text"] when the model has no audio output, never both', () => {
    expect(full({}, undefined, ['text']).session.output_modalities).toEqual(['text']);
    expect(full({}, undefined, ['audio', 'text']).session.output_modalities).toEqual(['audio']);
  });

  it('§2.1a tool_choice: strings pass, the nested function form flattens, null is "auto"', () => {
    expect(toWireToolChoice('required')).toBe('required');
    expect(toWireToolChoice(null)).toBe('auto');
    expect(toWireToolChoice({ type: 'function', function: { name: 'f' } })).toEqual({ type: 'function', name: 'f' });
    expect(toWireToolChoice({ type: 'function', name: 'g' })).toEqual({ type: 'function', name: 'g' });
    expect(full({ toolChoice: { type: 'function', function: { name: 'f' } } }).session.tool_choice).toEqual({
      type: 'function',
      name: 'f',
    });
  });

  it('§2.1b the instructions update holds nothing else', () => {
    expect(instructionsSessionUpdate(ids(), 'Hi')).toEqual({
      type: 'session.update',
      event_id: 'instructions_update_000000000001',
      session: { type: 'realtime', instructions: 'Hi' },
    });
  });

  it('§2.1c the tools update carries the model and the tools, even an empty list', () => {
    const tool = { type: 'function' as const, name: 'f', description: '', parameters: { type: 'object' } };
    expect(toolsSessionUpdate(ids(), 'm', [tool])).toEqual({
      type: 'session.update',
      event_id: 'tools_update_000000000001',
      session: { type: 'realtime', model: 'm', tools: [tool] },
    });
    expect(toolsSessionUpdate(ids(), 'm', []).session.tools).toEqual([]);
  });

  it('§2.1d voice only: both audio.input and audio.output are present', () => {
    expect(optionsSessionUpdate(ids(), { voice: 'eve' })).toEqual({
      type: 'session.update',
      event_id: 'options_update_000000000001',
      session: { type: 'realtime', audio: { input: {}, output: { voice: 'eve' } } },
    });
  });

  it('§2.1d tool_choice, max_output_tokens and tracing go at the top; nothing given, nothing built', () => {
    expect(optionsSessionUpdate(ids(), { toolChoice: 'none' })?.session).toEqual({
      type: 'realtime',
      tool_choice: 'none',
    });
    expect(optionsSessionUpdate(ids(), { maxResponseOutputTokens: 200, tracing: 'auto' })?.session).toEqual({
      type: 'realtime',
      max_output_tokens: 200,
      tracing: 'auto',
    });
    expect(optionsSessionUpdate(ids(), {})).toBeUndefined();
  });

  it('§2.1d each audio option lands in its place; a null counts as given; noise-reduction names are wrapped', () => {
    expect(
      optionsSessionUpdate(ids(), {
        speed: 1.2,
        turnDetection: null,
        inputAudioTranscription: { model: 'grok-transcribe' },
        inputAudioNoiseReduction: 'far_field',
        toolChoice: null,
      })?.session,
    ).toEqual({
      type: 'realtime',
      tool_choice: 'auto',
      audio: {
        input: {
          turn_detection: null,
          transcription: { model: 'grok-transcribe' },
          noise_reduction: { type: 'far_field' },
        },
        output: { speed: 1.2 },
      },
    });
  });
});
