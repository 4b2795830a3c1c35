import * as l10n from '@vscode/l10n';
import { eventsText } from './counts';
import { nearestKnown, valueCounts } from './knownValues';
import { fieldLabel, TEXT_FIELDS, toQueryInput, type EventQuery, type QueryInput, type TextField } from './query';
import { eventInstant, type ConnectionEvent } from './records';
import { describeTimeRange } from './querySummary';
import { compareInstants, formatTime, type Instant, type TimeZone } from './time';

/**
 * Why a query returned nothing, learnt with at most {@link MAX_EXTRA_REQUESTS}
 * cheap requests. The plan (pure, so unit-tested):
 *
 * - No filter: the window is the reason. One request, `limit=1` and no window,
 *   gives the newest event; the correction starts the window an hour before it.
 * - Filters: first the same window without any filter, `limit=` {@link SAMPLE_LIMIT}:
 *   one request that tells, for every filter at once (event type and key too,
 *   which the summary endpoint cannot), which values had events, with exact
 *   counts when fewer than the limit came back.
 *   - Nothing in the window: the window is the reason, as above (second request).
 *   - A filter's value is not among them: that filter excluded everything. When
 *     the sample was full the value may be older than it; a second request,
 *     that filter alone with `limit=1`, settles it (unless it was the query's
 *     only filter: the query itself asked that). The correction replaces each
 *     such value by its nearest known value (core/knownValues `nearestKnown`),
 *     or drops the filter when none is near.
 *   - Every value is among them: the combination excluded everything; the
 *     correction drops the filter with the fewest events.
 */

export const MAX_EXTRA_REQUESTS = 2;
/** The events of the unfiltered sample: enough to know the values a window holds, cheap to read. */
export const SAMPLE_LIMIT = 1000;
const HOUR_MS = 3_600_000;

/** What one extra request returned. */
export interface ProbeAnswer {
  readonly records: readonly ConnectionEvent[];
  /** Records the server sent, valid or not: a full sample is `SAMPLE_LIMIT`. */
  readonly received: number;
}

export interface Explanation {
  readonly reason: 'window' | 'filter' | 'combination' | 'nothing';
  /** One or two sentences for the view's message line and the panel, in the user's language. */
  readonly message: string;
  /** The query to run instead, as a command argument; undefined when nothing would help. */
  readonly correction: QueryInput | undefined;
}

export type Step =
  { readonly kind: 'request'; readonly query: EventQuery } | { readonly kind: 'explained'; readonly explanation: Explanation };

/** The next extra request to make for `query`, which returned nothing, given the answers so far; or the explanation. */
export function nextStep(query: EventQuery, answers: readonly ProbeAnswer[], zone: TimeZone): Step {
  const filters = TEXT_FIELDS.filter((field) => query[field] !== undefined);
  const window = windowOf(query);
  const range = describeTimeRange(query, zone);
  // The window's own reason: the newest event of all, if any.
  const byWindow = (answer: ProbeAnswer | undefined): Step =>
    answer === undefined ? request({ limit: 1 }) : explained(windowExplanation(query, range, answer, zone));
  if (filters.length === 0) {
    return byWindow(answers[0]);
  }
  const sample = answers[0];
  if (sample === undefined) {
    return request({ ...window, limit: SAMPLE_LIMIT });
  }
  if (sample.received === 0) {
    return byWindow(answers[1]);
  }
  const counts = valueCounts(sample.records);
  const full = sample.received >= SAMPLE_LIMIT;
  const countOf = (field: TextField, value: string) => {
    const values = counts.get(field)!;
    // The API matches key IDs in any case.
    return field === 'apiKeyId' ? sumWhere(values, (v) => v.toLowerCase() === value.toLowerCase()) : (values.get(value) ?? 0);
  };
  const missing = filters.filter((field) => countOf(field, query[field]!) === 0);
  if (missing.length > 0) {
    const first = missing[0]!;
    // With that filter alone, the query itself already answered: none in the window.
    if (full && filters.length > 1) {
      const alone = answers[1];
      if (alone === undefined) {
        return request({ ...window, [first]: query[first], limit: 1 });
      }
      if (alone.received > 0) {
        // Older than the sample, but there: the combination is the reason.
        return explained(combination(query, range, filters, countOf, full));
      }
    }
    // From a full sample only the value checked alone is known to be missing.
    return explained(filterExplanation(query, range, full ? [first] : missing, counts, full));
  }
  return explained(combination(query, range, filters, countOf, full));
}

/** Runs the plan: at most {@link MAX_EXTRA_REQUESTS} calls of `execute`, then the explanation. */
/** `zone`: the time zone the explanation's times are told in (the `timeZone` setting). */
export async function explainEmpty(
  query: EventQuery,
  execute: (request: EventQuery) => Promise<ProbeAnswer>,
  zone: TimeZone,
): Promise<Explanation> {
  const answers: ProbeAnswer[] = [];
  for (;;) {
    const step = nextStep(query, answers, zone);
    if (step.kind === 'explained') {
      return step.explanation;
    }
    if (answers.length >= MAX_EXTRA_REQUESTS) {
      throw new Error(`the plan asked for more than ${MAX_EXTRA_REQUESTS} extra requests`);
    }
    answers.push(await execute(step.query));
  }
}

function windowOf(query: EventQuery): EventQuery {
  const { minutes, timeStart, timeEnd } = query;
  return { ...(minutes !== undefined ? { minutes } : {}), ...(timeStart ? { timeStart } : {}), ...(timeEnd ? { timeEnd } : {}) };
}

function withoutWindow(query: EventQuery): EventQuery {
  const { minutes: _m, timeStart: _s, timeEnd: _e, ...rest } = query;
  return rest;
}

function windowExplanation(query: EventQuery, range: string, newest: ProbeAnswer, zone: TimeZone): Explanation {
  const at = newestInstant(newest.records);
  if (!at) {
    return {
      reason: 'nothing',
      message: l10n.t('There are no events at all: the API has none for this organization.'),
      correction: undefined,
    };
  }
  const start: Instant = { ms: at.ms - HOUR_MS, ticks: 0 };
  return {
    reason: 'window',
    message: l10n.t('No events at all in {0}; the newest is from {1}: query from an hour before it?', range, formatTime(at, zone)),
    correction: toQueryInput({ ...withoutWindow(query), timeStart: start }),
  };
}

function filterExplanation(
  query: EventQuery,
  range: string,
  missing: readonly TextField[],
  counts: Map<TextField, Map<string, number>>,
  full: boolean,
): Explanation {
  const corrected: Record<string, unknown> = { ...query };
  const sentences: string[] = [];
  for (const field of missing) {
    const value = query[field]!;
    const known = counts.get(field)!;
    const nearest = nearestKnown(value, known)[0];
    const label = fieldLabel(field);
    if (nearest !== undefined) {
      corrected[field] = nearest;
      const had = eventsPhrase(known.get(nearest) ?? 0, full);
      sentences.push(
        sentences.length === 0
          ? l10n.t('No events for {0} "{1}" in {2}; "{3}" had {4}: use it?', label, value, range, nearest, had)
          : l10n.t('{0} "{1}" had none either; "{2}" had {3}.', label, value, nearest, had),
      );
    } else {
      delete corrected[field];
      const seen = [...known.entries()]
        .sort((a, b) => b[1] - a[1])
        .slice(0, 3)
        .map(([v]) => `"${v}"`)
        .join(', ');
      sentences.push(
        sentences.length === 0
          ? l10n.t('No events for {0} "{1}" in {2}, nor any value like it (seen: {3}): query without it?', label, value, range, seen)
          : l10n.t('{0} "{1}" had none either, nor any value like it.', label, value),
      );
    }
  }
  return { reason: 'filter', message: sentences.join(' '), correction: toQueryInput(corrected) };
}

function combination(
  query: EventQuery,
  range: string,
  filters: readonly TextField[],
  countOf: (field: TextField, value: string) => number,
  full: boolean,
): Explanation {
  const counted = filters.map((field) => ({ field, value: query[field]!, count: countOf(field, query[field]!) }));
  const rarest = [...counted].sort((a, b) => a.count - b.count)[0]!;
  const each = counted
    .map(({ field, value, count }) =>
      l10n.t('{0} "{1}": {2}', fieldLabel(field), value, count > 0 ? eventsPhrase(count, full) : l10n.t('older events')),
    )
    .join('; ');
  const { [rarest.field]: _dropped, ...rest } = query;
  return {
    reason: 'combination',
    message: l10n.t(
      'Each filter matches events in {0} ({1}), but no event matches them all: query without {2} "{3}"?',
      range,
      each,
      fieldLabel(rarest.field),
      rarest.value,
    ),
    correction: toQueryInput(rest),
  };
}

function eventsPhrase(count: number, full: boolean): string {
  return full ? l10n.t('{0} of the newest {1} events', count, SAMPLE_LIMIT) : eventsText(count);
}

function newestInstant(records: readonly ConnectionEvent[]): Instant | undefined {
  let newest: Instant | undefined;
  for (const record of records) {
    const at = eventInstant(record);
    if (at && (!newest || compareInstants(at, newest) > 0)) {
      newest = at;
    }
  }
  return newest;
}

function sumWhere(values: ReadonlyMap<string, number>, test: (value: string) => boolean): number {
  let sum = 0;
  for (const [value, count] of values) {
    sum += test(value) ? count : 0;
  }
  return sum;
}

function request(query: EventQuery): Step {
  return { kind: 'request', query };
}

function explained(explanation: Explanation): Step {
  return { kind: 'explained', explanation };
}
