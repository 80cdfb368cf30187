import type { ConnectionRecord, Observation } from '../observation.js';
import type { Failure, ScenarioResult } from '../report.js';
import type { GoldenDifference } from '../suite.js';

/** One frame as the page holds it: `[t, conn, from (0 client, 1 server), index into types]`. */
export type TimelineFrame = [number, number, 0 | 1, number];

/** An audio chunk: `[t, bytes, index of its frame]`. */
export type TimelineChunk = [number, number, number];

/** A response from `response.created` to `response.done`: `[start, end or null, conn, created frame, done frame]`. */
export type TimelineResponse = [number, number | null, number, number, number];

/** A fault: `[t, what, frame index or -1]`: a script rule firing, a server error frame, a connection a fault ended. */
export type TimelineFault = [number, string, number];

/** Where the page marks the first golden difference: the golden diff's place, and the time it points at if any. */
export interface TimelineDifference extends GoldenDifference {
  /** The frame the difference is in, when it is in a frame. */
  frame?: number;
  /** The virtual time the difference points at, when it names a frame, an event or a connection. */
  t?: number;
}

/** What one scenario's page draws: plain JSON, embedded in the page. */
export interface TimelineData {
  scenario: string;
  file: string;
  status: ScenarioResult['status'];
  seed: number;
  simulatedMs: number;
  failures: Failure[];
  reproduce: string;
  /** Set when the file ran; a file that did not load has a page with its failures only. */
  observed: boolean;
  firstDifference?: TimelineDifference;
  /** The frame types, each once; frames point into it. */
  types: string[];
  frames: TimelineFrame[];
  /** Each frame's body, normalised as in the golden file; same order as `frames`. */
  bodies: unknown[];
  connections: ConnectionRecord[];
  inputAudio: TimelineChunk[];
  outputAudio: TimelineChunk[];
  responses: TimelineResponse[];
  faults: TimelineFault[];
  /** The client's events: `[t, name]`. */
  events: [number, string][];
  /** The client's chat context as each generation ended: `[t, items]`. */
  chatSnapshots: [number, unknown[]][];
  chatCtx: unknown[];
}

/** The size in bytes an audio frame's normalised payload records (`{ bytes, sha }`), else 0. */
function audioBytes(body: unknown, key: 'audio' | 'delta'): number {
  const payload = (body as Record<string, unknown> | null)?.[key];
  const bytes = (payload as { bytes?: unknown } | null | undefined)?.bytes;
  return typeof bytes === 'number' ? bytes : 0;
}

/** The id of the response a `response.created` or `response.done` frame carries. */
function responseId(body: unknown): string | undefined {
  const id = (body as { response?: { id?: unknown } } | null)?.response?.id;
  return typeof id === 'string' ? id : undefined;
}

/** The time and frame the golden diff's place points at: `frames[8]…`, `events[2]…`, `connections[0]…`. */
function locate(o: Observation, diff: GoldenDifference): TimelineDifference {
  const m = /^(frames|events|connections)\[(\d+)\]/.exec(diff.path ?? diff.record ?? '');
  if (!m) return { ...diff };
  const list = o[m[1] as 'frames' | 'events' | 'connections'];
  if (list.length === 0) return { ...diff };
  // A record the run lacks (it ended early) points at the run's last one.
  const index = Math.min(Number(m[2]), list.length - 1);
  const out: TimelineDifference = { ...diff, t: list[index]!.t };
  if (m[1] === 'frames') out.frame = index;
  return out;
}

/**
 * What a scenario's HTML page draws, from its result and, when it ran, its observation (already
 * normalised and checked for the API key, so nothing is added that a golden file would not show,
 * besides the rules that fired and the chat-context snapshots). Frames are indexed once; the lanes point into them.
 */
export function timelineData(
  result: ScenarioResult,
  observation?: Observation,
  firstDifference?: GoldenDifference,
): TimelineData {
  const data: TimelineData = {
    scenario: result.name,
    file: result.file,
    status: result.status,
    seed: result.seed,
    simulatedMs: result.simulatedMs,
    failures: result.failures,
    reproduce: result.reproduce,
    observed: observation !== undefined,
    types: [],
    frames: [],
    bodies: [],
    connections: observation?.connections ?? [],
    inputAudio: [],
    outputAudio: [],
    responses: [],
    faults: [],
    events: observation?.events.map((e) => [e.t, e.event]) ?? [],
    chatSnapshots: observation?.chatSnapshots?.map((s) => [s.t, s.items]) ?? [],
    chatCtx: observation?.chatCtx ?? [],
  };
  if (observation === undefined) {
    if (firstDifference !== undefined) data.firstDifference = { ...firstDifference };
    return data;
  }
  if (firstDifference !== undefined) data.firstDifference = locate(observation, firstDifference);
  const typeIndex = new Map<string, number>();
  const open = new Map<string, number>();
  observation.frames.forEach((f, i) => {
    let type = typeIndex.get(f.type);
    if (type === undefined) {
      type = data.types.length;
      typeIndex.set(f.type, type);
      data.types.push(f.type);
    }
    data.frames.push([f.t, f.conn, f.from === 'client' ? 0 : 1, type]);
    data.bodies.push(f.body);
    if (f.from === 'client' && f.type === 'input_audio_buffer.append')
      data.inputAudio.push([f.t, audioBytes(f.body, 'audio'), i]);
    if (f.from === 'server' && /audio\.delta$/.test(f.type))
      data.outputAudio.push([f.t, audioBytes(f.body, 'delta'), i]);
    if (f.from === 'server' && f.type === 'error') data.faults.push([f.t, 'server error frame', i]);
    const id = f.from === 'server' ? responseId(f.body) : undefined;
    if (id !== undefined && f.type === 'response.created') {
      open.set(`${f.conn} ${id}`, data.responses.length);
      data.responses.push([f.t, null, f.conn, i, -1]);
    }
    const at = id !== undefined && f.type === 'response.done' ? open.get(`${f.conn} ${id}`) : undefined;
    if (at !== undefined) {
      const r = data.responses[at]!;
      r[1] = f.t;
      r[4] = i;
    }
  });
  for (const r of observation.rulesFired ?? [])
    data.faults.push([r.t, `script rule ${r.rule}${r.name ? ` (${r.name})` : ''} fired`, -1]);
  for (const c of observation.connections) {
    if (c.closedBy === 'fault') data.faults.push([c.closedAt ?? c.t, `connection ${c.conn} ended by a fault`, -1]);
    if (c.outcome !== 'open') data.faults.push([c.t, `handshake ${c.attempt} ${c.outcome}`, -1]);
  }
  data.faults.sort((a, b) => a[0] - b[0]);
  return data;
}
