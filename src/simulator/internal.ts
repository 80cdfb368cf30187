/**
 * Internal barrel of `src/simulator`: the public API (`./index.ts`) plus what other folders of
 * rt-sim use and users do not: the checks of the `server:` and `script:` blocks one by one, which
 * the scenario validator runs. Other folders import `src/simulator` through this file or
 * `./index.ts`; it is not a package export, and no package entry exports what it adds
 * (test/architecture/internal-barrels.test.ts).
 */
export * from './index.js';
export { validateServerConfig, validateScript } from './validate-config.js';
