/**
 * A scenario's expectations judged for a foreign client: frame and connection expectations by
 * the served verdict (the wire), event expectations by the adapter's events under their
 * names (docs/conform.md), the rest not applicable: never passed in silence.
 */
import {
  ADAPTER_EVENT_OF,
  ADAPTER_MATCH_FIELDS,
  checkChatCtx,
  countCheck,
  type Expectation,
  expectationText,
  selects,
} from '../harness/index.js';
import { MAX_EVENTS } from './adapter-process.js';

/** What one expectation came to; a wire expectation counts as passed until the verdict says otherwise. */
export type ExpectationStatus = 'passed' | 'failed' | 'not_applicable';

/** What the expectations came to. */
export interface ExpectationOutcome {
  /** Expectations judged (on the wire or by the adapter's events). */
  checked: number;
  /** Each expectation's status, by its index in `expect`. */
  statuses: ExpectationStatus[];
  failures: string[];
  /** Expectations no adapter can show, each with why. */
  notApplicable: string[];
}

/**
 * The expectations the served verdict can judge for a foreign client: frame and connection
 * expectations without a time bound (a scenario's times are virtual, measured from its start; a
 * foreign client runs on real time and starts when its process has).
 */
export function wireExpectations(expect: readonly Expectation[]): Expectation[] {
  return expect.filter((e) => ('frame' in e && !isTimed(e)) || 'connections' in e);
}

const isTimed = (e: { afterMs?: number; beforeMs?: number }): boolean =>
  e.afterMs !== undefined || e.beforeMs !== undefined;

/** Judges `expect` against the adapter's event counts; wire expectations count as checked by the verdict. */
export function judgeExpectations(
  expect: readonly Expectation[],
  count: (adapterEvent: string) => number,
  reports: (adapterEvent: string) => boolean = () => true,
  chatCtx?: readonly unknown[],
  dataOf: (adapterEvent: string) => readonly Record<string, unknown>[] = () => [],
): ExpectationOutcome {
  const out: ExpectationOutcome = { checked: 0, statuses: [], failures: [], notApplicable: [] };
  for (const [i, e] of expect.entries()) {
    const text = expectationText(e);
    const n = { failures: out.failures.length, notApplicable: out.notApplicable.length };
    judgeOne(e, text);
    out.statuses[i] =
      out.failures.length > n.failures
        ? 'failed'
        : out.notApplicable.length > n.notApplicable
          ? 'not_applicable'
          : 'passed';
  }
  return out;

  function judgeOne(e: Expectation, text: string): void {
    if ('frame' in e && isTimed(e)) {
      out.notApplicable.push(`${text}: its time bound is virtual time; a foreign client runs on real time`);
      return;
    }
    if ('frame' in e || 'connections' in e) {
      out.checked++;
      return;
    }
    if ('chatCtx' in e && chatCtx !== undefined) {
      out.checked++;
      const problem = checkChatCtx(e.chatCtx, [...chatCtx]);
      if (problem) out.failures.push(`${text}: ${problem} (the adapter's last chat_ctx event)`);
      return;
    }
    if (!('event' in e)) {
      out.notApplicable.push(
        'chatCtx' in e
          ? `${text}: the adapter reported no chat_ctx event with the conversation's items`
          : `${text}: input audio is measured by rt-sim's own harness`,
      );
      return;
    }
    const name = ADAPTER_EVENT_OF[e.event];
    if (name === undefined) {
      out.notApplicable.push(`${text}: an adapter reports no event for ${e.event}`);
      return;
    }
    if (!reports(name)) {
      out.notApplicable.push(`${text}: the adapter said at connect that it reports no "${name}" events`);
      return;
    }
    if (e.afterMs !== undefined || e.beforeMs !== undefined) {
      out.notApplicable.push(`${text}: time filters read rt-sim's virtual time`);
      return;
    }
    if (e.match === undefined) {
      out.checked++;
      const problem = countCheck(`"${name}" adapter event(s)`, count(name), e);
      if (problem) out.failures.push(`${text}: ${problem}`);
      return;
    }
    const fields = Object.keys(e.match);
    const known = ADAPTER_MATCH_FIELDS[e.event] ?? [];
    const unknown = fields.find((f) => !known.includes(f));
    if (unknown !== undefined) {
      out.notApplicable.push(`${text}: ${unknown} is in rt-sim's own event data, not in the "${name}" adapter event`);
      return;
    }
    const data = dataOf(name);
    if (data.length < count(name)) {
      out.notApplicable.push(`${text}: more "${name}" events came than rt-sim keeps (the last ${MAX_EVENTS} of all)`);
      return;
    }
    const missing = fields.find((f) => data.some((d) => !(f in d)));
    if (missing !== undefined) {
      out.notApplicable.push(`${text}: the adapter's "${name}" events do not all carry ${missing}`);
      return;
    }
    out.checked++;
    const n = data.filter((d) => selects(e, 0, d)).length;
    const problem = countCheck(`"${name}" adapter event(s) matching ${JSON.stringify(e.match)}`, n, e);
    if (problem) out.failures.push(`${text}: ${problem}`);
  }
}
