import { stat } from 'node:fs/promises';
import path from 'node:path';
import { RtSimError } from '../protocol/index.js';

/**
 * Checks, before anything runs, that `file` (given by `flag`) can be written: its folder
 * exists and it is not a folder itself. A long run must not find out at its end.
 */
export async function checkOutputPath(file: string | undefined, flag: string, cwd: string): Promise<void> {
  if (file === undefined) return;
  const full = path.resolve(cwd, file);
  const dir = path.dirname(full);
  const folder = await stat(dir).catch(() => undefined);
  if (!folder?.isDirectory()) {
    throw new RtSimError(
      'RTSIM_CLI_BAD_OUT',
      `${flag} ${file}: the folder ${path.relative(cwd, dir) || dir} does not exist; create it first`,
    );
  }
  const target = await stat(full).catch(() => undefined);
  if (target?.isDirectory())
    throw new RtSimError('RTSIM_CLI_BAD_OUT', `${flag} ${file}: is a folder, expected a file name`);
}

/** Turns a failure to listen on `--host`/`--port` into a usage error naming the flag; other errors pass through. */
export function listenError(e: unknown, host: string, port: number): unknown {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'EADDRINUSE')
    return new RtSimError(
      'RTSIM_CLI_LISTEN',
      `--port ${port}: the port is already in use on ${host}; pick another, or 0 for a free one`,
    );
  if (code === 'EACCES')
    return new RtSimError(
      'RTSIM_CLI_LISTEN',
      `--port ${port}: not allowed to listen on it (${code}); ports below 1024 need privileges, 0 picks a free one`,
    );
  if (
    code === 'ENOTFOUND' ||
    code === 'EAI_AGAIN' ||
    code === 'EAI_NONAME' ||
    code === 'EADDRNOTAVAIL' ||
    code === 'EAFNOSUPPORT'
  ) {
    return new RtSimError(
      'RTSIM_CLI_LISTEN',
      `--host ${host}: cannot listen on this address (${code}); use an address of this machine, e.g. 127.0.0.1`,
    );
  }
  return e;
}
