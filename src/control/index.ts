/**
 * Package entry `rt-sim/control`: a typed client of the control API that a running
 * `rt-sim serve` answers under `/__rt-sim/` (docs/control.md), for the tests of a client
 * under test to act on the fake server while they run.
 */
export { createControlClient, type ActOptions, type ActResult, type ControlClient } from './client.js';
export type { ControlConnection, JournalEntry, JournalPage, ServeVerdict } from '../harness/index.js';
export type { Action } from '../simulator/index.js';
