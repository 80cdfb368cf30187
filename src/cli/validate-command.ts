/**
 * `rt-sim validate`: scenario files checked without running them; exit 2 when one is invalid.
 */
import path from 'node:path';
import { ScenarioError, blockValidators, discoverScenarios, loadScenario } from '../harness/index.js';
import { withoutPrefix } from '../errors/index.js';
import { EXIT, type CliIo } from './io.js';

/** Runs `validate` on files and folders; returns the exit code. */
export async function validateCommand(paths: string[], io: CliIo): Promise<number> {
  const files = await discoverScenarios(paths.map((p) => path.resolve(io.cwd, p)));
  let bad = 0;
  for (const file of files) {
    try {
      await loadScenario(file, blockValidators);
      io.stdout(`ok   ${path.relative(io.cwd, file)}\n`);
    } catch (e) {
      if (!(e instanceof ScenarioError)) throw e;
      bad++;
      io.stderr(`${withoutPrefix(e.message)}\n`);
    }
  }
  io.stdout(`${files.length - bad} valid, ${bad} invalid\n`);
  return bad > 0 ? EXIT.USAGE : EXIT.OK;
}
