/**
 * Chooses what the simulated model says. Replies and user transcripts are taken in order
 * across the whole run (all connections), so a scenario's second turn gets the second
 * reply even when it happens on a new connection.
 */
import type { FailureSpec, FunctionCallConfig, ReplyConfig, ServerConfig } from './config.js';
import { SERVER_DEFAULTS } from './config.js';
import type { AudioLibrary } from './audio-source.js';
import { defaultReplyAudio } from './audio-source.js';
import type { ResolvedReply } from './response-plan.js';
import { resolveCut } from './response-cut.js';

function calls(fc: FunctionCallConfig | FunctionCallConfig[] | undefined): ResolvedReply['functionCalls'] {
  if (fc === undefined) return [];
  return (Array.isArray(fc) ? fc : [fc]).map((c) => ({
    name: c.name,
    arguments: typeof c.arguments === 'string' ? c.arguments : JSON.stringify(c.arguments ?? {}),
    ...(c.callId !== undefined ? { callId: c.callId } : {}),
  }));
}

/** The replies and user transcripts of one simulator. */
export class ReplySource {
  private replyIndex = 0;
  private transcriptIndex = 0;
  private failures: FailureSpec[] = [];

  constructor(
    private readonly server: ServerConfig,
    private readonly audio: AudioLibrary,
  ) {}

  /** Forgets the failures not yet used. */
  clearFailures(): void {
    this.failures = [];
  }

  /** Makes the next `count` responses fail. */
  failNext(failure: FailureSpec, count: number): void {
    for (let i = 0; i < count; i++) this.failures.push(failure);
  }

  /** The reply of the next model response. `afterToolOutput`: the conversation ends in a `function_call_output`. */
  next(afterToolOutput: boolean): ResolvedReply {
    const base = this.server.reply ?? {};
    if (this.server.functionCall && !afterToolOutput) {
      return this.withFailure(
        this.resolve({ ...base, transcript: undefined, functionCall: this.server.functionCall }, true),
      );
    }
    const replies = this.server.replies;
    if (replies && replies.length > 0) {
      const own = replies[this.replyIndex++ % replies.length]!;
      return this.withFailure(
        this.resolve({ ...base, ...own }, own.functionCall !== undefined && own.transcript === undefined),
      );
    }
    return this.withFailure(this.resolve(base, base.functionCall !== undefined && base.transcript === undefined));
  }

  /** A reply given in full (a script's `respond`), merged over `server.reply`. */
  custom(reply: ReplyConfig): ResolvedReply {
    const merged = { ...(this.server.reply ?? {}), ...reply };
    return this.withFailure(this.resolve(merged, reply.functionCall !== undefined && reply.transcript === undefined));
  }

  /** A reply speaking exactly `text` (xAI's `force_message`). */
  spoken(text: string): ResolvedReply {
    const base = this.server.reply ?? {};
    return this.withFailure(
      this.resolve(
        { ...base, transcript: text, audio: undefined, functionCall: undefined, serverTool: undefined },
        false,
      ),
    );
  }

  /** The transcript of the next user audio turn. */
  userTranscript(): string {
    const t = this.server.userTranscript ?? SERVER_DEFAULTS.userTranscript;
    if (typeof t === 'string') return t;
    return t.length === 0 ? '' : t[this.transcriptIndex++ % t.length]!;
  }

  private withFailure(reply: ResolvedReply): ResolvedReply {
    const failure = this.failures.shift();
    if (!failure) return reply;
    return { ...reply, cut: resolveCut({ fail: failure })! };
  }

  private resolve(r: ReplyConfig, callsOnly: boolean): ResolvedReply {
    const transcript = callsOnly ? null : (r.transcript ?? SERVER_DEFAULTS.transcript);
    const audio =
      r.audio === null || transcript === null
        ? null
        : r.audio === undefined
          ? defaultReplyAudio(transcript)
          : this.audio.samples(r.audio);
    const cut = resolveCut(r);
    return {
      transcript,
      audio,
      ttftMs: r.ttftMs ?? SERVER_DEFAULTS.ttftMs,
      chunkMs: r.chunkMs ?? SERVER_DEFAULTS.chunkMs,
      transcriptDeltaWords: r.transcriptDeltaWords ?? SERVER_DEFAULTS.transcriptDeltaWords,
      startTime: r.startTime ?? false,
      usage: r.usage,
      functionCalls: calls(r.functionCall),
      pacing: r.pacing ?? 'realtime',
      argumentsDeltaChars: r.argumentsDeltaChars ?? SERVER_DEFAULTS.argumentsDeltaChars,
      serverTools: r.serverTool === undefined ? [] : Array.isArray(r.serverTool) ? r.serverTool : [r.serverTool],
      ...(cut ? { cut } : {}),
    };
  }
}
