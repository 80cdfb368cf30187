import { main } from '../../src/cli/main.js';

/** The commands whose `--help` docs/cli.md quotes, in its order ([] is the top level). */
export const HELP_COMMANDS: readonly (readonly string[])[] = [[], ['run'], ['validate'], ['serve'], ['record'], ['compare'], ['fuzz']];

/** What `rt-sim <command> --help` prints. */
export async function helpText(command: readonly string[]): Promise<string> {
  let out = '';
  await main([...command, '--help'], { stdout: (s) => (out += s), stderr: (s) => (out += s), cwd: '.', env: {} });
  return out;
}

/** The `rt-sim <command> --help` block of docs/cli.md, as it must read. */
export async function helpBlock(command: readonly string[]): Promise<string> {
  const name = ['rt-sim', ...command].join(' ');
  return `<!-- help: ${name} -->\n\`\`\`text\n$ ${name} --help\n${(await helpText(command)).trimEnd()}\n\`\`\``;
}
