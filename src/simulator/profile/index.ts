/**
 * Server profiles (issue 9): which era of the xAI service the simulator imitates. A table
 * of settings (`profiles.ts`) and the frame transforms it names (`transforms.ts`), applied
 * per session by a {@link Shaper}.
 */
export {
  DEFAULT_PROFILE,
  PROFILES,
  PROFILE_NAMES,
  openingEvents,
  profileIdSource,
  resolveProfile,
  type OpeningEvent,
  type ProfileName,
  type ServerProfile,
} from './profiles.js';
export { createShaper, type Shaper } from './shaper.js';
export type { ShapeHost } from './transforms.js';
