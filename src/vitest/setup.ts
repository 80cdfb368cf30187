/**
 * Package entry `rt-sim/vitest/setup`: registers rt-sim's matchers. Name it in
 * `vitest.config.ts`: `test: { setupFiles: ['rt-sim/vitest/setup'] }`.
 */
import { expect } from 'vitest';
import './augment.js';
import { rtsimMatchers } from './matcher-set.js';

expect.extend(rtsimMatchers);
