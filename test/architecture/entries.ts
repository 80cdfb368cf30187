/**
 * Every entry of package.json's `exports`, as the source module the build compiles it from,
 * imported statically so that a test sees exactly what a user's `import` gets.
 */
import * as clock from '../../src/clock/index.js';
import * as control from '../../src/control/index.js';
import * as client from '../../src/client/index.js';
import * as root from '../../src/index.js';
import * as protocol from '../../src/protocol/public.js';
import * as simulator from '../../src/simulator/index.js';
import * as msw from '../../src/simulator/msw/index.js';
import * as vitestKit from '../../src/vitest/index.js';
import * as vitestSetup from '../../src/vitest/setup.js';

export const ENTRIES: Record<string, Record<string, unknown>> = {
  '.': root,
  './client': client,
  './simulator': simulator,
  './msw': msw,
  './protocol': protocol,
  './clock': clock,
  './control': control,
  './vitest': vitestKit,
  './vitest/setup': vitestSetup,
};
