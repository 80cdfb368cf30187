import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ERRORS_DOC, renderErrorsDoc } from '../../scripts/errors-doc.js';
import { ERROR_CODES } from '../../src/errors/index.js';

const ROOT = path.resolve(import.meta.dirname, '../..');

describe('docs/errors.md', () => {
  it('is what `npm run docs:errors` makes of the table of codes now', () => {
    const actual = existsSync(ERRORS_DOC) ? readFileSync(ERRORS_DOC, 'utf8') : '';
    expect(actual, 'docs/errors.md is stale: run `npm run docs:errors` and commit it').toBe(renderErrorsDoc());
  });

  it('has one row per code, with its exit code', () => {
    const rows = renderErrorsDoc()
      .split('\n')
      .filter((l) => l.startsWith('| `RTSIM_'));
    expect(rows).toHaveLength(Object.keys(ERROR_CODES).length);
    const row = '| `RTSIM_CLI_NO_SUCH_PATH` | A scenario path does not exist. | 2 | Check the path; it is relative';
    expect(rows).toContain(`${row} to the current folder. |`);
  });

  it('is linked from the README and from docs/api.md', () => {
    expect(readFileSync(path.join(ROOT, 'README.md'), 'utf8')).toContain('(docs/errors.md)');
    expect(readFileSync(path.join(ROOT, 'docs/api.md'), 'utf8')).toContain('(errors.md)');
  });
});
