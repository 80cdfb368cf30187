/**
 * Issue 3: the client's API is exported from the package root and from `rt-sim/client`;
 * package.json's export map points at what the build writes from these sources.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import * as client from '../../src/client/index.js';
import * as root from '../../src/index.js';

const ROOT = path.resolve(import.meta.dirname, '../..');

describe('the package root', () => {
  it('exports every name of rt-sim/client, the same objects', () => {
    for (const [name, value] of Object.entries(client))
      expect((root as Record<string, unknown>)[name], name).toBe(value);
  });

  it('exports the entry points of the simulator, the harness and the clocks', () => {
    for (const name of [
      'createSimulator',
      'serveSimulator',
      'runScenario',
      'runSuite',
      'loadScenario',
      'serveScenario',
      'VirtualClock',
      'RealClock',
      'createRandom',
      'RtSimError',
    ]) {
      expect(typeof (root as Record<string, unknown>)[name], name).toBe('function');
    }
  });

  it('maps every export of package.json to a source file that the build compiles', () => {
    const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
      exports: Record<string, { import: string; types: string }>;
    };
    for (const [subpath, target] of Object.entries(pkg.exports)) {
      const source = target.import.replace(/^\.\/dist\//, 'src/').replace(/\.js$/, '.ts');
      expect(() => readFileSync(path.join(ROOT, source)), `${subpath} → ${source}`).not.toThrow();
      expect(target.types).toBe(target.import.replace(/\.js$/, '.d.ts'));
    }
  });
});
