import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command, CommanderError, Option } from 'commander';
import { DEFAULT_JOURNAL, DEFAULT_KEEP_CLOSED, DEFAULT_RING, ScenarioError } from '../harness/index.js';
import { DEFAULT_FUZZ_OUT, DEFAULT_FUZZ_RUNS, DEFAULT_FUZZ_SEED } from '../fuzz/index.js';
import { isRtSimError } from '../protocol/index.js';
import { DEFAULT_COMPARE_TOLERANCE_MS } from '../transcript/index.js';
import { exitCodeOf, withoutPrefix } from '../errors/index.js';
import {
  MAX_KEEP_CLOSED,
  MAX_RING,
  parseDuration,
  parseConcurrency,
  parseFuzzPath,
  parseKeepClosed,
  parseJournal,
  MAX_JOURNAL,
  parsePort,
  parseRepeat,
  parseRing,
  parseRuns,
  parseSeed,
  parseTolerance,
  parseWorkers,
} from './arg-parsers.js';
import { compareCommand, type CompareOpts } from './compare-command.js';
import { CONFORM_REPORTERS, conformCommand, DEFAULT_CONFORM_TIMEOUT_MS, type ConformOpts } from './conform-command.js';
import { FUZZ_REPORTERS, fuzzCommand, type FuzzOpts } from './fuzz-command.js';
import { mergeCommand, type MergeOpts } from './merge-command.js';
import { EXIT } from './io.js';
import type { CliIo } from './io.js';
import { recordCommand, type RecordOpts } from './record-command.js';
import { REPORTERS, runCommand } from './run-command.js';
import type { RunOpts } from './run-command.js';
import { parseSeedRange } from './seed-sweep.js';
import { serveCommand, type ServeOpts } from './serve-command.js';
import { validateCommand } from './validate-command.js';

export { EXIT } from './io.js';
export type { CliIo } from './io.js';

/** A user mistake: printed as one clear message, exit 2, never a stack trace. */
class UsageError extends Error {}

/** Runs the `rt-sim` command line with `argv` (without `node` and the script) and returns the exit code. */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  let exitCode: number = EXIT.OK;
  const program = new Command('rt-sim')
    .description('Test and simulate realtime voice clients of the xAI Grok voice API')
    .version(version(), '-V, --version')
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    // A fixed width, so `--help` reads the same on every terminal as in docs/cli.md.
    .configureHelp({ helpWidth: 80 })
    .showHelpAfterError('(run rt-sim --help for usage)');

  program
    .command('run')
    .description('run scenarios and compare them with their golden files')
    .argument('[paths...]', 'scenario files or folders of them')
    .option(
      '--bundled',
      "run the package's own scenarios against its own golden files (a conformance check of an installed copy)",
    )
    .option(
      '--update',
      'write golden files for scenarios that pass (review and commit them); list golden files no scenario owns',
    )
    .addOption(
      new Option(
        '--reporter <name>',
        'report format; html: a timeline page per scenario and an index.html, in the folder --out names',
      )
        .choices(REPORTERS)
        .default('console'),
    )
    .option(
      '--out <path>',
      'write the report to this file (html: into this folder, created if its parent exists); ' +
        'the console report still goes to stdout',
    )
    .addOption(
      new Option('--transport <name>', 'link between client and simulator: in memory, or real WebSockets on 127.0.0.1')
        .choices(['memory', 'ws'])
        .default('memory'),
    )
    .option('--shard <i/n>', 'run only shard i of n (1-based), e.g. 2/4')
    .option('--seed <n>', "override every scenario's seed", parseSeed)
    .option(
      '--seeds <a..b>',
      'sweep: run each scenario under every seed from a to b, ' +
        'check its expectations and the fuzz invariants (not the golden), report the failing seeds',
      parseSeedRange,
    )
    .option('--golden-dir <dir>', 'folder of the golden files', 'golden')
    .option('--bail', 'stop after the first scenario that fails')
    .option('--list', 'list the scenarios a run would run (and check them), run none')
    .option('--repeat <n>', 'run each scenario n times; a run that differs from the first fails', parseRepeat, 1)
    .option(
      '--workers <n>',
      'threads that run scenarios side by side, this one and n - 1 workers, reported in the same order as one ' +
        '(default: one per core, at most one per scenario; 1 runs them all in this thread)',
      parseWorkers,
    )
    .action(async (paths: string[], opts: RunOpts & { bundled?: boolean }, cmd: Command) => {
      exitCode = await runCommand(...withBundled(paths, opts, cmd.getOptionValueSource('goldenDir') === 'cli'), io);
    });

  program
    .command('serve')
    .description("serve a scenario's fake xAI server on a real socket for any client")
    .argument('<scenario>', 'scenario file whose server and script to serve')
    .option('--host <host>', 'address to bind (loopback unless told otherwise)', '127.0.0.1')
    .option('--port <n>', 'port to listen on (0 = a free one)', parsePort, 0)
    .option('--seed <n>', "override the scenario's seed", parseSeed)
    .option('--duration <ms>', 'stop by itself after this many milliseconds', parseDuration)
    .option('--verdict <file>', 'also write the verdict as JSON to this file')
    .option(
      '--any-key',
      'accept any credentials, or none (default: 401 without a Bearer key or xai-client-secret. token)',
    )
    .option(
      '--ring <frames>',
      `most recent frames the verdict keeps per connection, 0 to ${MAX_RING}; older ones are counted, not kept`,
      parseRing,
      DEFAULT_RING,
    )
    .option(
      '--keep-closed <n>',
      `closed connections whose summary the verdict keeps, newest, 0 to ${MAX_KEEP_CLOSED}`,
      parseKeepClosed,
      DEFAULT_KEEP_CLOSED,
    )
    .option('--no-control', 'do not answer the control API under /__rt-sim/ (docs/control.md)')
    .option(
      '--journal <entries>',
      `entries the control API's journal keeps, newest, 0 to ${MAX_JOURNAL}`,
      parseJournal,
      DEFAULT_JOURNAL,
    )
    .action(async (file: string, opts: ServeOpts) => {
      exitCode = await serveCommand(file, opts, io);
    });

  program
    .command('conform')
    .description('run the scenarios marked conform: true against any client through its adapter (docs/conform.md)')
    .argument('[scenarios...]', 'scenario files or folders (default: the bundled scenarios)')
    .requiredOption('--adapter <command>', 'shell command that starts the adapter of the client under test')
    .addOption(new Option('--reporter <name>', 'report format').choices(CONFORM_REPORTERS).default('console'))
    .option('--out <file>', 'write the json or html report to this file (json with the console reporter)')
    .option('--timeout <ms>', 'bound on each scenario, in real milliseconds', parseDuration, DEFAULT_CONFORM_TIMEOUT_MS)
    .option(
      '--concurrency <n>',
      'scenarios played at once, each with its own server and adapter process; the report keeps file order',
      parseConcurrency,
      1,
    )
    .action(async (paths: string[], opts: ConformOpts) => {
      exitCode = await conformCommand(paths, path.join(PACKAGE_ROOT, 'scenarios'), opts, io);
    });

  program
    .command('record')
    .description("a loopback proxy that records a client's session with an upstream server as a transcript")
    .requiredOption('--upstream <url>', 'server to forward to, e.g. wss://api.x.ai/v1/realtime')
    .requiredOption('--out <file>', 'transcript to write (*.rtsim.jsonl)')
    .option('--host <host>', 'address to bind (loopback unless told otherwise)', '127.0.0.1')
    .option('--port <n>', 'port to listen on (0 = a free one)', parsePort, 0)
    .addOption(
      new Option('--audio <where>', 'keep audio in WAV files beside the transcript, or inline')
        .choices(['wav', 'inline'])
        .default('wav'),
    )
    .option('--duration <ms>', 'stop by itself after this many milliseconds', parseDuration)
    .option('--client <name>', 'what makes the client side, for the header (e.g. "LiveKit Agents 1.2")', 'unknown')
    .option('--model <name>', "the model, for the header (default: the upstream's ?model=, else unknown)")
    .addOption(
      new Option(
        '--source <kind>',
        'where the frames come from (default: xai for an x.ai upstream, recorded otherwise)',
      ).choices(['xai', 'recorded', 'simulator']),
    )
    .action(async (opts: RecordOpts) => {
      exitCode = await recordCommand(opts, io);
    });

  program
    .command('compare')
    .description(
      'line two transcripts up and list every difference in event order, shape and timing (exit 1 when they differ)',
    )
    .argument('<a>', 'first transcript, e.g. a recording of the xAI service')
    .argument('<b>', "second transcript, e.g. the simulator's answer to the same client frames")
    .option(
      '--tolerance-ms <ms>',
      'how far apart aligned events may be, in ms since their connection opened',
      parseTolerance,
      DEFAULT_COMPARE_TOLERANCE_MS,
    )
    .option('--json', 'print the differences as JSON')
    .action(async (a: string, b: string, opts: CompareOpts) => {
      exitCode = await compareCommand(a, b, opts, io);
    });

  program
    .command('validate')
    .description('check scenario files without running them')
    .argument('<paths...>', 'scenario files or folders of them')
    .action(async (paths: string[]) => {
      exitCode = await validateCommand(paths, io);
    });

  program
    .command('fuzz')
    .description(
      "generate server behaviour, event orderings and faults, and check the client's invariants on every run",
    )
    .option('--runs <n>', 'cases to generate and run', parseRuns, DEFAULT_FUZZ_RUNS)
    .option(
      '--seed <n>',
      `fast-check seed (default ${DEFAULT_FUZZ_SEED}, so CI runs the same cases)`,
      parseSeed,
      DEFAULT_FUZZ_SEED,
    )
    .option('--out <dir>', 'folder for the scenario file of a failing case', DEFAULT_FUZZ_OUT)
    .option('--path <p>', 'replay the case a failure printed (its fast-check path; give its --seed too)', parseFuzzPath)
    .option(
      '--workers <n>',
      'threads that run the cases (default: the number of cores; 1 runs them in this thread); ' +
        'the report is the same for any number',
      parseWorkers,
    )
    .option(
      '--shard <i/n>',
      "run only shard i of n (1-based), e.g. 2/4: the cases k of the seed's campaign with k % n = i - 1",
    )
    .addOption(new Option('--reporter <name>', 'report format').choices(FUZZ_REPORTERS).default('console'))
    .option(
      '--report-file <file>',
      'write the JSON report to this file (the console report still goes to stdout); without it, to stdout',
    )
    .action(async (opts: FuzzOpts) => {
      exitCode = await fuzzCommand(opts, io);
    });

  program
    .command('merge')
    .description("merge the JSON reports of a fuzz campaign's shards into the campaign's (exit 1 when a shard failed)")
    .argument('<reports...>', 'the reports of shards 1/N to N/N (rt-sim fuzz --shard I/N --reporter json)')
    .option('--out <file>', 'write the merged report to this file instead of stdout')
    .action(async (files: string[], opts: MergeOpts) => {
      exitCode = await mergeCommand(files, opts, io);
    });

  // No command is a usage mistake, not a request for help: say how to use it, exit 2.
  if (argv.length === 0) {
    io.stderr(program.helpInformation());
    return EXIT.USAGE;
  }
  try {
    await program.parseAsync([...argv], { from: 'user' });
  } catch (e) {
    return handleError(e, io);
  }
  return exitCode;
}

/** The package's own folder: `dist/cli/` (or `src/cli/` under tsx) is two levels below it. */
const PACKAGE_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** `--bundled` points the run at the package's own `scenarios/` and `golden/`, wherever it is installed. */
function withBundled(
  paths: string[],
  opts: RunOpts & { bundled?: boolean },
  goldenDirGiven: boolean,
): [string[], RunOpts] {
  if (opts.bundled !== true) {
    if (paths.length === 0)
      throw new UsageError('run: give scenario files or folders, or --bundled for the bundled suite.');
    return [paths, opts];
  }
  if (paths.length > 0) throw new UsageError('run: --bundled runs the bundled scenarios; give no paths with it.');
  // The bundled goldens are the package's evidence; an installed copy must not rewrite them.
  if (opts.update === true)
    throw new UsageError(
      'run: --update cannot rewrite the bundled golden files; copy the scenarios into your project first.',
    );
  const goldenDir = goldenDirGiven ? opts.goldenDir : path.join(PACKAGE_ROOT, 'golden');
  return [[path.join(PACKAGE_ROOT, 'scenarios')], { ...opts, goldenDir }];
}

function handleError(e: unknown, io: CliIo): number {
  if (e instanceof CommanderError) {
    if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help')
      return EXIT.OK;
    // Commander has already printed its message.
    return EXIT.USAGE;
  }
  if (e instanceof ScenarioError) {
    io.stderr(`rt-sim: ${withoutPrefix(e.message)}\n`);
    return EXIT.USAGE;
  }
  if (e instanceof UsageError || isRtSimError(e)) {
    io.stderr(`rt-sim: ${withoutPrefix((e as Error).message)}\n`);
    // The table of codes says which are the user's mistakes (docs/errors.md).
    return isRtSimError(e) && exitCodeOf(e.code) === EXIT.FAILED ? EXIT.FAILED : EXIT.USAGE;
  }
  io.stderr(
    'rt-sim: internal error (a bug in rt-sim, please report it):\n' +
      `${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`,
  );
  return EXIT.FAILED;
}

/** The version of the installed package: package.json sits two folders up from src/cli and dist/cli. */
function version(): string {
  const pkg: unknown = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
  const v = typeof pkg === 'object' && pkg !== null ? (pkg as Record<string, unknown>)['version'] : undefined;
  return typeof v === 'string' ? v : 'unknown';
}
