/**
 * Internal barrel of `src/control`: the public API (`./index.ts`) plus what other folders of
 * rt-sim use and users do not: the typed client over a transport other than `fetch`
 * (rt-sim/vitest's in-memory fake server). Not a package export.
 */
export * from './index.js';
export { controlClientOver, type ControlTransport } from './client.js';
