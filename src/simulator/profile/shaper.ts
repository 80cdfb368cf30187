/**
 * The per-session side of a profile: applies its transforms, in order, to every event the
 * session builds, and keeps the running figures they need (billable audio seconds).
 */
import { klona } from 'klona/json';
import type { ServerEvent } from '../../protocol/index.js';
import type { ServerProfile } from './profiles.js';
import type { Frame, ShapeHost, ShapeState } from './transforms.js';
import { TRANSFORMS } from './transforms.js';

/** Shapes outgoing events for one session. */
export interface Shaper {
  /** The event in the profile's shape (a copy when a transform applies; the input is not changed). */
  shape(event: ServerEvent): ServerEvent;
}

/**
 * A shaper for one session of `profile`; `host` (an object literal: it is spread) reads the
 * session's conversation and config.
 */
export function createShaper(profile: ServerProfile, host: Omit<ShapeHost, 'voiceEchoPrefix'>): Shaper {
  if (profile.transforms.length === 0) return { shape: (event) => event };
  const state: ShapeState = {
    host: { ...host, voiceEchoPrefix: profile.voiceEchoPrefix },
    outputSeconds: new Map(),
    billedSeconds: 0,
  };
  const transforms = profile.transforms.map((name) => TRANSFORMS[name]);
  return {
    shape(event) {
      // Events are JSON values, and every one a session sends passes here: klona/json copies one
      // in 0.2 µs where structuredClone took 2.7 (an audio delta; 4% of serve's CPU under load).
      let frame = klona(event) as unknown as Frame;
      for (const transform of transforms) frame = transform(frame, state);
      return frame as unknown as ServerEvent;
    },
  };
}
