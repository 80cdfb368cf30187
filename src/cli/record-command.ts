/**
 * `rt-sim record`: a loopback proxy that records a client's session with an upstream server as a
 * transcript, and reports the frames the protocol catalogue does not describe.
 */
import path from 'node:path';
import { startRecorder } from '../recorder/index.js';
import { checkOutputPath, listenError } from './flag-checks.js';
import { EXIT, type CliIo } from './io.js';
import { isLoopback, untilStopped } from './until-stopped.js';

/** The flags of `record`. */
export interface RecordOpts {
  upstream: string;
  out: string;
  host: string;
  port: number;
  audio: 'wav' | 'inline';
  duration?: number;
  client: string;
  model?: string;
  source?: 'xai' | 'recorded' | 'simulator';
}

/** Runs `record` until stopped; returns the exit code. */
export async function recordCommand(opts: RecordOpts, io: CliIo): Promise<number> {
  await checkOutputPath(opts.out, '--out', io.cwd);
  if (!isLoopback(opts.host)) io.stderr(`rt-sim: warning: binding ${opts.host}, which is not a loopback address\n`);
  const recorder = await startRecorder({
    upstream: opts.upstream,
    out: path.resolve(io.cwd, opts.out),
    host: opts.host,
    port: opts.port,
    audio: opts.audio,
    client: opts.client,
    ...(opts.model === undefined ? {} : { model: opts.model }),
    ...(opts.source === undefined ? {} : { source: opts.source }),
  }).catch((e: unknown) => {
    throw listenError(e, opts.host, opts.port);
  });
  io.stdout(`listening ${recorder.url}\n`);
  await untilStopped(io, opts.duration);
  await recorder.close();
  io.stdout(
    `recorded ${recorder.connections()} connection(s), ${recorder.records()} record(s) ` +
      `to ${path.relative(io.cwd, recorder.file) || recorder.file}\n`,
  );
  const { deviations, others } = recorder.deviations();
  if (deviations.length > 0) {
    // News about the service, not a failure of the recording: the exit code stays 0.
    const frames = deviations.reduce((n, d) => n + d.count, others);
    io.stdout(
      `catalogue: ${frames} frame(s) the protocol catalogue does not describe ` +
        '(date and model them: docs/deviations.md)\n',
    );
    for (const d of deviations) io.stdout(`  ${d.dir} ${d.message}${d.count > 1 ? ` (${d.count}×)` : ''}\n`);
    if (others > 0) io.stdout(`  … and ${others} more frame(s) of other kinds\n`);
  }
  return EXIT.OK;
}
