// Runs the CLI from the TypeScript sources, for development: `npx tsx scripts/dev-cli.ts run scenarios`.
import { main } from '../src/cli/main.js';

const stop = new AbortController();
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => stop.abort());
const code = await main(process.argv.slice(2), {
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
  cwd: process.cwd(),
  env: process.env,
  signal: stop.signal,
  onVerdictRequest: (listener) => process.on('SIGUSR2', listener),
});
process.exitCode = code;
