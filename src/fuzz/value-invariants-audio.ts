/**
 * Invariants on the audio path, by value: what the application asked of the audio (truncate
 * points, the output rate, commits, the tones pushed) is what went out on the wire and what the
 * server heard. Read from the observation, as `value-invariants.ts` reads responses.
 */
import { INPUT_AUDIO_TOLERANCE, placeSteps } from '../harness/index.js';
import type { FuzzRun } from './fuzz-run.js';
import { events, field, num, type Json } from './run-reading.js';
import type { Violation } from './violation.js';

/**
 * A truncate says what the application asked (§5.10): the `conversation.item.truncate`
 * frames the client sends carry, in order, the `audio_end_ms` (rounded, at least 0) and
 * `content_index` 0 of the audio-path `truncate` steps of the run; a frame lost with a
 * dropped connection leaves a gap, never a different value.
 */
export function truncateAsAsked(run: FuzzRun): Violation | undefined {
  const asked = stepsOf(run).flatMap((s) =>
    'call' in s && s.call === 'truncate' && (s.args.modalities === undefined || s.args.modalities.includes('audio'))
      ? [Math.max(0, Math.round(s.args.audioEndMs))]
      : [],
  );
  let next = 0;
  for (const [index, f] of run.outcome.observation.frames.entries()) {
    if (f.from !== 'client' || f.type !== 'conversation.item.truncate') continue;
    const end = field(f.body, 'audio_end_ms');
    const at = asked.indexOf(end as number, next);
    const problem =
      field(f.body, 'content_index') !== 0
        ? `content_index ${JSON.stringify(field(f.body, 'content_index'))}, not 0`
        : at < 0
          ? `audio_end_ms ${JSON.stringify(end)}, which no truncate step asked for ` +
            `(asked, in order: ${asked.slice(next).join(', ') || 'nothing more'})`
          : undefined;
    if (problem)
      return {
        invariant: 'truncateAsAsked',
        rule: '§5.10',
        message: `conversation.item.truncate at ${f.t} ms has ${problem}`,
        frameIndex: index,
        t: f.t,
      };
    next = at + 1;
  }
  return undefined;
}

/** Milliseconds of audio a `pushAudio` step pushes. */
function pushedMs(args: Json): number {
  const tone = field(args, 'tone', 'ms');
  return num(tone) ?? num(args['silenceMs']) ?? 0;
}

/**
 * Output audio comes at the rate the client asked for (§1.5, §5.16): every output frame the
 * client emitted carries an `audio.output.format.rate` its session.update frames asked for
 * (24000 when none names one).
 */
export function outputAudioAsAsked(run: FuzzRun): Violation | undefined {
  const asked = new Set<number>();
  for (const f of run.outcome.observation.frames) {
    if (f.from !== 'client' || f.type !== 'session.update') continue;
    const rate = num(field(f.body, 'session', 'audio', 'output', 'format', 'rate'));
    if (rate !== undefined) asked.add(rate);
  }
  if (asked.size === 0) asked.add(24000);
  const output = run.outcome.observation.audio.output;
  // The observation leaves `rates` out when every frame carried 24000 Hz.
  const rates = output.rates ?? (output.frames > 0 ? [24000] : []);
  const wrong = rates.find((r) => !asked.has(r));
  if (wrong === undefined) return undefined;
  return {
    invariant: 'outputAudioAsAsked',
    rule: '§1.5, §5.16',
    message:
      `the client emitted output audio frames at ${wrong} Hz, ` +
      `but its session.update frames asked for ${[...asked].join(' or ')} Hz`,
  };
}

/**
 * A commit goes out exactly when at least 100 ms was pushed since the last one (R6.4 with the
 * §8.10 fix): counting the `pushAudio` steps, each `commitAudio` step with 100 ms or more
 * pushed since the last commit sends `input_audio_buffer.commit` (and resets the count), one
 * with less sends nothing. A connection that ends may lose the commit in flight (R2.7), one per
 * dropped connection, and a session that died sends none after.
 */
export function commitsAtThreshold(run: FuzzRun): Violation | undefined {
  let pushed = 0;
  let expected = 0;
  const shortOnes: number[] = [];
  for (const [i, s] of stepsOf(run).entries()) {
    if (!('call' in s)) continue;
    if (s.call === 'pushAudio') pushed += pushedMs(s.args as Json);
    // input_audio_buffer.clear empties the buffer: nothing pushed before it is committed (§2.4).
    if (s.call === 'clearAudio') pushed = 0;
    if (s.call === 'commitAudio') {
      if (pushed >= 100) {
        expected++;
        pushed = 0;
      } else {
        shortOnes.push(i);
      }
    }
  }
  // A run that failed stopped early (runEnds reports it): the steps after the stop were never taken.
  if (run.outcome.failures.length > 0) return undefined;
  const sent = run.outcome.observation.frames.filter(
    (f) => f.from === 'client' && f.type === 'input_audio_buffer.commit',
  ).length;
  const dropped = run.outcome.observation.connections.filter(
    (c) => c.outcome === 'open' && c.closedAt !== undefined && !(c.closedBy === 'client' && c.code === 1000),
  ).length;
  // A dead session sends nothing more (R2.8): only the upper bound holds then.
  const died = events(run, 'session_failed').length > 0;
  if (sent <= expected && (died || sent >= expected - dropped)) return undefined;
  const short =
    shortOnes.length > 0
      ? ` and less before ${shortOnes.length} (steps ${shortOnes.map((i) => i + 1).join(', ')}), ` +
        'which must send nothing'
      : '';
  return {
    invariant: 'commitsAtThreshold',
    rule: 'R6.4, §8.10',
    message:
      `the client sent ${sent} input_audio_buffer.commit(s); ` +
      `the steps pushed 100 ms or more before ${expected} commitAudio call(s)${short}`,
    expect: [{ frame: 'input_audio_buffer.commit', from: 'client', max: expected }],
  };
}

/**
 * The server hears the tones the steps pushed (§1.5, R6.1–R6.3): their level (every
 * generated tone is a sine at `level`, 0.5 unless given: -9.03 dBFS RMS) within 1 dB, and,
 * when all share one frequency, that pitch within 2%, whatever rate they were pushed at
 * and however the client resampled and cut them. Only silence pushed: no sound heard. Sound
 * lost with a dropped connection or a dead session shortens it but does not change it, so
 * nothing heard at all is not checked when tones were pushed. Runs that push a WAV (hand-
 * written scenarios under `--seeds`) are not checked.
 */
export function inputAudioAsSent(run: FuzzRun): Violation | undefined {
  const tones: { hz: number; level: number }[] = [];
  for (const s of stepsOf(run)) {
    if (!('call' in s) || s.call !== 'pushAudio') continue;
    // A WAV's sound is not known here (a hand-written scenario under --seeds): nothing to compare.
    if ('wav' in s.args) return undefined;
    const tone = field(s.args as Json, 'tone') as { hz?: unknown; level?: unknown } | undefined;
    const hz = num(tone?.hz);
    if (hz !== undefined) tones.push({ hz, level: num(tone?.level) ?? 0.5 });
  }
  const heard = run.outcome.observation.inputSound;
  if (heard === undefined) return undefined;
  const violation = (message: string): Violation => ({
    invariant: 'inputAudioAsSent',
    rule: '§1.5, R6.1–R6.3',
    message,
  });
  const tolerance = INPUT_AUDIO_TOLERANCE;
  if (tones.length === 0) {
    return heard.soundMs === 0
      ? undefined
      : violation(
          `only silence was pushed, but the server heard ${heard.soundMs} ms of sound at ${heard.dbfs.toFixed(1)} dBFS`,
        );
  }
  if (heard.soundMs === 0) return undefined;
  const levels = new Set(tones.map((t) => t.level));
  if (levels.size === 1) {
    const dbfs = 20 * Math.log10(tones[0]!.level / Math.SQRT2);
    if (Math.abs(heard.dbfs - dbfs) > tolerance.dbfs) {
      return violation(
        `the tones pushed were at ${dbfs.toFixed(1)} dBFS, ` +
          `but the server heard ${heard.dbfs.toFixed(1)} dBFS (±${tolerance.dbfs} dB allowed)`,
      );
    }
  }
  const pitches = new Set(tones.map((t) => t.hz));
  if (pitches.size === 1) {
    const hz = tones[0]!.hz;
    if (Math.abs(heard.hz - hz) > hz * tolerance.hzRatio) {
      return violation(
        `the tones pushed were at ${hz} Hz, ` +
          `but the server heard ${heard.hz.toFixed(1)} Hz (±${tolerance.hzRatio * 100}% allowed)`,
      );
    }
  }
  return undefined;
}

/** The run's steps in document order, the steps of `parallel` blocks included (their `step` numbers). */
function stepsOf(run: FuzzRun): ReturnType<typeof placeSteps>[number]['step'][] {
  return placeSteps(run.scenario.steps).map((p) => p.step);
}
