/**
 * Every test file of the simulator calls `checkAllTraffic()`: after its tests, every frame
 * the simulator sent in any of them must have parsed with the protocol catalogue.
 */
import { afterAll, expect } from 'vitest';
import { traffic } from './driver.js';

export function checkAllTraffic(): void {
  afterAll(() => {
    expect(traffic.invalid).toEqual([]);
  });
}
