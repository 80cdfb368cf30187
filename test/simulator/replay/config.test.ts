import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VirtualClock, createRandom } from '../../../src/clock/index.js';
import { isRtSimError } from '../../../src/protocol/index.js';
import { createSimulator, validateServerConfig, validateSimulatorConfig } from '../../../src/simulator/internal.js';
import { conversationCreated, Recordings, s2c } from './recording.js';

let recordings: Recordings;
beforeAll(async () => {
  recordings = await Recordings.create();
});
afterAll(async () => {
  await recordings.cleanup();
});

const build = (transcript: Record<string, unknown>, baseDir = recordings.dir) =>
  createSimulator({ clock: new VirtualClock(), random: createRandom(1), config: { server: { transcript } }, baseDir });

async function failure(p: Promise<unknown>): Promise<Error> {
  try {
    await p;
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected a rejection');
}

describe('server.transcript: configuration (issue 5)', () => {
  it('validation names each bad key of the block', () => {
    expect(
      validateServerConfig({ transcript: { speed: 0, mode: 'strictly', ignore: 'session', conection: 2 } }),
    ).toEqual([
      { path: ['transcript', 'file'], message: 'missing required key "file"' },
      { path: ['transcript', 'speed'], message: 'expected a number > 0 and <= 1000, got number 0' },
      {
        path: ['transcript', 'mode'],
        message: 'expected one of "strict", "lenient", got the string "strictly"',
        hint: 'did you mean "strict"?',
      },
      { path: ['transcript', 'ignore'], message: 'expected a list, got the string "session"' },
      {
        path: ['transcript', 'conection'],
        message: 'unknown key "conection"; expected one of file, speed, mode, ignore, background, connection',
        hint: 'did you mean "connection"?',
      },
    ]);
    expect(
      validateSimulatorConfig({
        server: {
          transcript: {
            file: 'calls/a.rtsim.jsonl',
            speed: 2,
            mode: 'lenient',
            ignore: ['session.instructions'],
            background: ['ping'],
            connection: 1,
          },
        },
      }),
    ).toEqual([]);
  });

  it('the transcript is read when the simulator is built, relative to the scenario folder', async () => {
    await recordings.write('relative', [s2c(0, conversationCreated())]);
    const sim = await build({ file: 'relative.rtsim.jsonl' });
    expect(sim.replayIssues()).toEqual([]);
  });

  it('a missing transcript fails the build with the reader error naming the file', async () => {
    const e = await failure(build({ file: 'nowhere.rtsim.jsonl' }));
    expect(isRtSimError(e, 'RTSIM_TRANSCRIPT_NOT_FOUND')).toBe(true);
    expect(e.message).toContain('nowhere.rtsim.jsonl');
  });

  it('a bad line fails the build with file:line', async () => {
    const file = await recordings.write('bad', [s2c(0, conversationCreated())]);
    await writeFile(
      file,
      `{"rtsim":"transcript","version":1}\n{"t":0,"conn":1,"kind":"open","url":"/","protocols":[],"headers":{}}\n{"t":1,"conn":1,"dir":"s2c","frame":\n`,
    );
    const e = await failure(build({ file: path.basename(file) }));
    expect(isRtSimError(e, 'RTSIM_TRANSCRIPT_BAD_JSON')).toBe(true);
    expect(e.message).toMatch(/bad\.rtsim\.jsonl:3: /);
  });

  it('a connection the transcript does not have fails the build naming the key', async () => {
    await recordings.write('one', [s2c(0, conversationCreated())]);
    const e = await failure(build({ file: 'one.rtsim.jsonl', connection: 3 }));
    expect(isRtSimError(e, 'RTSIM_SIM_BAD_TRANSCRIPT')).toBe(true);
    expect(e.message).toMatch(
      /server\.transcript\.connection: expected a connection of .*one\.rtsim\.jsonl \(1\), got 3/,
    );
  });

  it('a transcript with no connection at all fails the build', async () => {
    await recordings.write('empty', [], { openFirst: false });
    const e = await failure(build({ file: 'empty.rtsim.jsonl' }));
    expect(isRtSimError(e, 'RTSIM_SIM_BAD_TRANSCRIPT')).toBe(true);
    expect(e.message).toContain('at least one recorded connection');
  });
});
