import type { InputSound } from './input-sound.js';
/** One connection attempt as the harness saw it. */
export interface ConnectionRecord {
  /** 1-based handshake attempt, refused ones included. */
  attempt: number;
  /** 1-based number of the accepted connection; null when refused. */
  conn: number | null;
  t: number;
  /** `held`: the server never answered the handshake (a `holdHandshake` script action). */
  outcome: 'open' | 'refused' | 'held';
  status?: number;
  closedAt?: number;
  code?: number;
  reason?: string;
  /** Who ended it: the client, the server, or a fault. */
  closedBy?: string;
}

/** One frame on the wire, at the time its sender sent it. */
export interface FrameRecord {
  t: number;
  conn: number;
  from: 'client' | 'server';
  type: string;
  body: unknown;
}

/** One event the client session emitted. */
export interface EventRecord {
  t: number;
  event: string;
  data?: unknown;
}

/** Audio timing on both sides of the client. */
export interface AudioRecord {
  input: { appends: number; bytes: number; times: number[] };
  /**
   * `rates`: the distinct sample rates of the output frames, in the order first seen; left
   * out when every frame carried 24000 Hz (or there were none), so golden files written
   * before it was recorded still match.
   */
  output: { frames: number; samples: number; rates?: number[]; times: number[] };
}

/** A warning or error the client logged, at the virtual time it logged it. */
export interface LogRecord {
  t: number;
  level: 'warn' | 'error';
  message: string;
  fields?: Record<string, unknown>;
}

/** A script rule firing, at the virtual time it fired: the fault a scenario injected. */
export interface RuleFiring {
  t: number;
  /** 0-based index of the rule in the scenario's `script`. */
  rule: number;
  /** The rule's `name`, when it has one. */
  name?: string;
}

/**
 * Everything a run observed, normalised (ids → placeholders, audio → length + hash) so
 * that under the virtual clock it is byte-identical from run to run. It is what a golden
 * file holds.
 */
export interface Observation {
  scenario: string;
  seed: number;
  simulatedMs: number;
  connections: ConnectionRecord[];
  frames: FrameRecord[];
  events: EventRecord[];
  audio: AudioRecord;
  chatCtx: unknown[];
  tools: unknown[];
  metrics: unknown[];
  /**
   * The warnings and errors the harness's own client logged, ids normalised; left out when
   * there were none (and by the fake server of rt-sim/vitest, which has no client of its own),
   * so golden files of silent runs did not change when it was recorded.
   */
  log?: LogRecord[];
  /** The sound of the input audio the server was sent (the `inputAudio` expectation); not written to golden files. */
  inputSound?: InputSound;
  /**
   * The script rules that fired, oldest first (the simulator keeps the most recent 1000), for
   * the HTML timeline's fault lane; left out when none fired, and not written to golden files.
   */
  rulesFired?: RuleFiring[];
  /**
   * The client's chat context as each generation ended (the most recent 100), ids normalised, for the
   * HTML timeline; left out when none ended, and not written to golden files.
   */
  chatSnapshots?: ChatSnapshot[];
}

/** The client's chat context at one moment: its items as the golden file's `chatCtx` shows them. */
export interface ChatSnapshot {
  t: number;
  items: unknown[];
}

const ORDER: readonly (keyof Observation)[] = [
  'scenario',
  'seed',
  'simulatedMs',
  'connections',
  'frames',
  'events',
  // Not last: a section that comes and goes must not change the comma of the line before it.
  'log',
  'audio',
  'chatCtx',
  'tools',
  'metrics',
];

/**
 * Serialises an observation with one record per line, so a golden diff points at the
 * first differing frame or event rather than at a field buried in a deep tree.
 */
export function serializeObservation(o: Observation): string {
  const lines = ['{'];
  const keys = ORDER.filter((key) => key !== 'log' || (o.log !== undefined && o.log.length > 0));
  keys.forEach((key, i) => {
    const comma = i < keys.length - 1 ? ',' : '';
    const value = o[key];
    if (Array.isArray(value)) {
      if (value.length === 0) lines.push(`  ${JSON.stringify(key)}: []${comma}`);
      else {
        lines.push(`  ${JSON.stringify(key)}: [`);
        for (const [j, v] of value.entries()) lines.push(`    ${JSON.stringify(v)}${j < value.length - 1 ? ',' : ''}`);
        lines.push(`  ]${comma}`);
      }
    } else if (key === 'audio') {
      const a = value as AudioRecord;
      lines.push(`  "audio": {`);
      lines.push(`    "input": ${JSON.stringify(a.input)},`);
      lines.push(`    "output": ${JSON.stringify(a.output)}`);
      lines.push(`  }${comma}`);
    } else {
      lines.push(`  ${JSON.stringify(key)}: ${JSON.stringify(value)}${comma}`);
    }
  });
  lines.push('}');
  return `${lines.join('\n')}\n`;
}
