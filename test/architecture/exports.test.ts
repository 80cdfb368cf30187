/**
 * Issue 10: the package's entries export what docs/api.md documents and nothing more. An
 * accidental export (an internal helper reached through a barrel) changes a list below and
 * fails here; add it on purpose, with its line in docs/api.md, or take it out.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ENTRIES } from './entries.js';

const ROOT = path.resolve(import.meta.dirname, '../..');

/** The run-time names each entry exports (types leave no trace at run time; api.test.ts sees them). */
const EXPECTED: Record<string, string[]> = {
  '.': [
    'APIConnectionError',
    'APIError',
    'ChatContext',
    'ChatMessage',
    'ClientErrorCode',
    'DEFAULT_CONN_OPTIONS',
    'DEFAULT_FATAL_ERROR_CODES',
    'DEFAULT_IDLE_TIMEOUT_MS',
    'DEFAULT_ID_SEED',
    'FunctionCall',
    'FunctionCallOutput',
    'GENERATE_REPLY_TIMEOUT_MS',
    'REALTIME_SESSION_EVENTS',
    'REFERENCE_LABEL',
    'RealClock',
    'RealtimeError',
    'RealtimeModel',
    'RealtimeSession',
    'RtSimError',
    'SAY_TIMEOUT_MS',
    'SUPPORTED_INPUT_RATES',
    'ScenarioError',
    'Simulator',
    'TypedEmitter',
    'UPDATE_CHAT_CTX_TIMEOUT_MS',
    'USER_AGENT',
    'VirtualClock',
    'consoleLogger',
    'createAudioFrame',
    'createClockedLoopbackLink',
    'createMemoryLink',
    'createRandom',
    'createSimulator',
    'globalWebSocketFactory',
    'isRtSimError',
    'loadScenario',
    'parseScenario',
    'processBaseUrl',
    'runScenario',
    'runSuite',
    'serializeObservation',
    'serveScenario',
    'serveSimulator',
    'silentLogger',
    'startWsServer',
    'webSocketClassFactory',
    'wsSocketFactory',
  ],
  './client': [
    'APIConnectionError',
    'APIError',
    'ChatContext',
    'ChatMessage',
    'ClientErrorCode',
    'DEFAULT_CONN_OPTIONS',
    'DEFAULT_FATAL_ERROR_CODES',
    'DEFAULT_IDLE_TIMEOUT_MS',
    'DEFAULT_ID_SEED',
    'FunctionCall',
    'FunctionCallOutput',
    'GENERATE_REPLY_TIMEOUT_MS',
    'REALTIME_SESSION_EVENTS',
    'REFERENCE_LABEL',
    'RealtimeError',
    'RealtimeModel',
    'RealtimeSession',
    'SAY_TIMEOUT_MS',
    'SUPPORTED_INPUT_RATES',
    'TypedEmitter',
    'UPDATE_CHAT_CTX_TIMEOUT_MS',
    'USER_AGENT',
    'consoleLogger',
    'createAudioFrame',
    'processBaseUrl',
    'silentLogger',
    'webSocketClassFactory',
  ],
  './simulator': [
    'ACTION_NAMES',
    'INITIAL_STATE',
    'REPLAY_DEFAULTS',
    'SERVER_DEFAULTS',
    'Simulator',
    'TIME_FIELDS',
    'WIRE_FAULT_NAMES',
    'createSimulator',
    'decodeWav',
    'encodeWav',
    'formatConfigIssues',
    'formatDifference',
    'formatReplayIssue',
    'parseReplayFile',
    'serveSimulator',
    'silenceSamples',
    'toneSamples',
    'validateSimulatorConfig',
  ],
  './msw': ['createClientSecretsHandler', 'createXaiHandler'],
  './protocol': [
    'BYTES_PER_SAMPLE',
    'CANCEL_FAILED_MESSAGE',
    'CHUNK_BYTES',
    'CHUNK_MS',
    'CHUNK_SAMPLES',
    'CLIENT_EVENT_TYPES',
    'CONTENT_PART_TYPES',
    'DEFAULT_TRANSCRIPTION',
    'G711_RATE',
    'ITEM_TYPES',
    'NUM_CHANNELS',
    'PROTOCOL_ERROR_CODES',
    'RtSimError',
    'SAMPLE_RATE',
    'SERVER_EVENT_TYPES',
    'SUPPORTED_PCM_RATES',
    'XAI_BASE_URL',
    'XAI_DEFAULT_MODEL',
    'XAI_DEFAULT_TURN_DETECTION',
    'XAI_DEFAULT_VOICE',
    'XAI_SERVER_VAD_DEFAULTS',
    'XAI_SERVER_VAD_LIMITS',
    'XAI_VOICES',
    'isClientEventType',
    'isRtSimError',
    'isServerEventType',
    'parseClientEvent',
    'parseServerEvent',
    'validateClientEvent',
    'validateServerEvent',
  ],
  './clock': ['RealClock', 'VirtualClock', 'createRandom'],
  './control': ['createControlClient'],
  './vitest': ['FakeServer', 'RtSimKit', 'goldenName', 'rtsimFixture', 'rtsimMatchers', 'startFakeServer', 'test'],
  // Registers the matchers; exports nothing.
  './vitest/setup': [],
};

describe('the package entries', () => {
  it('are exactly the entries of package.json exports', () => {
    const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
      exports: Record<string, unknown>;
    };
    expect(Object.keys(ENTRIES).sort()).toEqual(Object.keys(pkg.exports).sort());
    expect(Object.keys(EXPECTED).sort()).toEqual(Object.keys(pkg.exports).sort());
  });

  it('have typesVersions for every subpath, so TypeScript with moduleResolution node10 finds their types', () => {
    const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
      exports: Record<string, { types: string }>;
      typesVersions: Record<string, Record<string, string[]>>;
    };
    const expected = Object.fromEntries(
      Object.entries(pkg.exports)
        .filter(([s]) => s !== '.')
        .map(([s, t]) => [s.slice(2), [t.types.slice(2)]]),
    );
    expect(pkg.typesVersions['*']).toEqual(expected);
  });

  it('are what tsconfig.json paths map rt-sim/... to, so that examples/ type-check against the sources', () => {
    const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
      exports: Record<string, { import: string }>;
    };
    const tsconfig = readFileSync(path.join(ROOT, 'tsconfig.json'), 'utf8');
    for (const [subpath, target] of Object.entries(pkg.exports)) {
      const source = target.import.replace(/^\.\/dist\//, './src/').replace(/\.js$/, '.ts');
      expect(tsconfig, subpath).toContain(`"rt-sim${subpath.slice(1)}": ["${source}"]`);
    }
  });

  for (const [entry, names] of Object.entries(EXPECTED)) {
    it(`${entry} exports exactly its listed names`, () => {
      expect(Object.keys(ENTRIES[entry]!).sort()).toEqual(names);
    });
  }

  it('rt-sim/client exports the client, not the option checks, wire conversion or audio pipeline behind it', () => {
    const client = ENTRIES['./client']!;
    for (const name of ['RealtimeModel', 'RealtimeSession', 'ChatContext', 'createAudioFrame'])
      expect(typeof client[name], name).not.toBe('undefined');
    for (const name of ['validateClientOptions', 'CLIENT_DATA_KEYS', 'toWireItem', 'RemoteChatContext', 'ByteChunker'])
      expect(client[name], name).toBeUndefined();
  });

  it('rt-sim/protocol exports the catalogue, not the helpers behind it', () => {
    const protocol = ENTRIES['./protocol']!;
    for (const name of [
      'parseClientEvent',
      'parseServerEvent',
      'validateClientEvent',
      'validateServerEvent',
      'CLIENT_EVENT_TYPES',
      'SERVER_EVENT_TYPES',
    ]) {
      expect(typeof protocol[name], name).not.toBe('undefined');
    }
    for (const name of ['createIdSource', 'createNormaliser', 'encodePcm16', 'readPath', 'deepEqual', 'looksLikeId'])
      expect(protocol[name], name).toBeUndefined();
  });
});
