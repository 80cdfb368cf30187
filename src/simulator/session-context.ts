/**
 * The contract between the simulator and each of its sessions: what a session takes from the
 * simulator, and the read-only view of a session it gives back.
 */
import type { Clock, Random } from '../clock/index.js';
import type { ConversationItem, IdSource, SessionConfig } from '../protocol/index.js';
import type { AudioLibrary } from './audio-source.js';
import type { ServerConfig } from './config.js';
import type { ServerProfile } from './profile/index.js';
import type { TranscriptReplay } from './replay/index.js';
import type { ReplySource } from './reply-source.js';
import type { ResumptionStore } from './resumption.js';
import type { ScriptEngine } from './script/engine.js';

/** Who ended a connection. */
export type CloseInitiator = 'client' | 'server' | 'fault';

/** What a session needs from its simulator; `S` is the session, as the simulator keeps it. */
export interface SessionContextOf<S> {
  readonly clock: Clock;
  readonly ids: IdSource;
  /** Randomness of wire faults (jitter, slicing). */
  readonly random: Random;
  readonly server: ServerConfig;
  /** The era of the service imitated: defaults and the shape of every built frame. */
  readonly profile: ServerProfile;
  readonly audio: AudioLibrary;
  readonly replies: ReplySource;
  readonly script: ScriptEngine;
  readonly resumption: ResumptionStore;
  /** Check every frame the session builds against the protocol catalogue and throw on a bad one. */
  readonly strict: boolean;
  /** `server.transcript`: each connection plays its recorded twin instead of the session logic below. */
  readonly transcript?: TranscriptReplay;
  /** Every frame crossing the simulator's edge. */
  frame(session: S, direction: 'in' | 'out', text: string): void;
  /** The connection ended. */
  ended(session: S, code: number, reason: string, initiator: CloseInitiator): void;
}

/** A read-only view of a session, for tests and the harness. */
export interface SimSessionInfo {
  /** 1-based number of the accepted connection. */
  connection: number;
  url: string;
  model: string;
  conversationId: string;
  open: boolean;
  /** The effective session config, as `session.updated` would show it. */
  session: SessionConfig;
  /** The server's conversation, in order. */
  items: ConversationItem[];
  /** Installed wire faults per direction. */
  faults: { downstream: string[]; upstream: string[] };
}
