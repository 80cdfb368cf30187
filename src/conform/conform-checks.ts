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

/** One expectation's verdict: why, unless it passed. */
type Verdict = { status: 'passed' } | { status: 'failed' | 'not_applicable'; why: string };

const passed: Verdict = { status: 'passed' };
const failedBy = (problem: string | undefined): Verdict =>
  problem === undefined ? passed : { status: 'failed', why: problem };
const notApplicable = (why: string): Verdict => ({ status: 'not_applicable', why });

/** Judges `expect` against the adapter's events; wire expectations count as passed until the verdict says otherwise. */
export function judgeExpectations(
  expect: readonly Expectation[],
  count: (adapterEvent: string) => number,
  reports: (adapterEvent: string) => boolean = () => true,
  chatCtx?: readonly unknown[],
  dataOf: (adapterEvent: string) => readonly Record<string, unknown>[] = () => [],
): ExpectationOutcome {
  const out: ExpectationOutcome = { checked: 0, statuses: [], failures: [], notApplicable: [] };
  for (const e of expect) {
    const v = judgeOne(e);
    out.statuses.push(v.status);
    if (v.status === 'not_applicable') out.notApplicable.push(`${expectationText(e)}: ${v.why}`);
    else out.checked++;
    if (v.status === 'failed') out.failures.push(`${expectationText(e)}: ${v.why}`);
  }
  return out;

  function judgeOne(e: Expectation): Verdict {
    if ('frame' in e && isTimed(e))
      return notApplicable('its time bound is virtual time; a foreign client runs on real time');
    if ('frame' in e || 'connections' in e) return passed;
    if ('chatCtx' in e && chatCtx !== undefined) {
      const problem = checkChatCtx(e.chatCtx, [...chatCtx]);
      return failedBy(problem && `${problem} (the adapter's last chat_ctx event)`);
    }
    if (!('event' in e))
      return notApplicable(
        'chatCtx' in e
          ? "the adapter reported no chat_ctx event with the conversation's items"
          : "input audio is measured by rt-sim's own harness",
      );
    const name = ADAPTER_EVENT_OF[e.event];
    if (name === undefined) return notApplicable(`an adapter reports no event for ${e.event}`);
    if (!reports(name)) return notApplicable(`the adapter said at connect that it reports no "${name}" events`);
    if (isTimed(e)) return notApplicable("time filters read rt-sim's virtual time");
    if (e.match === undefined) return failedBy(countCheck(`"${name}" adapter event(s)`, count(name), e));
    const fields = Object.keys(e.match);
    const known = ADAPTER_MATCH_FIELDS[e.event] ?? [];
    const unknown = fields.find((f) => !known.includes(f));
    if (unknown !== undefined)
      return notApplicable(`${unknown} is in rt-sim's own event data, not in the "${name}" adapter event`);
    const data = dataOf(name);
    if (data.length < count(name))
      return notApplicable(`more "${name}" events came than rt-sim keeps (the last ${MAX_EVENTS} of all)`);
    const missing = fields.find((f) => data.some((d) => !(f in d)));
    if (missing !== undefined) return notApplicable(`the adapter's "${name}" events do not all carry ${missing}`);
    const n = data.filter((d) => selects(e, 0, d)).length;
    return failedBy(countCheck(`"${name}" adapter event(s) matching ${JSON.stringify(e.match)}`, n, e));
  }
}
