/**
 * What a replayed connection never used, when it ends: recorded client frames the client never
 * sent, and recorded server frames that never went out, each run reported once.
 */
import type { ConnectionPlan } from './connection-plan.js';
import { summarise } from './live-frame.js';
import type { ReplayIssue } from './replay-issue.js';

/** How far a connection's player got. */
export interface PlayerProgress {
  /** Where its issues are: the transcript and both connection numbers. */
  base: Pick<ReplayIssue, 'file' | 'connection' | 'recordedConnection'>;
  /** Expectations met, a prefix of the plan's. */
  met: number;
  /** Sends that went out, a prefix of the plan's. */
  sent: number;
}

/** The issues of `plan`'s unused frames; server frames of the `background` types are not reported. */
export function unusedFrames(
  plan: ConnectionPlan,
  progress: PlayerProgress,
  background: ReadonlySet<string>,
): ReplayIssue[] {
  const issues: ReplayIssue[] = [];
  const live = progress.base.connection;
  const base = { ...progress.base, kind: 'unused' as const, liveIndex: null };
  const missing = plan.expectations.slice(progress.met);
  for (let i = 0; i < missing.length; ) {
    const first = missing[i]!;
    let j = i + 1;
    if (first.type === 'input_audio_buffer.append') while (missing[j]?.type === first.type) j++;
    const last = missing[j - 1]!;
    const message =
      j - i === 1
        ? `the client never sent the recorded ${first.type} (live connection ${live})`
        : `the client never sent ${j - i} recorded ${first.type} frames, ` +
          `lines ${first.line}–${last.line} (live connection ${live})`;
    issues.push({
      ...base,
      transcriptLine: first.line,
      ...(j - i > 1 ? { lastLine: last.line } : {}),
      frame: first.type,
      message,
    });
    i = j;
  }
  const unsent = plan.sends.slice(progress.sent).filter((s) => !background.has(s.type));
  if (unsent.length > 0) {
    const first = unsent[0]!;
    const last = unsent[unsent.length - 1]!;
    const blocking = plan.expectations[progress.met];
    const [they, was] = unsent.length === 1 ? ['it', 'was'] : ['they', 'were'];
    const why =
      blocking && first.needs > progress.met
        ? `${they} wait${unsent.length === 1 ? 's' : ''} ` +
          `for the client frame at line ${blocking.line} (${blocking.type})`
        : `the connection ended before ${they} ${was} due`;
    const what =
      unsent.length === 1
        ? `the recorded ${first.type}`
        : `${unsent.length} recorded server frames (${summarise(unsent.map((s) => s.type))}), ` +
          `lines ${first.line}–${last.line},`;
    issues.push({
      ...base,
      transcriptLine: first.line,
      ...(unsent.length > 1 ? { lastLine: last.line } : {}),
      frame: first.type,
      message: `${what} never went out on live connection ${live}: ${why}`,
    });
  }
  return issues;
}
