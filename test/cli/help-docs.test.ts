import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { HELP_COMMANDS, helpBlock } from './help-text.js';

const ROOT = path.resolve(import.meta.dirname, '../..');

describe('docs/cli.md', () => {
  it('quotes every command\'s --help word for word', async () => {
    const doc = await readFile(path.join(ROOT, 'docs', 'cli.md'), 'utf8');
    for (const command of HELP_COMMANDS) {
      const block = await helpBlock(command);
      // On a mismatch the expected block is printed: paste it into docs/cli.md.
      expect(doc, block).toContain(block);
    }
  });
});
