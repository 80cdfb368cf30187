/**
 * Server profiles: one per era of the xAI realtime service. A profile is a table of
 * settings plus the names of the frame transforms (`transforms.ts`) applied to every event
 * the session builds. `xai-2025-12` is the simulator as it was before issue 9; `xai-2026`
 * sends the shapes live 2026 sessions are seen to send (docs/deviations.md).
 */
import type { Random } from '../../clock/index.js';
import type { IdSource } from '../../protocol/index.js';
import { createIdSource, createUuidIdSource } from '../../protocol/index.js';
import type { TransformName } from './transforms.js';

/** The names a scenario may give in `server.profile`. */
export const PROFILE_NAMES = ['xai-2026', 'xai-2025-12'] as const;
/** One of {@link PROFILE_NAMES}. */
export type ProfileName = (typeof PROFILE_NAMES)[number];
/** The profile of a scenario that names none. */
export const DEFAULT_PROFILE: ProfileName = 'xai-2026';

/** A greeting frame a new connection gets. */
export type OpeningEvent = 'session.created' | 'conversation.created';

/** Settings of one era of the service. */
export interface ServerProfile {
  readonly name: ProfileName;
  /** `prefixed`: `item_3f2a…` (12 hex); `uuid`: plain UUIDs. */
  readonly ids: 'prefixed' | 'uuid';
  /** Model of a connection without `?model=` when `server.model` names none. */
  readonly defaultModel: string;
  /** Greeting frames in order; `server.sessionCreated` adds or removes `session.created`. */
  readonly opening: readonly OpeningEvent[];
  /** Turn detection of a new session: xAI's server VAD, or off (`null`) until the client sets it. */
  readonly initialTurnDetection: 'server_vad' | 'off';
  /** Prefix of the voice echoed in `session.*` (`ara` → `xai_ara`); `''` echoes it as given. */
  readonly voiceEchoPrefix: string;
  /** Frame transforms, applied in order to every event the session builds. */
  readonly transforms: readonly TransformName[];
}

/** Every profile, by name. */
export const PROFILES: Readonly<Record<ProfileName, ServerProfile>> = {
  'xai-2025-12': {
    name: 'xai-2025-12',
    ids: 'prefixed',
    defaultModel: 'grok-voice-fast-1.0',
    opening: ['conversation.created'],
    initialTurnDetection: 'server_vad',
    voiceEchoPrefix: '',
    transforms: [],
  },
  'xai-2026': {
    name: 'xai-2026',
    ids: 'uuid',
    defaultModel: 'grok-voice-think-fast-2.0',
    opening: ['session.created', 'conversation.created'],
    initialTurnDetection: 'off',
    voiceEchoPrefix: 'xai_',
    transforms: [
      'sessionEcho',
      'statusDetails',
      'audioParts',
      'topLevelUsage',
      'responseDoneRefs',
      'transcriptIndexes',
      'ping',
    ],
  },
};

/** The profile a `server.profile` value names (default {@link DEFAULT_PROFILE}). */
export function resolveProfile(name: ProfileName | undefined): ServerProfile {
  return PROFILES[name ?? DEFAULT_PROFILE];
}

/** The id source of a profile, drawing from `random`. */
export function profileIdSource(profile: ServerProfile, random: Random): IdSource {
  return profile.ids === 'uuid' ? createUuidIdSource(random) : createIdSource(random);
}

/**
 * The greeting frames of a connection: the profile's order, with `session.created` added
 * (after the others) or removed when `server.sessionCreated` says so.
 */
export function openingEvents(profile: ServerProfile, sessionCreated: boolean | undefined): OpeningEvent[] {
  const order = [...profile.opening];
  const has = order.includes('session.created');
  if (sessionCreated === true && !has) order.push('session.created');
  if (sessionCreated === false && has) return order.filter((e) => e !== 'session.created');
  return order;
}
