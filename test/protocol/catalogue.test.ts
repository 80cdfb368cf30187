import { describe, expect, it } from 'vitest';
import {
  CLIENT_EVENT_TYPES,
  SERVER_EVENT_TYPES,
  isClientEventType,
  isServerEventType,
  type ClientEventType,
  type ServerEventType,
} from '../../src/protocol/index.js';

// Typed literals: leaving out a member of the union (or adding a stranger) fails to compile.
const SERVER_MEMBERS: Record<ServerEventType, true> = {
  error: true,
  'session.created': true,
  'session.updated': true,
  'conversation.created': true,
  'conversation.item.added': true,
  'conversation.item.created': true,
  'conversation.item.done': true,
  'conversation.item.deleted': true,
  'conversation.item.truncated': true,
  'conversation.item.input_audio_transcription.delta': true,
  'conversation.item.input_audio_transcription.completed': true,
  'conversation.item.input_audio_transcription.failed': true,
  'conversation.item.input_audio_transcription.updated': true,
  'input_audio_buffer.speech_started': true,
  'input_audio_buffer.speech_stopped': true,
  'input_audio_buffer.committed': true,
  'input_audio_buffer.cleared': true,
  'input_audio_buffer.timeout_triggered': true,
  'response.created': true,
  'response.output_item.added': true,
  'response.output_item.done': true,
  'response.content_part.added': true,
  'response.content_part.done': true,
  'response.output_text.delta': true,
  'response.output_text.done': true,
  'response.text.delta': true,
  'response.text.done': true,
  'response.output_audio_transcript.delta': true,
  'response.output_audio_transcript.done': true,
  'response.audio_transcript.delta': true,
  'response.audio_transcript.done': true,
  'response.output_audio.delta': true,
  'response.output_audio.done': true,
  'response.audio.delta': true,
  'response.audio.done': true,
  'response.function_call_arguments.delta': true,
  'response.function_call_arguments.done': true,
  'response.done': true,
  'rate_limits.updated': true,
  ping: true,
};

const CLIENT_MEMBERS: Record<ClientEventType, true> = {
  'session.update': true,
  'input_audio_buffer.append': true,
  'input_audio_buffer.commit': true,
  'input_audio_buffer.clear': true,
  'conversation.item.create': true,
  'conversation.item.delete': true,
  'conversation.item.truncate': true,
  'conversation.item.retrieve': true,
  'response.create': true,
  'response.cancel': true,
  'output_audio_buffer.clear': true,
};

describe('event catalogue', () => {
  it('§3 SERVER_EVENT_TYPES lists every member of ServerEventType exactly once', () => {
    expect([...SERVER_EVENT_TYPES].sort()).toEqual(Object.keys(SERVER_MEMBERS).sort());
    expect(new Set(SERVER_EVENT_TYPES).size).toBe(SERVER_EVENT_TYPES.length);
  });

  it('§2 CLIENT_EVENT_TYPES lists every member of ClientEventType exactly once', () => {
    expect([...CLIENT_EVENT_TYPES].sort()).toEqual(Object.keys(CLIENT_MEMBERS).sort());
    expect(new Set(CLIENT_EVENT_TYPES).size).toBe(CLIENT_EVENT_TYPES.length);
  });

  it('§1.9 the catalogue includes the xAI additions and the beta aliases', () => {
    for (const type of [
      'conversation.created',
      'ping',
      'conversation.item.input_audio_transcription.updated',
      'input_audio_buffer.timeout_triggered',
      'conversation.item.created',
      'response.text.delta',
      'response.audio.delta',
      'response.audio_transcript.delta',
    ]) {
      expect(isServerEventType(type)).toBe(true);
    }
  });

  it('the type guards tell the two directions apart and reject strangers', () => {
    expect(isServerEventType('response.done')).toBe(true);
    expect(isServerEventType('response.create')).toBe(false);
    expect(isClientEventType('response.create')).toBe(true);
    expect(isClientEventType('response.done')).toBe(false);
    expect(isServerEventType('mcp_list_tools.in_progress')).toBe(false);
    expect(isServerEventType('toString')).toBe(false);
  });
});
