/**
 * A table of user mistakes at the command line, scenario files and flags: each one must exit 2
 * with a message that names the file (and line, where there is one) or the flag, and never
 * print a stack trace. `validate` and `run` are one code path, so every bad file is tried
 * with both.
 */
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';

/** Runs the CLI in-process in `cwd` and collects what it prints. */
async function cli(args: string[], cwd: string): Promise<{ code: number; text: string }> {
  let text = '';
  const code = await main(args, { stdout: (s) => (text += s), stderr: (s) => (text += s), cwd, env: {} });
  return { code, text };
}

/** What a stack trace looks like: `    at fn (file:line:col)` lines, or the internal-error banner. */
function expectNoStack(text: string): void {
  expect(text).not.toMatch(/^\s+at .+/m);
  expect(text).not.toContain('internal error');
  expect(text).not.toMatch(/^\w*Error: /m);
}

const steps = 'steps:\n  - { sleep: 1 }\n';
const withSteps = (lines: string): string => `name: case\nsteps:\n${lines}\n`;
/** A chain of aliases that doubles nine times: 10^9 nodes when expanded. */
const BILLION_LAUGHS = [
  'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
  ...'bcdefghi'.split('').map((c, i) => `${c}: &${c} [${Array(9).fill(`*${'abcdefghi'[i]}`).join(',')}]`),
  'name: case',
  steps,
].join('\n');

/** Bad scenario files: title, text, and the line the message must name (0: the file only). */
const FILES: [string, string, number][] = [
  ['text that is not YAML', 'name: case\nsteps: [ { sleep: 1 }\n', 3],
  ['a tab in the indentation', 'name: case\nsteps:\n\t- { sleep: 1 }\n', 3],
  ['a duplicated key', `name: case\nname: again\n${steps}`, 2],
  ['a YAML alias bomb (billion laughs)', BILLION_LAUGHS, 0],
  ['an alias to an anchor that does not exist', `name: case\ndescription: *nope\n${steps}`, 2],
  ['an empty file', '', 0],
  ['a bare number', '42\n', 1],
  ['a list instead of a mapping', '- name: case\n', 1],
  ['two YAML documents', `name: case\n${steps}---\nname: other\n`, 0],
  ['bytes that are not text', '\u0000\u0001\u0002name: case\n', 0],
  ['a 10,000-character name', `name: ${'a'.repeat(10_000)}\n${steps}`, 1],
  ['a name in capitals', `name: Case\n${steps}`, 1],
  ['an inputAudio expectation with nothing to check', `name: case\n${steps}expect:\n  - { inputAudio: {} }\n`, 5],
  ['an inputAudio level above 0 dBFS', `name: case\n${steps}expect:\n  - { inputAudio: { dbfs: 3 } }\n`, 5],
  ['no name', steps, 1],
  ['no steps', 'name: case\n', 1],
  ['an empty list of steps', 'name: case\nsteps: []\n', 2],
  ['an unknown top-level key', `name: case\nstpes: []\n${steps}`, 2],
  ['a negative seed', `name: case\nseed: -1\n${steps}`, 2],
  ['a fractional seed', `name: case\nseed: 1.5\n${steps}`, 2],
  ['a seed above 2^32', `name: case\nseed: 1099511627776\n${steps}`, 2],
  ['timeoutMs 0', `name: case\ntimeoutMs: 0\n${steps}`, 2],
  ['timeoutMs 1e13', `name: case\ntimeoutMs: 1e13\n${steps}`, 2],
  ['golden: "yes"', `name: case\ngolden: "yes"\n${steps}`, 2],
  ['an API key in the client block', `name: case\nclient: { apiKey: xai-123 }\n${steps}`, 2],
  ['an unknown client key', `name: case\nclient: { voise: ara }\n${steps}`, 2],
  ['an unknown server key', `name: case\nserver: { replise: [] }\n${steps}`, 2],
  ['a script that is not a list', `name: case\nscript: 3\n${steps}`, 2],
  ['silenceMs 1e13', withSteps('  - { call: pushAudio, args: { silenceMs: 1e13 } }'), 3],
  ['a negative silenceMs', withSteps('  - { call: pushAudio, args: { silenceMs: -5 } }'), 3],
  ['silenceMs .nan', withSteps('  - { call: pushAudio, args: { silenceMs: .nan } }'), 3],
  ['silenceMs .inf', withSteps('  - { call: pushAudio, args: { silenceMs: .inf } }'), 3],
  ['a tone of 1e9 Hz', withSteps('  - { call: pushAudio, args: { tone: { hz: 1e9, ms: 100 } } }'), 3],
  ['a tone of 1e13 ms', withSteps('  - { call: pushAudio, args: { tone: { hz: 440, ms: 1e13 } } }'), 3],
  ['a tone level of 2', withSteps('  - { call: pushAudio, args: { tone: { hz: 440, ms: 100, level: 2 } } }'), 3],
  ['frameMs 0', withSteps('  - { call: pushAudio, args: { silenceMs: 100, frameMs: 0 } }'), 3],
  ['a sample rate of 1', withSteps('  - { call: pushAudio, args: { silenceMs: 100, sampleRate: 1 } }'), 3],
  ['a pushed WAV that does not exist', withSteps('  - { call: pushAudio, args: { wav: missing.wav } }'), 3],
  ['a pushed WAV that is not a WAV', withSteps('  - { call: pushAudio, args: { wav: junk.wav } }'), 3],
  [
    'a reply WAV that does not exist',
    `name: case\nserver:\n  replies:\n    - audio: { wav: missing.wav }\n` +
      `steps:\n  - call: generateReply\n  - wait: idle\n`,
    4,
  ],
  [
    'a reply WAV that is not a WAV',
    `name: case\nserver:\n  replies:\n    - audio: { wav: junk.wav }\n` +
      `steps:\n  - call: generateReply\n  - wait: idle\n`,
    4,
  ],
  [
    'a script replay file that does not exist',
    `name: case\nscript:\n` +
      `  - { when: { event: response.create }, do: [ { replay: { file: missing.jsonl } } ] }\n${steps}`,
    3,
  ],
  [
    'a replayed transcript that does not exist',
    `name: case\nserver:\n  transcript: { file: missing.rtsim.jsonl }\n${steps}`,
    3,
  ],
  ['sleep 1e13', withSteps('  - { sleep: 1e13 }'), 3],
  ['a negative sleep', withSteps('  - { sleep: -1 }'), 3],
  ['a wait for an unknown event', withSteps('  - { wait: idel }'), 3],
  ['a wait count of 0', withSteps('  - { wait: { event: idle, count: 0 } }'), 3],
  ['an unknown call', withSteps('  - { call: generateReplay }'), 3],
  ['say without text', withSteps('  - { call: say, args: { text: "" } }'), 3],
  ['a step with both call and wait', withSteps('  - { call: interrupt, wait: idle }'), 3],
  ['truncate at 1e13 ms', withSteps('  - { call: truncate, args: { audioEndMs: 1e13 } }'), 3],
  [
    'a chat item with an unknown role',
    withSteps('  - { call: updateChatCtx, args: { items: [ { role: robot, text: hi } ] } }'),
    3,
  ],
  ['a tool name with spaces', `name: case\ntools:\n  - { name: "get weather" }\n${steps}`, 3],
  ['an expectation of an unknown kind', `name: case\n${steps}expect:\n  - { evnt: idle }\n`, 5],
  ['an expectation count of -1', `name: case\n${steps}expect:\n  - { event: idle, count: -1 }\n`, 5],
  [
    'a regex that does not compile',
    `name: case\nscript:\n` +
      `  - { when: { event: response.create, match: { "response.instructions": { regex: "(" } } }, do: [] }\n${steps}`,
    3,
  ],
  [
    'a regex with nested quantifiers, ^(a+)+$',
    `name: case\nscript:\n  - { when: { event: response.create, match: { "response.instructions": { regex: ` +
      `"^(a+)+$" } } }, do: [] }\n${steps}`,
    3,
  ],
  [
    'a regex with a quantified alternation, (a|aa)*',
    `name: case\nscript:\n  - { when: { event: response.create, match: { "response.instructions": { regex: ` +
      `"(a|aa)*b" } } }, do: [] }\n${steps}`,
    3,
  ],
  // Numbers beyond the bounds the schema documents (issue 11): every one is a clear error.
  ['client speed 1e13', `name: case\nclient: { speed: 1e13 }\n${steps}`, 2],
  ['client maxSessionDuration 1e13', `name: case\nclient: { maxSessionDuration: 1e13 }\n${steps}`, 2],
  ['client connOptions.maxRetry 1e9', `name: case\nclient: { connOptions: { maxRetry: 1000000000 } }\n${steps}`, 2],
  [
    'client connOptions.retryIntervalMs 1e13',
    `name: case\nclient: { connOptions: { retryIntervalMs: 1e13 } }\n${steps}`,
    2,
  ],
  [
    'client turnDetection.idle_timeout_ms 1e13',
    `name: case\nclient: { turnDetection: { type: server_vad, idle_timeout_ms: 1e13 } }\n${steps}`,
    2,
  ],
  ['updateOptions speed 1e13', withSteps('  - { call: updateOptions, args: { speed: 1e13 } }'), 3],
  ['server latency of 1e13 ms', `name: case\nserver: { latency: { ms: 1e13 } }\n${steps}`, 2],
  ['a reply ttftMs of 1e13', `name: case\nserver:\n  reply: { ttftMs: 1e13 }\n${steps}`, 3],
  ['a reply tone of 1e13 ms', `name: case\nserver:\n  reply: { audio: { tone: { hz: 440, ms: 1e13 } } }\n${steps}`, 3],
  ['a reply usage of 1e13 tokens', `name: case\nserver:\n  reply: { usage: { total_tokens: 1e13 } }\n${steps}`, 3],
  ['a ping every 1e13 ms', `name: case\nserver: { ping: { everyMs: 1e13 } }\n${steps}`, 2],
  ['a VAD floor of -1e9 dB', `name: case\nserver: { vad: { floorDb: -1000000000 } }\n${steps}`, 2],
  ['a replay speed of 1e13', `name: case\nserver: { transcript: { file: x.rtsim.jsonl, speed: 1e13 } }\n${steps}`, 2],
  ['a script timer of 1e13 ms', `name: case\nscript:\n  - { when: { afterMs: 1e13 }, do: [] }\n${steps}`, 3],
  [
    'a script event count of 1e13',
    `name: case\nscript:\n  - { when: { event: response.create, count: 1e13 }, do: [] }\n${steps}`,
    3,
  ],
  [
    'a script delay of 1e13 ms',
    `name: case\nscript:\n  - when: { connect: true }\n    do: [ { delay: 1e13 } ]\n${steps}`,
    4,
  ],
  [
    'a frame duplicated 1e9 times',
    `name: case\nscript:\n  - when: { connect: true }\n` +
      `    do: [ { duplicate: { event: ping, times: 1000000000 } } ]\n${steps}`,
    4,
  ],
  [
    'a slicer of 1e9-byte slices',
    `name: case\nscript:\n  - when: { connect: true }\n    do: [ { slicer: { averageSize: 1000000000 } } ]\n${steps}`,
    4,
  ],
  [
    'a reply cut after 1e13 ms of audio',
    `name: case\nserver:\n  reply: { cancel: { afterAudioMs: 1e13 } }\n${steps}`,
    3,
  ],
];

/** Bad flags: title, arguments, and what the message must name. */
const FLAGS: [string, string[], RegExp][] = [
  ['no command at all', [], /Usage: rt-sim/],
  ['an unknown command', ['frobnicate'], /frobnicate/],
  ['an unknown flag of run', ['run', 'ok.yaml', '--colour'], /--colour/],
  ['run without paths', ['run'], /run: give scenario files/],
  ['run on a path that does not exist', ['run', 'nope.yaml'], /nope\.yaml/],
  ['run --reporter xml', ['run', 'ok.yaml', '--reporter', 'xml'], /--reporter/],
  ['run --seed -1', ['run', 'ok.yaml', '--seed', '-1'], /--seed/],
  ['run --seed abc', ['run', 'ok.yaml', '--seed', 'abc'], /--seed/],
  ['run --seed 1e20', ['run', 'ok.yaml', '--seed', '100000000000000000000'], /--seed/],
  ['run --repeat 0', ['run', 'ok.yaml', '--repeat', '0'], /--repeat/],
  ['run --workers 0', ['run', 'ok.yaml', '--workers', '0'], /--workers/],
  ['run --workers two', ['run', 'ok.yaml', '--workers', 'two'], /--workers/],
  ['run --workers 1.5', ['run', 'ok.yaml', '--workers', '1.5'], /--workers/],
  ['run --workers 257', ['run', 'ok.yaml', '--workers', '257'], /--workers <n>' argument '257' is invalid/],
  ['run --shard 5/4', ['run', 'ok.yaml', '--shard', '5/4'], /shard/],
  ['run --shard x', ['run', 'ok.yaml', '--shard', 'x'], /shard/],
  ['run --seeds 5..1', ['run', 'ok.yaml', '--seeds', '5..1'], /--seeds/],
  ['run --seeds with --seed', ['run', 'ok.yaml', '--seeds', '1..3', '--seed', '2'], /--seeds.*--seed/],
  ['run --bundled with a path', ['run', '--bundled', 'ok.yaml'], /--bundled/],
  ['run --transport carrier-pigeon', ['run', 'ok.yaml', '--transport', 'pigeon'], /--transport/],
  [
    'run --out into a folder that does not exist',
    ['run', 'ok.yaml', '--out', 'no/such/dir/report.json'],
    /--out.*no\/such\/dir/,
  ],
  ['run --out onto a folder', ['run', 'ok.yaml', '--out', 'sub'], /--out.*sub/],
  ['validate without paths', ['validate'], /paths/],
  ['validate on a path that does not exist', ['validate', 'nope.yaml'], /nope\.yaml/],
  ['serve a scenario that does not exist', ['serve', 'nope.yaml', '--duration', '1'], /nope\.yaml/],
  ['serve --port 70000', ['serve', 'ok.yaml', '--port', '70000'], /--port/],
  ['serve --duration 0', ['serve', 'ok.yaml', '--duration', '0'], /--duration/],
  [
    'serve --host on an unknown host',
    ['serve', 'ok.yaml', '--host', 'no-such-host.invalid', '--duration', '1'],
    /--host.*no-such-host\.invalid/,
  ],
  [
    'serve --verdict into a folder that does not exist',
    ['serve', 'ok.yaml', '--duration', '1', '--verdict', 'no/such/verdict.json'],
    /--verdict.*no\/such/,
  ],
  ['record without --upstream', ['record', '--out', 'x.rtsim.jsonl'], /--upstream/],
  [
    'record --upstream that is not a URL',
    ['record', '--upstream', 'not a url', '--out', 'x.rtsim.jsonl', '--duration', '1'],
    /upstream/,
  ],
  [
    'record --out into a folder that does not exist',
    ['record', '--upstream', 'ws://127.0.0.1:9/', '--out', 'no/such/x.rtsim.jsonl', '--duration', '1'],
    /--out.*no\/such/,
  ],
  [
    'record --port -1',
    ['record', '--upstream', 'ws://127.0.0.1:9/', '--out', 'x.rtsim.jsonl', '--port', '-1'],
    /--port/,
  ],
  ['compare two files that do not exist', ['compare', 'a.rtsim.jsonl', 'b.rtsim.jsonl'], /a\.rtsim\.jsonl/],
  [
    'compare --tolerance-ms -1',
    ['compare', 'a.rtsim.jsonl', 'b.rtsim.jsonl', '--tolerance-ms', '-1'],
    /--tolerance-ms/,
  ],
  ['fuzz --runs 0', ['fuzz', '--runs', '0'], /--runs/],
  ['fuzz --path abc', ['fuzz', '--path', 'abc'], /--path/],
  [
    'fuzz --path that does not replay under this seed',
    ['fuzz', '--seed', '1', '--path', '0:500:500'],
    /--path 0:500:500 does not replay with --seed 1/,
  ],
  ['fuzz --seed x', ['fuzz', '--seed', 'x'], /--seed/],
];

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'rtsim-bad-'));
  await mkdir(path.join(dir, 'sub'));
  await writeFile(path.join(dir, 'ok.yaml'), `name: ok\ngolden: false\n${steps}`);
  await writeFile(path.join(dir, 'junk.wav'), 'this is not a RIFF file');
});

describe('a bad scenario file', () => {
  for (const command of ['validate', 'run'] as const) {
    it.each(FILES)(
      `makes ${command} exit 2 naming the file and line, without a stack trace: %s`,
      async (_title, text, line) => {
        const file = path.join(dir, `case-${command}-${FILES.findIndex((f) => f[1] === text)}.yaml`);
        await writeFile(file, text);
        const { code, text: out } = await cli([command, path.basename(file)], dir);
        expectNoStack(out);
        expect(out).toContain(line > 0 ? `${path.basename(file)}:${line}:` : path.basename(file));
        expect(code).toBe(2);
      },
    );
  }
});

describe('a bad flag', () => {
  it.each(FLAGS)('exits 2 naming it, without a stack trace: %s', async (_title, args, named) => {
    const { code, text } = await cli(args, dir);
    expectNoStack(text);
    expect(text).toMatch(named);
    expect(code).toBe(2);
  });

  describe('serve on a port that is taken', () => {
    const busy = net.createServer();
    let port = 0;
    beforeAll(async () => {
      await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
      port = (busy.address() as net.AddressInfo).port;
    });
    afterAll(async () => new Promise<void>((resolve) => busy.close(() => resolve())));

    it('exits 2 naming --port, without a stack trace', async () => {
      const { code, text } = await cli(['serve', 'ok.yaml', '--port', String(port), '--duration', '1'], dir);
      expectNoStack(text);
      expect(text).toMatch(new RegExp(`--port ${port}`));
      expect(code).toBe(2);
    });
  });
});
