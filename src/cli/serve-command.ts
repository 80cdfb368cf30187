/**
 * `rt-sim serve`: a scenario's fake xAI server on a real socket, until stopped; its verdict
 * is printed (and written with `--verdict`), exit 1 when it failed.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { blockValidators, loadScenario, serveScenario } from '../harness/index.js';
import { checkOutputPath, listenError } from './flag-checks.js';
import { EXIT, type CliIo } from './io.js';
import { isLoopback, untilStopped } from './until-stopped.js';

/** The flags of `serve`. */
export interface ServeOpts {
  host: string;
  port: number;
  seed?: number;
  duration?: number;
  verdict?: string;
  anyKey?: boolean;
  ring: number;
  keepClosed: number;
  /** False with `--no-control`. */
  control: boolean;
  journal: number;
}

/** Runs `serve` on `file`; returns the exit code. */
export async function serveCommand(file: string, opts: ServeOpts, io: CliIo): Promise<number> {
  const scenario = await loadScenario(path.resolve(io.cwd, file), blockValidators);
  await checkOutputPath(opts.verdict, '--verdict', io.cwd);
  if (!isLoopback(opts.host)) io.stderr(`rt-sim: warning: binding ${opts.host}, which is not a loopback address\n`);
  const served = await serveScenario(scenario, {
    host: opts.host,
    port: opts.port,
    anyKey: opts.anyKey === true,
    ring: opts.ring,
    keepClosed: opts.keepClosed,
    control: opts.control,
    journal: opts.journal,
    ...(opts.seed === undefined ? {} : { seed: opts.seed }),
  }).catch((e: unknown) => {
    throw listenError(e, opts.host, opts.port);
  });
  io.stdout(`listening ${served.url}\n`);
  io.onVerdictRequest?.(() => io.stdout(`${JSON.stringify(served.verdict())}\n`));
  await untilStopped(io, opts.duration);
  const verdict = await served.close();
  const text = `${JSON.stringify(verdict, null, 2)}\n`;
  io.stdout(text);
  if (opts.verdict) await writeFile(path.resolve(io.cwd, opts.verdict), text);
  return verdict.status === 'passed' ? EXIT.OK : EXIT.FAILED;
}
